import { afterAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { createProducerConnection, createQueue, enqueueAnalysis, enqueueAssignmentReanalysis, enqueueRescore, EnqueueTimeoutError, type AnalyzeJob, type RescoreJob } from './index.js';
import { uniquePrefix } from '../../../test/support/database.js';
import { TEST_REDIS_URL } from '../../../test/support/services.js';

// Regression: with a Redis that never answered since start-up, BullMQ waits for the connection
// forever, so PUT starter / PATCH settings / POST groups / DELETE students never answered, although
// their changes were committed. Every enqueue now rejects after a bounded wait.
describe('enqueue with a Redis that never answered', () => {
  const dead = createProducerConnection('redis://127.0.0.1:1');
  const analyze = createQueue<AnalyzeJob>('analyze', dead, uniquePrefix());
  const rescore = createQueue<RescoreJob>('rescore', dead, uniquePrefix());

  afterAll(async () => {
    dead.disconnect();
    await Promise.all([analyze.close(), rescore.close()]).catch(() => undefined);
  });

  it('rejects each kind of add with EnqueueTimeoutError instead of waiting', async () => {
    await expect(enqueueAnalysis(analyze, { submissionId: 1, revision: 1 }, 'test', undefined, 200)).rejects.toBeInstanceOf(EnqueueTimeoutError);
    await expect(enqueueAssignmentReanalysis(analyze, [1], 'starter-changed')).rejects.toBeInstanceOf(EnqueueTimeoutError);
    await expect(enqueueRescore(rescore, { assignmentId: 1 }, 'a1')).rejects.toBeInstanceOf(EnqueueTimeoutError);
  });
});

describe('enqueue with a live Redis', () => {
  const live = createProducerConnection(TEST_REDIS_URL);
  const queue: Queue<AnalyzeJob> = createQueue<AnalyzeJob>('analyze', live, uniquePrefix());

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    live.disconnect();
  });

  it('adds the job under its deterministic id', async () => {
    const id = await enqueueAnalysis(queue, { submissionId: 5, revision: 2 }, 'test');
    expect((await queue.getJob(id))?.data).toEqual({ submissionId: 5, revision: 2 });
  });
});

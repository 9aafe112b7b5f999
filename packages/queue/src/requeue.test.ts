import { afterAll, describe, expect, it } from 'vitest';
import { Queue, Worker, UnrecoverableError } from 'bullmq';
import { Redis } from 'ioredis';
import { analyzeJobId, enqueueAnalysis, requeueAnalysis, type AnalyzeJob } from './index.js';
import { uniquePrefix } from '../../../test/support/database.js';
import { TEST_REDIS_URL } from '../../../test/support/services.js';

// Regression: a job whose attempts all ran while Postgres was down stays failed under its
// deterministic id, and a plain re-add is a no-op, so the sweeper's retry was swallowed.
const prefix = uniquePrefix();
const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue<AnalyzeJob>('analyze', { connection, prefix });

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
});

describe('requeueAnalysis', () => {
  it('replaces a failed job under the same id, where enqueueAnalysis cannot', async () => {
    const job = { submissionId: 7, revision: 1 };
    const id = analyzeJobId(job.submissionId, job.revision, 'test');
    await queue.add('analyze', job, { jobId: id, attempts: 1 });
    const failing = new Worker<AnalyzeJob>('analyze', async () => { throw new UnrecoverableError('postgres down'); }, { connection: connection.duplicate({ maxRetriesPerRequest: null }), prefix });
    await new Promise<void>((resolve) => failing.on('failed', () => resolve()));
    await failing.close();
    expect(await (await queue.getJob(id))!.getState()).toBe('failed');

    await enqueueAnalysis(queue, job, 'test');
    expect(await (await queue.getJob(id))!.getState()).toBe('failed');

    await requeueAnalysis(queue, job, 'test');
    expect(await (await queue.getJob(id))!.getState()).toBe('waiting');
    // A waiting job is left alone: requeueing twice does not double the work.
    await requeueAnalysis(queue, job, 'test');
    expect(await queue.getJobCounts('waiting', 'failed')).toEqual({ waiting: 1, failed: 0 });
  });
});

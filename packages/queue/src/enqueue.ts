import type { JobsOptions, Queue } from 'bullmq';
import { analyzeJobId, type AnalyzeJob, type RescoreJob } from './queue.js';

/** Job names on the analyze queue: one submission, or a fan-out over assignments' latest submissions. */
export const ANALYZE_JOB = 'analyze';
export const REANALYZE_JOB = 'reanalyze-assignments';
export const RESCORE_JOB = 'rescore';

/** Re-analyse the latest submission of every student in these assignments (starter code changed, a group linked). */
export interface ReanalyzeJob { assignmentIds: number[]; reason: string }

/** What the analyze queue carries; the worker dispatches on the job name. */
export type AnalyzeQueueJob = AnalyzeJob | ReanalyzeJob;

export const ANALYZE_ATTEMPTS = 5;

/**
 * How long an add may wait for Redis. A Redis that never answered since start-up leaves BullMQ
 * waiting for its connection forever (no offline queue only fails commands once a connection
 * has been seen), so an HTTP handler that enqueues would hang; past this an add rejects.
 */
export const ADD_TIMEOUT_MS = 2000;

export class EnqueueTimeoutError extends Error {
  constructor(queue: string, ms: number) {
    super(`Redis did not take the job on queue ${queue} within ${ms} ms`);
    this.name = 'EnqueueTimeoutError';
  }
}

/** queue.add, rejected after `ms`; a late answer is dropped, never an unhandled rejection. */
async function addWithin<T>(queue: Queue<T>, name: string, data: T, opts: JobsOptions, ms = ADD_TIMEOUT_MS): Promise<void> {
  const adding = (queue as unknown as Queue).add(name, data, opts);
  adding.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EnqueueTimeoutError(queue.name, ms)), ms);
  });
  try {
    await Promise.race([adding, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Completed jobs are removed so the same job id can be added again later (the sweeper, a
 * reanalysis); failed ones stay a week for inspection, so anything that must re-run a failed
 * submission adds a suffix to its job id.
 */
const ANALYZE_OPTIONS: JobsOptions = {
  attempts: ANALYZE_ATTEMPTS,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Adds the analysis of one submission. Adding while an identical job waits is a no-op
 * (deterministic job id), so retries and the sweeper never double the work. `suffix`
 * makes a deliberate re-analysis distinct from an earlier failed job of the same revision.
 */
export async function enqueueAnalysis(
  queue: Queue<AnalyzeJob>,
  job: AnalyzeJob,
  engineVersion: string,
  suffix?: string,
  timeoutMs = ADD_TIMEOUT_MS,
): Promise<string> {
  const base = analyzeJobId(job.submissionId, job.revision, engineVersion);
  const jobId = suffix ? `${base}-${suffix.replace(/[^A-Za-z0-9_.-]/g, '_')}` : base;
  await addWithin(queue, ANALYZE_JOB, { submissionId: job.submissionId, revision: job.revision }, { ...ANALYZE_OPTIONS, jobId }, timeoutMs);
  return jobId;
}

/**
 * The sweeper's re-enqueue: like enqueueAnalysis, but a failed job left under the same id
 * (its last attempts ran while Postgres was down, so the failure could not be recorded) is
 * removed first; otherwise the deterministic id would swallow the retry for a week.
 */
export async function requeueAnalysis(queue: Queue<AnalyzeJob>, job: AnalyzeJob, engineVersion: string): Promise<string> {
  const existing = await queue.getJob(analyzeJobId(job.submissionId, job.revision, engineVersion));
  if (existing && (await existing.isFailed())) await existing.remove();
  return enqueueAnalysis(queue, job, engineVersion);
}

/**
 * Asks the worker to re-analyse the latest submissions of these assignments: one small job,
 * so an HTTP handler (starter code saved, comparison group linked) makes one Redis call and
 * needs no SQL; the worker marks the submissions queued (the sweeper's safety net) and fans out.
 */
export async function enqueueAssignmentReanalysis(
  queue: Queue<AnalyzeJob>,
  assignmentIds: number[],
  reason: string,
  now: number = Date.now(),
): Promise<string> {
  const ids = [...new Set(assignmentIds)].sort((a, b) => a - b);
  const jobId = `reanalyze-${ids.join('_')}-${now.toString(36)}`;
  const fanOut = queue as unknown as Queue<ReanalyzeJob>;
  await addWithin(fanOut, REANALYZE_JOB, { assignmentIds: ids, reason }, { ...ANALYZE_OPTIONS, jobId });
  return jobId;
}

export interface RescoreOptions {
  /** Width of the debounce window; the job runs at the window's end. */
  debounceMs?: number;
  now?: number;
}

export const DEFAULT_RESCORE_DEBOUNCE_MS = 3000;

/**
 * Debounced rescore of one comparison scope. Every request inside one time window shares a
 * job id and the job is delayed to the window's end, so it starts only after the last request
 * of its window was made (and that request's data was committed before it enqueued).
 */
export async function enqueueRescore(
  queue: Queue<RescoreJob>,
  job: RescoreJob,
  scopeKey: string,
  options: RescoreOptions = {},
): Promise<string> {
  const width = options.debounceMs ?? DEFAULT_RESCORE_DEBOUNCE_MS;
  const now = options.now ?? Date.now();
  const bucket = Math.floor(now / width);
  const jobId = `rescore-${scopeKey}-${bucket}`;
  await addWithin(queue, RESCORE_JOB, { assignmentId: job.assignmentId }, {
    jobId,
    delay: Math.max(0, (bucket + 1) * width - now),
    attempts: 3,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: { age: 24 * 3600 },
  });
  return jobId;
}

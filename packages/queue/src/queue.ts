import { Queue, Worker, type ConnectionOptions, type Processor, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '@crosscheck/config';

export const ANALYZE_QUEUE = 'analyze';
export const RESCORE_QUEUE = 'rescore';

/** Jobs carry ids only: the data lives in Postgres. */
export interface AnalyzeJob { submissionId: number; revision: number }
export interface RescoreJob { assignmentId: number }

/**
 * BullMQ job ids may not contain ':' nor be all digits. Including the revision and the
 * engine version means a needed re-analysis is never swallowed by an old completed job.
 */
export function analyzeJobId(submissionId: number, revision: number, engineVersion: string): string {
  return `sub-${submissionId}-r${revision}-e${engineVersion.replace(/[^A-Za-z0-9_.]/g, '_')}`;
}

/**
 * A connection for producers: no offline queue and a short connect timeout, so an
 * enqueue fails fast on a dead Redis instead of holding a webhook response.
 */
export function createProducerConnection(redisUrl: string, log?: Logger): Redis {
  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on('error', (err) => log?.warn({ err: { message: err.message } }, 'redis producer connection error'));
  return redis;
}

/** A connection for workers: BullMQ requires maxRetriesPerRequest null for blocking commands. */
export function createWorkerConnection(redisUrl: string, log?: Logger): Redis {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(times * 200, 2000) });
  redis.on('error', (err) => log?.warn({ err: { message: err.message } }, 'redis worker connection error'));
  return redis;
}

export function createQueue<T>(name: string, connection: ConnectionOptions, prefix: string, log?: Logger): Queue<T> {
  const queue = new Queue<T>(name, { connection, prefix });
  queue.on('error', (err) => log?.warn({ err: { message: err.message }, queue: name }, 'queue error'));
  return queue;
}

export function createWorker<T>(
  name: string,
  processor: Processor<T>,
  connection: ConnectionOptions,
  prefix: string,
  log: Logger,
  options: Partial<WorkerOptions> = {},
): Worker<T> {
  const worker = new Worker<T>(name, processor, { connection, prefix, ...options });
  worker.on('error', (err) => log.error({ err, queue: name }, 'worker error'));
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, queue: name, err: { message: err.message } }, 'job failed'));
  return worker;
}

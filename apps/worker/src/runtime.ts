import type { Job, Queue, Worker } from 'bullmq';
import type { Config, Logger } from '@crosscheck/config';
import { createPool, type Pool } from '@crosscheck/db';
import {
  ANALYZE_QUEUE, RESCORE_QUEUE, createQueue, createWorker, createWorkerConnection,
  type AnalyzeJob, type AnalyzeQueueJob, type RescoreJob,
} from '@crosscheck/queue';
import { ENGINE_VERSION } from '@crosscheck/similarity';
import { processAnalyzeJob } from './analyze.js';
import { processRescoreJob } from './rescore.js';
import { startSweeper, type Sweeper } from './sweeper.js';
import { DEFAULT_TUNING, type WorkerTuning } from './tuning.js';

export interface WorkerRuntimeDeps {
  pool: Pool;
  log: Logger;
  redisUrl: string;
  queuePrefix: string;
  concurrency: number;
  tuning?: Partial<WorkerTuning>;
}

export interface WorkerRuntime {
  analyzeQueue: Queue<AnalyzeJob>;
  rescoreQueue: Queue<RescoreJob>;
  sweeper: Sweeper;
  tuning: WorkerTuning;
  /** No job waiting, delayed or running on either queue. */
  isIdle(): Promise<boolean>;
  /** Stops the sweeper, lets running jobs finish, closes workers, queues and the Redis connection (not the pool). */
  close(): Promise<void>;
}

const PENDING_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

/** The consumers and the sweeper on an existing pool: what main.ts runs and what tests start in-process. */
export async function createWorkerRuntime(deps: WorkerRuntimeDeps): Promise<WorkerRuntime> {
  const tuning: WorkerTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const { log, pool, queuePrefix: prefix } = deps;
  const connection = createWorkerConnection(deps.redisUrl, log);
  const analyzeQueue = createQueue<AnalyzeJob>(ANALYZE_QUEUE, connection, prefix, log);
  const rescoreQueue = createQueue<RescoreJob>(RESCORE_QUEUE, connection, prefix, log);
  const analyzeDeps = { pool, log, analyzeQueue, rescoreQueue, tuning };
  const workers: Worker[] = [
    createWorker<AnalyzeQueueJob>(ANALYZE_QUEUE, (job: Job<AnalyzeQueueJob>) => processAnalyzeJob(analyzeDeps, job), connection, prefix, log, {
      concurrency: deps.concurrency,
    }),
    // One rescore at a time: each reads the whole scope, and the debounce already merges bursts.
    createWorker<RescoreJob>(RESCORE_QUEUE, (job: Job<RescoreJob>) => processRescoreJob({ pool, log }, job), connection, prefix, log, {
      concurrency: 1,
    }),
  ];
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  const sweeper = startSweeper({ pool, log, analyzeQueue }, {
    intervalMs: tuning.sweepIntervalMs,
    afterSeconds: tuning.sweepAfterSeconds,
    batch: tuning.sweepBatch,
  });
  return {
    analyzeQueue,
    rescoreQueue,
    sweeper,
    tuning,
    async isIdle() {
      const counts = await Promise.all([analyzeQueue, rescoreQueue].map((q) => q.getJobCounts(...PENDING_STATES)));
      return counts.every((c) => Object.values(c).every((n) => n === 0));
    },
    async close() {
      await sweeper.stop();
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([analyzeQueue.close(), rescoreQueue.close()]);
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

export interface RunningWorker {
  runtime: WorkerRuntime;
  pool: Pool;
  /** Graceful stop; the pool is ended last. */
  stop(): Promise<void>;
}

/** Builds the pool and the runtime from the configuration and logs 'worker ready' once consuming. */
export async function startWorker(config: Config, log: Logger, tuning: Partial<WorkerTuning> = {}): Promise<RunningWorker> {
  // Each concurrent job holds at most one client at a time, plus the sweeper and the rescore.
  const pool = createPool(config.databaseUrl, log, config.workerConcurrency + 4);
  const runtime = await createWorkerRuntime({
    pool,
    log,
    redisUrl: config.redisUrl,
    queuePrefix: config.queuePrefix,
    concurrency: config.workerConcurrency,
    tuning: { sweepAfterSeconds: config.sweepAfterSeconds, ...tuning },
  });
  log.info({ concurrency: config.workerConcurrency, queuePrefix: config.queuePrefix, engineVersion: ENGINE_VERSION }, 'worker ready');
  return {
    runtime,
    pool,
    async stop() {
      await runtime.close();
      await pool.end();
    },
  };
}

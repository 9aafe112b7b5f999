import { createLogger } from '../../packages/config/src/index.js';
import type { Pool } from '../../packages/db/src/index.js';
import { createWorkerRuntime, type WorkerRuntime, type WorkerTuning } from '../../apps/worker/src/index.js';
import { TEST_REDIS_URL } from './services.js';

/**
 * The worker's consumers in-process on a test database and queue prefix. Timers are short so a
 * test waits for its own work, not for production debounce windows; the sweeper stays out of the
 * way unless a test drives it.
 */
export async function startTestWorker(
  pool: Pool,
  queuePrefix: string,
  options: { concurrency?: number; tuning?: Partial<WorkerTuning> } = {},
): Promise<WorkerRuntime> {
  return createWorkerRuntime({
    pool,
    log: createLogger({ level: 'silent' }),
    redisUrl: TEST_REDIS_URL,
    queuePrefix,
    concurrency: options.concurrency ?? 4,
    tuning: { rescoreDebounceMs: 200, sweepIntervalMs: 3_600_000, ...options.tuning },
  });
}

/** Closes the runtime and removes its queues' keys from Redis. */
export async function stopTestWorker(runtime: WorkerRuntime | undefined): Promise<void> {
  if (!runtime) return;
  await runtime.sweeper.stop();
  await Promise.all([runtime.analyzeQueue, runtime.rescoreQueue].map((q) => q.obliterate({ force: true }).catch(() => undefined)));
  await runtime.close();
}

/**
 * Waits until no submission is queued and both queues are empty, twice in a row (a finishing
 * analysis enqueues its rescore before it completes). Fails loudly when the work never settles.
 */
export async function waitForWorkerIdle(pool: Pool, runtime: WorkerRuntime, limitMs = 120_000): Promise<void> {
  const started = Date.now();
  let settled = 0;
  while (settled < 2) {
    if (Date.now() - started > limitMs) throw new Error(`worker did not settle within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
    const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM submissions WHERE analysis_status = 'queued'");
    settled = rows[0].n === 0 && (await runtime.isIdle()) ? settled + 1 : 0;
  }
}

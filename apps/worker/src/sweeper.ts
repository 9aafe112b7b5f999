import type { Queue } from 'bullmq';
import type { Logger } from '@crosscheck/config';
import { listStaleQueuedSubmissions, type Pool } from '@crosscheck/db';
import { requeueAnalysis, type AnalyzeJob } from '@crosscheck/queue';
import { ENGINE_VERSION } from '@crosscheck/similarity';

export interface SweeperDeps {
  pool: Pool;
  log: Logger;
  analyzeQueue: Queue<AnalyzeJob>;
}

export interface SweeperOptions {
  intervalMs: number;
  afterSeconds: number;
  batch: number;
}

export interface Sweeper {
  /** One pass: re-enqueues submissions queued longer than afterSeconds; returns how many. */
  sweepOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/**
 * Redis here keeps nothing on disk, so a restart loses queued jobs while Postgres still says
 * `queued` (DESIGN 1). Re-adding uses the job's deterministic id: a job still waiting is not
 * doubled, a lost one comes back.
 */
export function startSweeper(deps: SweeperDeps, options: SweeperOptions): Sweeper {
  let running: Promise<number> | null = null;
  const sweepOnce = async (): Promise<number> => {
    const stale = await listStaleQueuedSubmissions(deps.pool, options.afterSeconds, options.batch);
    for (const ref of stale) await requeueAnalysis(deps.analyzeQueue, ref, ENGINE_VERSION);
    if (stale.length > 0) deps.log.info({ submissions: stale.length }, 'stale queued submissions re-enqueued');
    return stale.length;
  };
  const tick = (): void => {
    if (running) return;
    running = sweepOnce()
      .catch((err: unknown) => {
        // Postgres or Redis down: the next tick tries again.
        deps.log.warn({ err: { message: (err as Error).message } }, 'sweep failed');
        return 0;
      })
      .finally(() => { running = null; });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    sweepOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

import { DEFAULT_RESCORE_DEBOUNCE_MS } from '@crosscheck/queue';

/** The worker's knobs; defaults suit a classroom, tests shorten the timers. */
export interface WorkerTuning {
  /**
   * A hash is left out of the candidate query (never out of scoring) when more than this share
   * of the scope's students hold it AND more than minCommonHolders do (DESIGN 6): boilerplate
   * everyone writes would otherwise make every submission a candidate of every other.
   */
  commonShare: number;
  minCommonHolders: number;
  /** At most this many candidates are scored per analysis, those sharing the most rare hashes first. */
  candidateLimit: number;
  /** A file this many tokens or longer found identical in another submission makes that one a candidate. */
  identicalMinTokens: number;
  /** A submission with at most this many tokens has few or no fingerprints: other small ones become candidates. */
  smallTokens: number;
  smallLimit: number;
  rescoreDebounceMs: number;
  sweepIntervalMs: number;
  /** Submissions still queued after this long are re-enqueued (config SWEEP_AFTER_SECONDS). */
  sweepAfterSeconds: number;
  sweepBatch: number;
}

export const DEFAULT_TUNING: Readonly<WorkerTuning> = Object.freeze({
  commonShare: 0.5,
  minCommonHolders: 200,
  candidateLimit: 200,
  identicalMinTokens: 20,
  smallTokens: 40,
  smallLimit: 200,
  rescoreDebounceMs: DEFAULT_RESCORE_DEBOUNCE_MS,
  sweepIntervalMs: 30_000,
  sweepAfterSeconds: 180,
  sweepBatch: 500,
});

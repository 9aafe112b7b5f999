import type { ScoringContext } from './types.js';

/**
 * Weight of a shared fingerprint by how many students hold it (compare50's idea: a match few
 * students share is stronger evidence). (1 / df)^alpha down-weights idioms the whole class writes
 * without deleting them, so two identical files still score 1 (all their weights cancel).
 */
export function createWeigher(ctx: ScoringContext, alpha: number): (hash: number) => number {
  if (alpha === 0) return () => 1;
  return (hash) => Math.pow(Math.max(1, ctx.documentFrequency(hash)), -alpha);
}

import { resolveOptions, type EngineOptions } from './options.js';

export interface RankInput {
  a: string;
  b: string;
  similarity: number;
  weightedSimilarity: number;
}

/** Below this many submissions a scope has no background to stand out from. */
export const MIN_BACKGROUND = 5;

/**
 * Places each pair against its scope's background (DESIGN 9). In a small task every solution looks
 * alike, so what marks a copy is how far a pair stands above what each of its two submissions
 * shares with everyone else. Pairs not listed count as similarity 0 (the callers list every pair
 * that shares anything). With fewer than MIN_BACKGROUND submissions the rank score is the similarity.
 */
export function rankPairs(pairs: readonly RankInput[], options?: Partial<EngineOptions>): number[] {
  const opts = resolveOptions(options);
  const sums = new Map<string, number>();
  for (const p of pairs) {
    sums.set(p.a, (sums.get(p.a) ?? 0) + p.weightedSimilarity);
    sums.set(p.b, (sums.get(p.b) ?? 0) + p.weightedSimilarity);
  }
  const n = sums.size;
  if (!opts.backgroundRanking || n < MIN_BACKGROUND) return pairs.map((p) => p.similarity);
  const mean = (id: string): number => (sums.get(id) ?? 0) / (n - 1);
  return pairs.map((p) => {
    const background = Math.max(mean(p.a), mean(p.b));
    return p.weightedSimilarity - background;
  });
}

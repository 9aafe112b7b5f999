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
 * alike, so a pair matters by how far it stands above what pairs of that assignment share anyway:
 * the background is the mean pair score plus `backgroundSpread` standard deviations (pairs not
 * listed count as 0: callers list every pair that shares anything), and the rank score is the share
 * of the distance from that background to identical that the pair covers, so identical files still
 * rank 1 and a weak pair in a noisy assignment falls below zero. The pair score blends the stable
 * similarity with the rarity-weighted one. With fewer than MIN_BACKGROUND submissions the rank
 * score is the similarity itself.
 */
export function rankPairs(pairs: readonly RankInput[], options?: Partial<EngineOptions>): number[] {
  const ids = new Map<string, number>();
  const idOf = (id: string): number => {
    let n = ids.get(id);
    if (n === undefined) ids.set(id, (n = ids.size));
    return n;
  };
  for (const p of pairs) { idOf(p.a); idOf(p.b); }
  return Array.from(
    computeRanks(
      ids.size,
      Float64Array.from(pairs, (p) => p.similarity),
      Float64Array.from(pairs, (p) => p.weightedSimilarity),
      resolveOptions(options),
    ),
  );
}

/** rankPairs over parallel arrays, for batches of tens of thousands of pairs. */
export function computeRanks(submissions: number, similarity: Float64Array, weighted: Float64Array, opts: EngineOptions): Float64Array {
  const count = similarity.length;
  if (!opts.backgroundRanking || submissions < MIN_BACKGROUND) return Float64Array.from(similarity);
  const blend = new Float64Array(count);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < count; i++) {
    const x = (1 - opts.rankBlend) * similarity[i] + opts.rankBlend * weighted[i];
    blend[i] = x;
    sum += x;
    squares += x * x;
  }
  const all = (submissions * (submissions - 1)) / 2;
  const mean = sum / all;
  const spread = Math.sqrt(Math.max(0, squares / all - mean * mean));
  // Capped so an assignment where everything is identical still ranks identical pairs at 1.
  const background = Math.min(MAX_BACKGROUND, mean + opts.backgroundSpread * spread);
  for (let i = 0; i < count; i++) blend[i] = (blend[i] - background) / (1 - background);
  return blend;
}

const MAX_BACKGROUND = 0.95;

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
 * alike, so a pair matters by how far it stands above what pairs of that assignment share anyway.
 * The background is a low quantile (`backgroundQuantile`) of all the scope's pair scores, pairs not
 * listed counting as 0 (callers list every pair that shares anything): a quantile rather than the
 * mean, so that when most of a class copies one source the background is still what independent
 * pairs share, not the copies themselves. The rank score is the share of the distance from that
 * background to identical that the pair covers: identical files rank 1 whatever the background,
 * and pairs at or below it rank 0 or less. The pair score blends the stable similarity with the
 * rarity-weighted one (`rankBlend`). With fewer than MIN_BACKGROUND submissions the rank score is
 * the similarity itself.
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
  for (let i = 0; i < count; i++) blend[i] = (1 - opts.rankBlend) * similarity[i] + opts.rankBlend * weighted[i];
  const background = Math.min(MAX_BACKGROUND, findQuantile(blend, (submissions * (submissions - 1)) / 2, opts.backgroundQuantile));
  for (let i = 0; i < count; i++) blend[i] = (blend[i] - background) / (1 - background);
  return blend;
}

/** The q-quantile of `all` scores of which only `listed` are non-zero (the rest are 0). */
function findQuantile(listed: Float64Array, all: number, q: number): number {
  const rank = Math.floor(q * Math.max(0, all - 1));
  const zeros = all - listed.length;
  if (rank < zeros) return 0;
  return Float64Array.from(listed).sort()[Math.min(listed.length - 1, rank - zeros)];
}

/** An assignment whose pairs are all near-identical still ranks identical pairs at 1, others well below. */
const MAX_BACKGROUND = 0.95;

import { toEngineFile, type EngineFile } from './analyze.js';
import { LITERAL_BASE } from './literals.js';
import type { EngineOptions } from './options.js';
import { RunScratch } from './runs.js';
import { markStarterTokens } from './starter.js';
import type { AnalyzedFile, AnalyzedSubmission, ScoringContext } from './types.js';

/**
 * Below t = k + window - 1 tokens winnowing cannot promise to find a shared run (two 14-token files
 * differing in their last token share no 12-gram), so such files are compared by token bigrams.
 */
export function isSmallFile(tokenCount: number, opts: EngineOptions): boolean {
  return tokenCount > 0 && tokenCount < opts.k + opts.window - 1;
}

/** What a comparison needs from one file, independent of the file it is compared with. */
export interface FileStats {
  file: EngineFile;
  /** Long enough for the winnowing guarantee (otherwise a small file, compared by token bigrams). */
  big: boolean;
  /** Tokens inside starter k-grams, or null when none are. */
  starter: Uint8Array | null;
  /** Tokens that are not starter code: the file's weight in the denominator. */
  own: number;
  /** Sorted distinct structural fingerprint hashes that are not starter code, and their rarity weights. */
  hashes: Float64Array;
  weights: Float64Array;
  hashWeight: number;
}

export interface SubmissionStats {
  files: FileStats[];
  /** Union of the files' structural hashes, sorted, and their rarity weights. */
  hashes: Float64Array;
  weights: Float64Array;
  /** Sorted distinct literal hashes that are not starter code, and their rarity weights. */
  literals: Float64Array;
  literalWeights: Float64Array;
  literalWeight: number;
}

/**
 * Per-file and per-submission summaries for one scoring context, so that comparing one
 * submission with hundreds of others computes them once. Created per context by the caller
 * (a batch, a worker job); comparePair works without one, only slower.
 */
export interface PairCache {
  ctx: ScoringContext;
  rarityWeight: number;
  files: WeakMap<AnalyzedFile, FileStats>;
  submissions: WeakMap<AnalyzedSubmission, SubmissionStats>;
  /** Buffers one comparison at a time reuses (comparisons are synchronous, so one set suffices). */
  scratch: RunScratch;
}

export function createPairCache(ctx: ScoringContext, rarityWeight: number): PairCache {
  return { ctx, rarityWeight, files: new WeakMap(), submissions: new WeakMap(), scratch: new RunScratch() };
}

/**
 * (1 / df)^alpha (compare50's idea): a match few students share is stronger evidence; idioms the
 * whole class writes count less without being deleted, so identical files still score 1.
 */
function weighAll(hashes: Float64Array, cache: PairCache): Float64Array {
  const out = new Float64Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) {
    out[i] = cache.rarityWeight === 0 ? 1 : Math.pow(Math.max(1, cache.ctx.documentFrequency(hashes[i])), -cache.rarityWeight);
  }
  return out;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/** Distinct values of sorted arrays that pass keep, merged. */
function mergeDistinct(arrays: Float64Array[], keep: (h: number) => boolean): Float64Array {
  const out: number[] = [];
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (keep(a[i])) out.push(a[i]);
  const sorted = Float64Array.from(out).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i];
  return sorted.slice(0, n);
}

function buildFileStats(analyzed: AnalyzedFile, cache: PairCache, opts: EngineOptions): FileStats {
  const file = toEngineFile(analyzed, opts);
  const starterSet = cache.ctx.starterHashes;
  const starter = markStarterTokens(file.kgrams, file.k, file.tokenCount, starterSet);
  let starterTokens = 0;
  if (starter) for (let i = 0; i < starter.length; i++) starterTokens += starter[i];
  const hashes = mergeDistinct([file.sortedHashes], (h) => h < LITERAL_BASE && !starterSet.has(h));
  const weights = weighAll(hashes, cache);
  return { file, big: !isSmallFile(file.tokenCount, opts), starter, own: file.tokenCount - starterTokens, hashes, weights, hashWeight: sum(weights) };
}

export function getSubmissionStats(sub: AnalyzedSubmission, cache: PairCache, opts: EngineOptions): SubmissionStats {
  let stats = cache.submissions.get(sub);
  if (stats) return stats;
  const files = sub.files
    .filter((f) => !f.skipReason && f.tokenCount > 0)
    .map((f) => {
      let s = cache.files.get(f);
      if (!s) {
        s = buildFileStats(f, cache, opts);
        cache.files.set(f, s);
      }
      return s;
    });
  const starterSet = cache.ctx.starterHashes;
  const literals = mergeDistinct(files.map((f) => f.file.sortedHashes), (h) => h >= LITERAL_BASE && !starterSet.has(h));
  const literalWeights = weighAll(literals, cache);
  const hashes = files.length === 1 ? files[0].hashes : mergeDistinct(files.map((f) => f.hashes), () => true);
  stats = {
    files,
    hashes,
    weights: files.length === 1 ? files[0].weights : weighAll(hashes, cache),
    literals,
    literalWeights,
    literalWeight: sum(literalWeights),
  };
  cache.submissions.set(sub, stats);
  return stats;
}

/** Calls visit(i, j) for every value present in both sorted distinct arrays, with its index in each. */
export function intersectSorted(a: Float64Array, b: Float64Array, visit: (i: number, j: number) => void): void {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x < y) i++;
    else if (x > y) j++;
    else visit(i++, j++);
  }
}

import type { EngineFile } from './analyze.js';
import { resolveOptions, type EngineOptions } from './options.js';
import { createPairCache, getSubmissionStats, intersectSorted, type FileStats, type PairCache, type SubmissionStats } from './pair-cache.js';
import { findRuns, mergeTiles, tileRuns, type Run, type RunScratch } from './runs.js';
import { compareSmallFiles, findLongestCommonRun } from './small-files.js';
import type { AnalyzedSubmission, Fragment, PairEvidence, ScoringContext, Span } from './types.js';

/**
 * Evidence that two submissions share code. `similarity` depends only on the two submissions and
 * the starter code (a stable pairwise score, DESIGN 9): the share of their own (non-starter) tokens
 * covered by maximal shared runs, files weighted by their token counts. `weightedSimilarity` also
 * uses how many students of the scope hold each fingerprint (DESIGN 8) and blends in the literal
 * signal, so it changes as the class grows. Pass a cache from createPairCache(ctx) when comparing
 * one submission with many.
 */
export function comparePair(
  a: AnalyzedSubmission,
  b: AnalyzedSubmission,
  ctx: ScoringContext,
  options?: Partial<EngineOptions>,
  cache?: PairCache,
): PairEvidence {
  return scorePair(a, b, ctx, resolveOptions(options), cache, true);
}

/**
 * comparePair's body. Batch scoring that only prints scores passes withFragments = false: the
 * fragment list (spans on both sides) is then left empty, everything else is identical.
 */
export function scorePair(
  a: AnalyzedSubmission,
  b: AnalyzedSubmission,
  ctx: ScoringContext,
  opts: EngineOptions,
  cache: PairCache | undefined,
  withFragments: boolean,
): PairEvidence {
  const c = cache && cache.ctx === ctx ? cache : createPairCache(ctx, opts.rarityWeight);
  const A = getSubmissionStats(a, c, opts);
  const B = getSubmissionStats(b, c, opts);

  const runCount = findRuns(A.files, B.files, (h) => ctx.starterHashes.has(h), c.scratch);
  const coveredA = A.files.map((f, i) => startCovered(f, runCount > 0, c.scratch, i));
  const coveredB = B.files.map((f, i) => startCovered(f, runCount > 0, c.scratch, A.files.length + i));
  const tileCount = runCount > 0 ? tileRuns(c.scratch, coveredA, coveredB, opts.minRunTokens) : 0;
  // Tiles stay in typed arrays unless something needs them as objects (merging, small files, fragments).
  const hasSmall = A.files.some((f) => !f.big) || B.files.some((f) => !f.big);
  const tiles = tileCount > 0 && (opts.mergeGap > 0 || withFragments || hasSmall) ? mergeTiles(c.scratch.tiles.toRuns(), coveredA, coveredB, opts.mergeGap) : null;
  const countA = countCoverage(A.files.length, c.scratch, tiles, coveredA, opts.mergeGap > 0, true);
  const countB = countCoverage(B.files.length, c.scratch, tiles, coveredB, opts.mergeGap > 0, false);

  const whole = intersectHashes(A.hashes, A.weights, B.hashes);
  const sideA = scoreSide(A, B, countA, opts, whole);
  const sideB = scoreSide(B, A, countB, opts, whole);
  const own = sideA.own + sideB.own;
  const structural = own > 0 ? (sideA.weighted + sideB.weighted) / own : 0;
  const literal = scoreLiterals(A, B);
  const blended = literal === null ? structural : (1 - opts.literalWeight) * structural + opts.literalWeight * literal;

  const all = tiles || hasSmall ? addSmallFragments(A.files, B.files, tiles ?? []) : null;
  const longest = findLongest(A, B, all ?? c.scratch.tiles.toRuns());
  return {
    similarity: own > 0 ? clamp01((sideA.plain + sideB.plain) / own) : 0,
    weightedSimilarity: own > 0 ? clamp01(blended) : 0,
    longestTokens: longest.tokens,
    longestLines: longest.lines,
    overlap: whole.count,
    fragments: withFragments ? toFragments(A, B, all ?? []) : [],
  };
}

const EMPTY = new Uint8Array(0);

/** Coverage marks per token: 0 free, 1 covered by a shared run, 2 starter code (never counted). */
function startCovered(f: FileStats, needed: boolean, scratch: RunScratch, slot: number): Uint8Array {
  if (!needed) return EMPTY;
  const covered = scratch.coverBuffer(slot, f.file.tokenCount);
  if (f.starter) for (let i = 0; i < covered.length; i++) if (f.starter[i]) covered[i] = 2;
  return covered;
}

/**
 * Covered own tokens per file of one side. Tiles never overlap each other or starter code, so
 * their lengths add up; merged gaps can, so with merging the marks are counted instead.
 */
function countCoverage(files: number, scratch: RunScratch, tiles: Run[] | null, covered: Uint8Array[], merged: boolean, sideA: boolean): number[] {
  const counts = new Array<number>(files).fill(0);
  if (merged) {
    covered.forEach((marks, f) => { for (let i = 0; i < marks.length; i++) if (marks[i] === 1) counts[f]++; });
    return counts;
  }
  if (tiles) {
    for (const t of tiles) counts[sideA ? t.fa : t.fb] += t.matched;
    return counts;
  }
  const { fa, fb, len, count } = scratch.tiles;
  const file = sideA ? fa : fb;
  for (let t = 0; t < count; t++) counts[file[t]] += len[t];
  return counts;
}

/** Token-weighted shares of one side: plain (coverage or fingerprints) and rarity-weighted. */
function scoreSide(side: SubmissionStats, other: SubmissionStats, covered: number[], opts: EngineOptions, whole: SharedHashes) {
  let own = 0;
  let plain = 0;
  let weighted = 0;
  side.files.forEach((f, i) => {
    own += f.own;
    // Files too short for a k-gram, and any file facing them, compare by token bigrams.
    let bigrams = 0;
    for (const g of other.files) if (!f.big || !g.big) bigrams = Math.max(bigrams, compareSmallFiles(f.file, g.file));
    if (!f.big) {
      plain += bigrams * f.own;
      weighted += bigrams * f.own;
      return;
    }
    // A one-file side's hashes are the submission's, so the submission-level intersection serves.
    const { count, weight } = side.files.length === 1 ? whole : intersectHashes(f.hashes, f.weights, other.hashes);
    const coverage = covered[i] / Math.max(1, f.own);
    const share = Math.max(bigrams, Math.min(1, opts.tokenCoverage ? coverage : f.hashes.length > 0 ? count / f.hashes.length : 0));
    plain += share * f.own;
    weighted += Math.max(bigrams, f.hashWeight > 0 ? weight / f.hashWeight : share) * f.own;
  });
  return { own, plain, weighted };
}

interface SharedHashes {
  count: number;
  /** Sum of the shared hashes' rarity weights (a hash weighs the same in every file of the scope). */
  weight: number;
}

function intersectHashes(x: Float64Array, weights: Float64Array, y: Float64Array): SharedHashes {
  let count = 0;
  let weight = 0;
  for (let p = 0, q = 0; p < x.length && q < y.length; ) {
    if (x[p] < y[q]) p++;
    else if (x[p] > y[q]) q++;
    else {
      count++;
      weight += weights[p];
      p++;
      q++;
    }
  }
  return { count, weight };
}

/**
 * Rarity-weighted Dice overlap of the two sides' distinct literal fingerprints; null when neither
 * side has a literal (the signal says nothing then, rather than "different").
 */
function scoreLiterals(A: SubmissionStats, B: SubmissionStats): number | null {
  if (A.literals.length === 0 && B.literals.length === 0) return null;
  const total = A.literalWeight + B.literalWeight;
  let shared = 0;
  intersectSorted(A.literals, B.literals, (i, j) => { shared += A.literalWeights[i] + B.literalWeights[j]; });
  return total > 0 ? shared / total : 0;
}

/** Small files have no fingerprints: their longest common token run with a file is their fragment. */
function addSmallFragments(filesA: FileStats[], filesB: FileStats[], tiles: Run[]): Run[] {
  const out = [...tiles];
  filesA.forEach((f, fa) => {
    filesB.forEach((g, fb) => {
      if (f.big && g.big) return;
      const r = findLongestCommonRun(f.file.ids, g.file.ids);
      if (r.len >= 2) out.push({ fa, fb, sa: r.sa, sb: r.sb, lenA: r.len, lenB: r.len, matched: r.len });
    });
  });
  return out;
}

function spanOf(f: EngineFile, start: number, len: number): Span {
  const first = f.tokens[start];
  const last = f.tokens[start + len - 1];
  return { startLine: first.startLine, startCol: first.startCol, endLine: last.endLine, endCol: last.endCol };
}

function toFragment(A: SubmissionStats, B: SubmissionStats, t: Run): Fragment {
  return {
    fileA: A.files[t.fa].file.name,
    fileB: B.files[t.fb].file.name,
    a: spanOf(A.files[t.fa].file, t.sa, t.lenA),
    b: spanOf(B.files[t.fb].file, t.sb, t.lenB),
    tokens: Math.min(t.lenA, t.lenB),
  };
}

/** Most tokens first; ties by file and line, so the order (and the longest) is the same everywhere. */
function compareFragments(x: Fragment, y: Fragment): number {
  return y.tokens - x.tokens || (x.fileA < y.fileA ? -1 : x.fileA > y.fileA ? 1 : 0) || x.a.startLine - y.a.startLine || x.b.startLine - y.b.startLine;
}

/** The longest run (ties: file name, then line on side A, then side B) and its line count. */
function findLongest(A: SubmissionStats, B: SubmissionStats, runs: Run[]): { tokens: number; lines: number } {
  let best: Run | undefined;
  let bestLen = -1;
  for (const r of runs) {
    const len = Math.min(r.lenA, r.lenB);
    if (len < bestLen) continue;
    if (best && len === bestLen && !isEarlier(A, B, r, best)) continue;
    best = r;
    bestLen = len;
  }
  if (!best) return { tokens: 0, lines: 0 };
  const linesOf = (f: EngineFile, start: number, len: number): number => f.lines[2 * (start + len - 1) + 1] - f.lines[2 * start] + 1;
  return {
    tokens: bestLen,
    lines: Math.max(linesOf(A.files[best.fa].file, best.sa, best.lenA), linesOf(B.files[best.fb].file, best.sb, best.lenB)),
  };
}

function isEarlier(A: SubmissionStats, B: SubmissionStats, r: Run, than: Run): boolean {
  const name = A.files[r.fa].file.name;
  const other = A.files[than.fa].file.name;
  if (name !== other) return name < other;
  const la = A.files[r.fa].file.lines[2 * r.sa];
  const lb = A.files[than.fa].file.lines[2 * than.sa];
  if (la !== lb) return la < lb;
  return B.files[r.fb].file.lines[2 * r.sb] < B.files[than.fb].file.lines[2 * than.sb];
}

/**
 * Fragments a pair keeps as evidence, longest first (fragments[0] is its longest shared run). Scores count every tile; the list a teacher
 * reads stops here, since past a few hundred fragments more of them explain nothing (and a pair of
 * many near-identical files would otherwise store one per file pair).
 */
export const MAX_FRAGMENTS = 500;

function toFragments(A: SubmissionStats, B: SubmissionStats, runs: Run[]): Fragment[] {
  return runs.map((t) => toFragment(A, B, t)).sort(compareFragments).slice(0, MAX_FRAGMENTS);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

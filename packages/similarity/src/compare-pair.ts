import type { EngineFile } from './analyze.js';
import { resolveOptions, type EngineOptions } from './options.js';
import { createPairCache, getSubmissionStats, intersectSorted, type FileStats, type PairCache, type SubmissionStats } from './pair-cache.js';
import { findRuns, mergeTiles, tileRuns, type Run } from './runs.js';
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

  const runs = findRuns(A.files, B.files, (h) => ctx.starterHashes.has(h));
  const coveredA = A.files.map((f) => startCovered(f, runs.length > 0));
  const coveredB = B.files.map((f) => startCovered(f, runs.length > 0));
  const tiles = runs.length > 0 ? mergeTiles(tileRuns(runs, coveredA, coveredB, opts.minRunTokens), coveredA, coveredB, opts.mergeGap) : [];

  const sideA = scoreSide(A, B, coveredA, opts);
  const sideB = scoreSide(B, A, coveredB, opts);
  const own = sideA.own + sideB.own;
  const structural = own > 0 ? (sideA.weighted + sideB.weighted) / own : 0;
  const literal = scoreLiterals(A, B);
  const blended = literal === null ? structural : (1 - opts.literalWeight) * structural + opts.literalWeight * literal;

  let overlap = 0;
  intersectSorted(A.hashes, B.hashes, () => overlap++);
  const all = addSmallFragments(A.files, B.files, tiles);
  const longest = findLongest(A, B, all);
  return {
    similarity: own > 0 ? clamp01((sideA.plain + sideB.plain) / own) : 0,
    weightedSimilarity: own > 0 ? clamp01(blended) : 0,
    longestTokens: longest.tokens,
    longestLines: longest.lines,
    overlap,
    fragments: withFragments ? toFragments(A, B, all) : [],
  };
}

const EMPTY = new Uint8Array(0);

/** Coverage marks per token: 0 free, 1 covered by a shared run, 2 starter code (never counted). */
function startCovered(f: FileStats, needed: boolean): Uint8Array {
  if (!needed) return EMPTY;
  const covered = new Uint8Array(f.file.tokenCount);
  if (f.starter) for (let i = 0; i < covered.length; i++) if (f.starter[i]) covered[i] = 2;
  return covered;
}

/** Token-weighted shares of one side: plain (coverage or fingerprints) and rarity-weighted. */
function scoreSide(side: SubmissionStats, other: SubmissionStats, covered: Uint8Array[], opts: EngineOptions) {
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
    let shared = 0;
    let sharedWeight = 0;
    intersectSorted(f.hashes, other.hashes, (p) => {
      shared++;
      sharedWeight += f.weights[p];
    });
    const coverage = countCovered(covered[i]) / Math.max(1, f.own);
    const share = Math.max(bigrams, Math.min(1, opts.tokenCoverage ? coverage : f.hashes.length > 0 ? shared / f.hashes.length : 0));
    plain += share * f.own;
    weighted += Math.max(bigrams, f.hashWeight > 0 ? sharedWeight / f.hashWeight : share) * f.own;
  });
  return { own, plain, weighted };
}

function countCovered(covered: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < covered.length; i++) if (covered[i] === 1) n++;
  return n;
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
  const key = (r: Run): [number, string, number, number] => [
    Math.min(r.lenA, r.lenB),
    A.files[r.fa].file.name,
    A.files[r.fa].file.lines[2 * r.sa],
    B.files[r.fb].file.lines[2 * r.sb],
  ];
  for (const r of runs) {
    if (!best) { best = r; continue; }
    const [len, name, la, lb] = key(r);
    const [blen, bname, bla, blb] = key(best);
    if (len > blen || (len === blen && (name < bname || (name === bname && (la < bla || (la === bla && lb < blb)))))) best = r;
  }
  if (!best) return { tokens: 0, lines: 0 };
  const linesOf = (f: EngineFile, start: number, len: number): number => f.lines[2 * (start + len - 1) + 1] - f.lines[2 * start] + 1;
  return {
    tokens: Math.min(best.lenA, best.lenB),
    lines: Math.max(linesOf(A.files[best.fa].file, best.sa, best.lenA), linesOf(B.files[best.fb].file, best.sb, best.lenB)),
  };
}

/** Longest first, so fragments[0] is the pair's longest shared run. */
function toFragments(A: SubmissionStats, B: SubmissionStats, runs: Run[]): Fragment[] {
  return runs.map((t) => toFragment(A, B, t)).sort(compareFragments);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

import { toEngineFile, type EngineFile } from './analyze.js';
import { resolveOptions, type EngineOptions } from './options.js';
import { findRuns, mergeTiles, tileRuns, type Run } from './runs.js';
import { compareSmallFiles, findLongestCommonRun } from './small-files.js';
import type { AnalyzedSubmission, Fragment, PairEvidence, ScoringContext, Span } from './types.js';
import { createWeigher } from './weights.js';

/** One side of a comparison: its analysable files and, per file, which tokens are starter code. */
interface Side {
  files: EngineFile[];
  starter: (Uint8Array | null)[];
  /** Tokens that are not starter code, per file: the denominator. */
  own: number[];
  covered: Uint8Array[];
}

function prepareSide(sub: AnalyzedSubmission, starter: ReadonlySet<number>, opts: EngineOptions): Side {
  const files = sub.files.filter((f) => !f.skipReason && f.tokenCount > 0).map((f) => toEngineFile(f, opts));
  const masks = files.map((f) => markStarter(f, starter));
  return {
    files,
    starter: masks,
    own: files.map((f, i) => f.tokenCount - countMarked(masks[i])),
    covered: files.map((f) => new Uint8Array(f.tokenCount)),
  };
}

/** Tokens inside any k-gram the starter code also has; null when nothing is starter code. */
function markStarter(f: EngineFile, starter: ReadonlySet<number>): Uint8Array | null {
  if (starter.size === 0) return null;
  let mask: Uint8Array | null = null;
  for (let i = 0; i < f.kgrams.length; i++) {
    if (!starter.has(f.kgrams[i])) continue;
    mask ??= new Uint8Array(f.tokenCount);
    mask.fill(1, i, i + f.k);
  }
  return mask;
}

function countMarked(mask: Uint8Array | null, other?: Uint8Array | null): number {
  if (!mask) return 0;
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] && (other === undefined || !other || !other[i])) n++;
  return n;
}

function countOwnCovered(covered: Uint8Array, starter: Uint8Array | null): number {
  let n = 0;
  for (let i = 0; i < covered.length; i++) if (covered[i] && !(starter && starter[i])) n++;
  return n;
}

/** Per file: weighted and unweighted share of its own (non-starter) fingerprints the other side also holds. */
function scoreFingerprints(
  side: Side,
  other: Side,
  isStarter: (h: number) => boolean,
  weigh: (h: number) => number,
  shared: Set<number>,
): { plain: number[]; weighted: number[] } {
  const plain: number[] = [];
  const weighted: number[] = [];
  for (const f of side.files) {
    let total = 0, hit = 0, wTotal = 0, wHit = 0;
    for (const fp of f.fingerprints) {
      if (isStarter(fp.hash)) continue;
      const w = weigh(fp.hash);
      total++;
      wTotal += w;
      if (other.files.some((g) => g.index.has(fp.hash))) {
        hit++;
        wHit += w;
        shared.add(fp.hash);
      }
    }
    plain.push(total > 0 ? hit / total : 0);
    weighted.push(wTotal > 0 ? wHit / wTotal : 0);
  }
  return { plain, weighted };
}

function spanOf(f: EngineFile, start: number, len: number): Span {
  const first = f.tokens[start];
  const last = f.tokens[start + len - 1];
  return { startLine: first.startLine, startCol: first.startCol, endLine: last.endLine, endCol: last.endCol };
}

/**
 * Evidence that two submissions share code. `similarity` depends only on the two submissions and
 * the starter code (a stable pairwise score, DESIGN 9); `weightedSimilarity` also uses how many
 * students of the scope hold each fingerprint (DESIGN 8), so it changes as the class grows.
 */
export function comparePair(
  a: AnalyzedSubmission,
  b: AnalyzedSubmission,
  ctx: ScoringContext,
  options?: Partial<EngineOptions>,
): PairEvidence {
  const opts = resolveOptions(options);
  const A = prepareSide(a, ctx.starterHashes, opts);
  const B = prepareSide(b, ctx.starterHashes, opts);
  const isStarter = (h: number): boolean => ctx.starterHashes.has(h);
  const weigh = createWeigher(ctx, opts.rarityWeight);

  const bigA = A.files.map((f) => f.kgrams.length > 0);
  const bigB = B.files.map((f) => f.kgrams.length > 0);
  const runs = findRuns(A.files, B.files, B.files.map((f) => f.index), isStarter);
  const tiles = mergeTiles(tileRuns(runs, A.covered, B.covered, opts.minRunTokens), A.covered, B.covered, opts.mergeGap);

  const shared = new Set<number>();
  const fpA = scoreFingerprints(A, B, isStarter, weigh, shared);
  const fpB = scoreFingerprints(B, A, isStarter, weigh, new Set());

  let own = 0, plain = 0, weighted = 0;
  const fragments: Fragment[] = [];
  const accumulate = (side: Side, big: boolean[], fp: { plain: number[]; weighted: number[] }, other: Side, otherBig: boolean[]): void => {
    side.files.forEach((f, i) => {
      const n = side.own[i];
      own += n;
      if (big[i]) {
        const covered = opts.tokenCoverage ? countOwnCovered(side.covered[i], side.starter[i]) / Math.max(1, n) : fp.plain[i];
        plain += Math.min(1, covered) * n;
        weighted += fp.weighted[i] * n;
        return;
      }
      let best = 0;
      other.files.forEach((g, j) => { if (!otherBig[j]) best = Math.max(best, compareSmallFiles(f, g)); });
      plain += best * n;
      weighted += best * n;
    });
  };
  accumulate(A, bigA, fpA, B, bigB);
  accumulate(B, bigB, fpB, A, bigA);

  const withSmall = addSmallFragments(A, B, bigA, bigB, tiles);
  for (const t of withSmall) {
    fragments.push({
      fileA: A.files[t.fa].name,
      fileB: B.files[t.fb].name,
      a: spanOf(A.files[t.fa], t.sa, t.lenA),
      b: spanOf(B.files[t.fb], t.sb, t.lenB),
      tokens: Math.min(t.lenA, t.lenB),
    });
  }
  fragments.sort((x, y) => y.tokens - x.tokens || x.fileA.localeCompare(y.fileA) || x.a.startLine - y.a.startLine);
  const longest = fragments[0];
  return {
    similarity: own > 0 ? clamp01(plain / own) : 0,
    weightedSimilarity: own > 0 ? clamp01(weighted / own) : 0,
    longestTokens: longest ? longest.tokens : 0,
    longestLines: longest ? Math.max(longest.a.endLine - longest.a.startLine, longest.b.endLine - longest.b.startLine) + 1 : 0,
    overlap: shared.size,
    fragments,
  };
}

/** Small files have no fingerprints: their longest common token run is their fragment. */
function addSmallFragments(A: Side, B: Side, bigA: boolean[], bigB: boolean[], tiles: Run[]): Run[] {
  const out = [...tiles];
  A.files.forEach((f, fa) => {
    if (bigA[fa]) return;
    B.files.forEach((g, fb) => {
      if (bigB[fb]) return;
      const r = findLongestCommonRun(f.ids, g.ids);
      if (r.len >= 2) out.push({ fa, fb, sa: r.sa, sb: r.sb, lenA: r.len, lenB: r.len, matched: r.len });
    });
  });
  return out;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

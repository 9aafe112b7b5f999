import type { EngineFile } from './analyze.js';
import { LITERAL_BASE } from './literals.js';
import type { FileStats } from './pair-cache.js';

/** A maximal shared token run between file `fa` of one side and file `fb` of the other. */
export interface Run {
  fa: number;
  fb: number;
  /** Start token index in file fa / fb. */
  sa: number;
  sb: number;
  /** Tokens on side A and side B (equal for an exact run, may differ once neighbours are merged). */
  lenA: number;
  lenB: number;
  /** Tokens that really match (excluding merged gaps). */
  matched: number;
}

/** Shared hashes above this many positions in one file are repetitive code: their seeds add nothing new. */
const MAX_POSITIONS = 32;

/**
 * Extends every pair of matching winnowed k-grams to the maximal run of equal tokens around it.
 * Seeds are visited in token order, and a seed on a diagonal already covered by a run is skipped,
 * so the cost is linear in the runs found. Only hashes both files hold are looked at.
 */
export function findRuns(filesA: readonly FileStats[], filesB: readonly FileStats[], isStarter: (h: number) => boolean): Run[] {
  const runs: Run[] = [];
  for (let fa = 0; fa < filesA.length; fa++) {
    const A = filesA[fa];
    if (!A.big) continue;
    for (let fb = 0; fb < filesB.length; fb++) {
      const B = filesB[fb];
      if (!B.big) continue;
      const seeds = collectSeeds(A.file, B.file, isStarter);
      if (seeds.length > 0) extendSeeds(A.file, B.file, fa, fb, seeds, runs);
    }
  }
  return runs;
}

/** Every pair of positions where both files selected the same structural hash (capped per hash). */
function collectSeeds(A: EngineFile, B: EngineFile, isStarter: (h: number) => boolean): number[] {
  const seeds: number[] = [];
  const ha = A.sortedHashes;
  const hb = B.sortedHashes;
  let i = 0;
  let j = 0;
  while (i < ha.length && j < hb.length) {
    const x = ha[i];
    const y = hb[j];
    if (x >= LITERAL_BASE || y >= LITERAL_BASE) break;
    if (x < y) { i++; continue; }
    if (x > y) { j++; continue; }
    let ei = i;
    let ej = j;
    while (ei < ha.length && ha[ei] === x) ei++;
    while (ej < hb.length && hb[ej] === x) ej++;
    if (!isStarter(x)) {
      for (let p = i; p < Math.min(ei, i + MAX_POSITIONS); p++) {
        for (let q = j; q < Math.min(ej, j + MAX_POSITIONS); q++) seeds.push(A.positions[p] * SEED_SPAN + B.positions[q]);
      }
    }
    i = ei;
    j = ej;
  }
  return seeds;
}

/** Seeds are packed as i * SEED_SPAN + j so one numeric sort puts them in token order. */
const SEED_SPAN = 2 ** 24;

function extendSeeds(A: EngineFile, B: EngineFile, fa: number, fb: number, seeds: number[], runs: Run[]): void {
  const order = Float64Array.from(seeds).sort();
  const idsA = A.ids;
  const idsB = B.ids;
  const diagonalEnd = new Map<number, number>();
  for (let s = 0; s < order.length; s++) {
    const i = Math.floor(order[s] / SEED_SPAN);
    const j = order[s] - i * SEED_SPAN;
    const diagonal = i - j;
    const end = diagonalEnd.get(diagonal);
    if (end !== undefined && i < end) continue;
    let forward = 0;
    while (i + forward < idsA.length && j + forward < idsB.length && idsA[i + forward] === idsB[j + forward]) forward++;
    // A hash collision, not a real match: the k-gram's tokens differ.
    if (forward < A.k) continue;
    let back = 0;
    while (i - back > 0 && j - back > 0 && idsA[i - back - 1] === idsB[j - back - 1]) back++;
    const len = back + forward;
    diagonalEnd.set(diagonal, i + forward);
    runs.push({ fa, fb, sa: i - back, sb: j - back, lenA: len, lenB: len, matched: len });
  }
}

/** Marks [from, to) covered, leaving starter tokens (2) as they are. */
function markFree(covered: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) if (covered[i] === 0) covered[i] = 1;
}

/**
 * Greedy string tiling over the runs (as in JPlag): longest first, each token used at most once
 * per side, so a repeated block in one file cannot be matched twice against one block in the other.
 * Parts of a run that collide with an earlier tile or with starter code (covered arrays start with
 * starter tokens set to 2) are split off; pieces shorter than minRun drop, so a run that only
 * spills a few tokens past the starter code into a student's own code counts for nothing.
 */
export function tileRuns(runs: Run[], coveredA: Uint8Array[], coveredB: Uint8Array[], minRun: number): Run[] {
  runs.sort((x, y) => y.matched - x.matched || x.fa - y.fa || x.sa - y.sa || x.fb - y.fb || x.sb - y.sb);
  const tiles: Run[] = [];
  for (const r of runs) {
    const ca = coveredA[r.fa];
    const cb = coveredB[r.fb];
    let start = -1;
    for (let t = 0; t <= r.matched; t++) {
      const free = t < r.matched && ca[r.sa + t] === 0 && cb[r.sb + t] === 0;
      if (free && start < 0) start = t;
      if (!free && start >= 0) {
        const len = t - start;
        if (len >= minRun) {
          ca.fill(1, r.sa + start, r.sa + t);
          cb.fill(1, r.sb + start, r.sb + t);
          tiles.push({ fa: r.fa, fb: r.fb, sa: r.sa + start, sb: r.sb + start, lenA: len, lenB: len, matched: len });
        }
        start = -1;
      }
    }
  }
  return tiles;
}

/**
 * Joins tiles of the same file pair that follow each other on both sides with at most `gap`
 * tokens between them (JPlag's match merging): an inserted no-op statement or a changed operator
 * splits one copied block into two tiles, and the gap tokens are then counted as covered.
 */
export function mergeTiles(tiles: Run[], coveredA: Uint8Array[], coveredB: Uint8Array[], gap: number): Run[] {
  if (gap <= 0 || tiles.length < 2) return tiles;
  const sorted = [...tiles].sort((x, y) => x.fa - y.fa || x.fb - y.fb || x.sa - y.sa);
  const merged: Run[] = [];
  let cur = { ...sorted[0] };
  for (let i = 1; i < sorted.length; i++) {
    const t = sorted[i];
    const gapA = t.sa - (cur.sa + cur.lenA);
    const gapB = t.sb - (cur.sb + cur.lenB);
    if (t.fa === cur.fa && t.fb === cur.fb && gapA >= 0 && gapB >= 0 && gapA <= gap && gapB <= gap) {
      markFree(coveredA[cur.fa], cur.sa + cur.lenA, t.sa);
      markFree(coveredB[cur.fb], cur.sb + cur.lenB, t.sb);
      cur.lenA = t.sa + t.lenA - cur.sa;
      cur.lenB = t.sb + t.lenB - cur.sb;
      cur.matched += t.matched;
    } else {
      merged.push(cur);
      cur = { ...t };
    }
  }
  merged.push(cur);
  return merged;
}

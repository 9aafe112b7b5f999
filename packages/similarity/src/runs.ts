import type { EngineFile } from './analyze.js';
import { LITERAL_BASE } from './literals.js';
import type { FileStats } from './pair-cache.js';

/** A shared token run (a tile) between file `fa` of one side and file `fb` of the other. */
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

const grow = (a: Int32Array): Int32Array => {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
};

/** Exact runs as parallel typed arrays: file pair, start on each side, length, for [0 .. count). */
export class RunList {
  fa: Int32Array = new Int32Array(256);
  fb: Int32Array = new Int32Array(256);
  sa: Int32Array = new Int32Array(256);
  sb: Int32Array = new Int32Array(256);
  len: Int32Array = new Int32Array(256);
  count = 0;

  push(fa: number, fb: number, sa: number, sb: number, len: number): void {
    if (this.count === this.len.length) {
      this.fa = grow(this.fa); this.fb = grow(this.fb); this.sa = grow(this.sa); this.sb = grow(this.sb); this.len = grow(this.len);
    }
    const n = this.count++;
    this.fa[n] = fa; this.fb[n] = fb; this.sa[n] = sa; this.sb[n] = sb; this.len[n] = len;
  }

  toRuns(): Run[] {
    const out: Run[] = [];
    for (let t = 0; t < this.count; t++) {
      out.push({ fa: this.fa[t], fb: this.fb[t], sa: this.sa[t], sb: this.sb[t], lenA: this.len[t], lenB: this.len[t], matched: this.len[t] });
    }
    return out;
  }
}

/**
 * Reusable buffers for one comparison at a time. Unrelated programs share dozens of short runs,
 * and a batch compares tens of thousands of pairs: typed arrays reused across pairs keep that
 * from allocating millions of objects.
 */
export class RunScratch {
  seeds: Float64Array = new Float64Array(1024);
  /** Maximal runs found by findRuns. */
  runs = new RunList();
  /** Tiles chosen by tileRuns, in the order chosen. */
  tiles = new RunList();
  /** Per diagonal (i - j + nB): the stamp of the file pair that last wrote it, and that run's end. */
  stamp: Int32Array = new Int32Array(1024);
  start: Int32Array = new Int32Array(1024);
  end: Int32Array = new Int32Array(1024);
  pairStamp = 0;
  order: Int32Array = new Int32Array(256);
  buckets: Int32Array = new Int32Array(256);
  private covers: Uint8Array[] = [];

  /** A zeroed buffer of `size` marks for one file of the pair (slot: its place among both sides' files). */
  coverBuffer(slot: number, size: number): Uint8Array {
    let buffer = this.covers[slot];
    if (!buffer || buffer.length < size) {
      buffer = new Uint8Array(Math.max(size, 256));
      this.covers[slot] = buffer;
    }
    const view = buffer.subarray(0, size);
    view.fill(0);
    return view;
  }

  ensureDiagonals(size: number): void {
    if (this.stamp.length >= size) return;
    const n = Math.max(size, this.stamp.length * 2);
    this.stamp = new Int32Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.pairStamp = 0;
  }
}

/**
 * A hash both files hold at many positions is repetitive code (the same print call ten times):
 * pairing every occurrence with every other would extend n * m seeds into runs on n * m diagonals,
 * almost all of them accidental. Above this product the occurrences are paired in order instead.
 */
const MAX_CROSS_SEEDS = 16;
/** Seeds are packed as i * SEED_SPAN + j (files far below 2^24 tokens). */
const SEED_SPAN = 2 ** 24;

/**
 * Extends every pair of matching winnowed k-grams to the maximal run of equal tokens around it,
 * into scratch.runs. A seed inside a run already found on its diagonal is
 * skipped, so the cost is linear in the runs found.
 */
export function findRuns(filesA: readonly FileStats[], filesB: readonly FileStats[], isStarter: (h: number) => boolean, scratch: RunScratch): number {
  scratch.runs.count = 0;
  scratch.tiles.count = 0;
  for (let fa = 0; fa < filesA.length; fa++) {
    if (!filesA[fa].big) continue;
    for (let fb = 0; fb < filesB.length; fb++) {
      if (!filesB[fb].big) continue;
      const seeds = collectSeeds(filesA[fa].file, filesB[fb].file, isStarter, scratch);
      if (seeds > 0) extendSeeds(filesA[fa].file, filesB[fb].file, fa, fb, seeds, scratch);
    }
  }
  return scratch.runs.count;
}

/** Every pair of positions where both files selected the same structural hash, into scratch.seeds. */
function collectSeeds(A: EngineFile, B: EngineFile, isStarter: (h: number) => boolean, scratch: RunScratch): number {
  const ha = A.sortedHashes;
  const hb = B.sortedHashes;
  let n = 0;
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
      const na = ei - i;
      const nb = ej - j;
      const cross = na * nb <= MAX_CROSS_SEEDS;
      const adding = cross ? na * nb : Math.max(na, nb);
      if (n + adding > scratch.seeds.length) {
        const grown = new Float64Array(Math.max(2 * scratch.seeds.length, n + adding));
        grown.set(scratch.seeds.subarray(0, n));
        scratch.seeds = grown;
      }
      const seeds = scratch.seeds;
      if (cross) {
        for (let p = i; p < ei; p++) for (let q = j; q < ej; q++) seeds[n++] = A.positions[p] * SEED_SPAN + B.positions[q];
      } else {
        // Repetitive code: pair the occurrences in order (a copy keeps their order), not all with all.
        const m = Math.max(na, nb);
        for (let p = 0; p < m; p++) seeds[n++] = A.positions[i + Math.floor((p * na) / m)] * SEED_SPAN + B.positions[j + Math.floor((p * nb) / m)];
      }
    }
    i = ei;
    j = ej;
  }
  return n;
}

function extendSeeds(A: EngineFile, B: EngineFile, fa: number, fb: number, seedCount: number, scratch: RunScratch): void {
  const seeds = scratch.seeds;
  const idsA = A.ids;
  const idsB = B.ids;
  const nA = idsA.length;
  const nB = idsB.length;
  scratch.ensureDiagonals(nA + nB + 1);
  const stamp = ++scratch.pairStamp;
  const stamps = scratch.stamp;
  const starts = scratch.start;
  const ends = scratch.end;
  for (let s = 0; s < seedCount; s++) {
    const i = Math.floor(seeds[s] / SEED_SPAN);
    const j = seeds[s] - i * SEED_SPAN;
    const d = i - j + nB;
    // Inside the last run found on this diagonal: already counted. (Seeds come in hash order, so a
    // diagonal with two runs may see one of them twice; tiling ignores the duplicate.)
    if (stamps[d] === stamp && i >= starts[d] && i < ends[d]) continue;
    let forward = 0;
    while (i + forward < nA && j + forward < nB && idsA[i + forward] === idsB[j + forward]) forward++;
    // A hash collision, not a real match: the k-gram's tokens differ.
    if (forward < A.k) continue;
    let back = 0;
    while (i - back > 0 && j - back > 0 && idsA[i - back - 1] === idsB[j - back - 1]) back++;
    stamps[d] = stamp;
    starts[d] = i - back;
    ends[d] = i + forward;
    scratch.runs.push(fa, fb, i - back, j - back, back + forward);
  }
}

/**
 * Greedy string tiling over the runs (as in JPlag): longest first, each token used at most once
 * per side, so a repeated block in one file cannot be matched twice against one block in the other.
 * Parts of a run that collide with an earlier tile or with starter code (covered arrays start with
 * starter tokens set to 2) are split off; pieces shorter than minRun drop, so a run that only
 * spills a few tokens past the starter code into a student's own code counts for nothing, unless
 * the piece fills the whole gap between two template parts (see enclosed).
 */
export function tileRuns(scratch: RunScratch, coveredA: Uint8Array[], coveredB: Uint8Array[], minRun: number): number {
  const { fa, fb, sa, sb, len, count } = scratch.runs;
  // Counting sort by length, longest first; equal lengths keep the order they were found in.
  let maxLen = 0;
  for (let r = 0; r < count; r++) if (len[r] > maxLen) maxLen = len[r];
  if (scratch.buckets.length < maxLen + 2) scratch.buckets = new Int32Array(2 * (maxLen + 2));
  if (scratch.order.length < count) scratch.order = new Int32Array(2 * count);
  const starts = scratch.buckets;
  const order = scratch.order;
  starts.fill(0, 0, maxLen + 2);
  for (let r = 0; r < count; r++) starts[maxLen - len[r] + 1]++;
  for (let l = 1; l < maxLen + 2; l++) starts[l] += starts[l - 1];
  for (let r = 0; r < count; r++) order[starts[maxLen - len[r]]++] = r;
  scratch.tiles.count = 0;
  for (let o = 0; o < count; o++) {
    const r = order[o];
    const ca = coveredA[fa[r]];
    const cb = coveredB[fb[r]];
    const a0 = sa[r];
    const b0 = sb[r];
    const n = len[r];
    let start = -1;
    for (let t = 0; t <= n; t++) {
      const free = t < n && ca[a0 + t] === 0 && cb[b0 + t] === 0;
      if (free) { if (start < 0) start = t; continue; }
      if (start >= 0 && (t - start >= minRun || (enclosed(ca, a0 + start, a0 + t) && enclosed(cb, b0 + start, b0 + t)))) {
        ca.fill(1, a0 + start, a0 + t);
        cb.fill(1, b0 + start, b0 + t);
        scratch.tiles.push(fa[r], fb[r], a0 + start, b0 + start, t - start);
      }
      start = -1;
    }
  }
  return scratch.tiles.count;
}

/**
 * [from, to) sits between starter code or file ends on both of its sides: a student's own lines
 * between two template parts, matched in full. Short as it may be, it is not a run spilling past
 * the template (that one ends where the files differ), so it counts.
 */
function enclosed(covered: Uint8Array, from: number, to: number): boolean {
  return (from === 0 || covered[from - 1] === 2) && (to === covered.length || covered[to] === 2);
}

/** Marks [from, to) covered, leaving starter tokens (2) as they are. */
function markFree(covered: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) if (covered[i] === 0) covered[i] = 1;
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

import { analyzeSubmission, starterHashes, type EngineFile } from './analyze.js';
import { scorePair } from './compare-pair.js';
import { createPairCache, isSmallFile } from './pair-cache.js';
import { resolveOptions, type EngineOptions } from './options.js';
import { computeRanks } from './rank.js';
import type { AnalyzedSubmission, PairEvidence, ScoringContext, SourceFile } from './types.js';

/** One submission of a batch comparison; only submissions of the same group are compared. */
export interface CorpusItem {
  id: string;
  group: string;
  files: SourceFile[];
}

export interface CorpusPair {
  a: string;
  b: string;
  evidence: PairEvidence;
  rankScore: number;
}

export interface CorpusOptions {
  starter?: SourceFile[];
  engine?: Partial<EngineOptions>;
  /** Keep each pair's fragment list (the review needs it; scores alone do not). */
  fragments?: boolean;
}

/**
 * Compares every pair of submissions within each group that shares anything, in memory: the batch
 * counterpart of the worker's persistent index, with the same comparePair and rankPairs, so both
 * give the same scores. Candidates come from an inverted index of fingerprints (plus pairs of
 * submissions that both have files too short to fingerprint), never from all pairs blindly.
 */
export function compareCorpus(items: readonly CorpusItem[], options: CorpusOptions = {}): CorpusPair[] {
  const engine = resolveOptions(options.engine);
  const starter = starterHashes(options.starter ?? [], engine);
  const groups = new Map<string, CorpusItem[]>();
  for (const item of items) {
    const list = groups.get(item.group);
    if (list) list.push(item);
    else groups.set(item.group, [item]);
  }
  const out: CorpusPair[] = [];
  for (const group of groups.values()) out.push(...compareGroup(group, starter, engine, options.fragments ?? false));
  return out;
}

function compareGroup(items: CorpusItem[], starter: ReadonlySet<number>, engine: EngineOptions, withFragments: boolean): CorpusPair[] {
  const subs = items.map((it) => analyzeSubmission(it.files, engine, !withFragments));
  const n = subs.length;
  const index = indexGroup(subs, starter);
  const candidate = new Uint8Array(n * n);
  for (let b = 0; b < index.hashes.length; b++) {
    const from = index.starts[b];
    const to = index.starts[b + 1];
    for (let x = from; x < to; x++) for (let y = x + 1; y < to; y++) candidate[index.holders[x] * n + index.holders[y]] = 1;
  }
  const small = subs.map((s) => s.files.some((f) => !f.skipReason && isSmallFile(f.tokenCount, engine)));
  const ctx: ScoringContext = {
    starterHashes: starter,
    documentFrequency: (h) => index.frequency(h),
    population: n,
  };
  const cache = createPairCache(ctx, engine.rarityWeight);
  const kept: CorpusPair[] = [];
  const paired = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!candidate[i * n + j] && !(small[i] && small[j])) continue;
      const evidence = scorePair(subs[i], subs[j], ctx, engine, cache, withFragments);
      if (evidence.similarity > 0 || evidence.weightedSimilarity > 0) {
        kept.push({ a: items[i].id, b: items[j].id, evidence, rankScore: 0 });
        paired[i] = paired[j] = 1;
      }
    }
  }
  // As in rankPairs (what the worker calls): the scope is the submissions that appear in some pair.
  const ranks = computeRanks(
    paired.reduce((x, y) => x + y, 0),
    Float64Array.from(kept, (p) => p.evidence.similarity),
    Float64Array.from(kept, (p) => p.evidence.weightedSimilarity),
    engine,
  );
  kept.forEach((p, i) => { p.rankScore = ranks[i]; });
  return kept;
}

/**
 * Which submissions hold each hash, as flat sorted arrays (a Map per hash costs ten times the
 * memory at a few hundred thousand fingerprints): holders[starts[b] .. starts[b + 1]) hold hashes[b].
 */
function indexGroup(subs: AnalyzedSubmission[], starter: ReadonlySet<number>) {
  const entries: number[] = [];
  const owners: number[] = [];
  subs.forEach((sub, s) => {
    const seen = new Set<number>();
    for (const f of sub.files) {
      for (const h of (f as EngineFile).sortedHashes) {
        if (seen.has(h) || starter.has(h)) continue;
        seen.add(h);
        entries.push(h);
        owners.push(s);
      }
    }
  });
  const order = Uint32Array.from(entries, (_, i) => i).sort((x, y) => entries[x] - entries[y] || owners[x] - owners[y]);
  const hashes: number[] = [];
  const starts: number[] = [];
  const holders = new Int32Array(order.length);
  order.forEach((e, i) => {
    if (i === 0 || entries[e] !== entries[order[i - 1]]) { hashes.push(entries[e]); starts.push(i); }
    holders[i] = owners[e];
  });
  starts.push(order.length);
  const sortedHashes = Float64Array.from(hashes);
  const frequency = (h: number): number => {
    let lo = 0;
    let hi = sortedHashes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sortedHashes[mid] < h) lo = mid + 1;
      else if (sortedHashes[mid] > h) hi = mid - 1;
      else return starts[mid + 1] - starts[mid];
    }
    return 0;
  };
  return { hashes: sortedHashes, starts: Int32Array.from(starts), holders, frequency };
}

/** The group of a path: its first `depth` segments (`a/b/c.java` at depth 1 is `a`); depth 0 is one group. */
export function groupOf(path: string, depth: number): string {
  if (depth <= 0) return '';
  const parts = path.split('/');
  return parts.slice(0, Math.min(depth, parts.length - 1)).join('/');
}

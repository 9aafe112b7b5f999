import { analyzeSubmission, starterHashes } from './analyze.js';
import { comparePair } from './compare-pair.js';
import { resolveOptions, type EngineOptions } from './options.js';
import { rankPairs } from './rank.js';
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
  for (const group of groups.values()) out.push(...compareGroup(group, starter, engine));
  return out;
}

function compareGroup(items: CorpusItem[], starter: ReadonlySet<number>, engine: EngineOptions): CorpusPair[] {
  const subs = items.map((it) => analyzeSubmission(it.files, engine));
  const n = subs.length;
  const postings = new Map<number, number[]>();
  subs.forEach((sub, i) => {
    for (const h of distinctHashes(sub)) {
      if (starter.has(h)) continue;
      const list = postings.get(h);
      if (list) list.push(i);
      else postings.set(h, [i]);
    }
  });
  const candidate = new Uint8Array(n * n);
  for (const list of postings.values()) {
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) candidate[list[x] * n + list[y]] = 1;
  }
  const small = subs.map((s) => s.files.some((f) => !f.skipReason && f.tokenCount > 0 && f.fingerprints.length === 0));
  const ctx: ScoringContext = {
    starterHashes: starter,
    documentFrequency: (h) => postings.get(h)?.length ?? 0,
    population: n,
  };
  const kept: { a: string; b: string; evidence: PairEvidence }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!candidate[i * n + j] && !(small[i] && small[j])) continue;
      const evidence = comparePair(subs[i], subs[j], ctx, engine);
      if (evidence.similarity > 0 || evidence.weightedSimilarity > 0) kept.push({ a: items[i].id, b: items[j].id, evidence });
    }
  }
  const ranks = rankPairs(kept.map((p) => ({ a: p.a, b: p.b, similarity: p.evidence.similarity, weightedSimilarity: p.evidence.weightedSimilarity })), engine);
  return kept.map((p, i) => ({ ...p, rankScore: ranks[i] }));
}

function distinctHashes(sub: AnalyzedSubmission): Set<number> {
  const set = new Set<number>();
  for (const f of sub.files) for (const fp of f.fingerprints) set.add(fp.hash);
  return set;
}

/** The group of a path: its first `depth` segments (`a/b/c.java` at depth 1 is `a`); depth 0 is one group. */
export function groupOf(path: string, depth: number): string {
  if (depth <= 0) return '';
  const parts = path.split('/');
  return parts.slice(0, Math.min(depth, parts.length - 1)).join('/');
}

/**
 * Scores one corpus exactly as `crosscheck compare` does (its loadCorpus, the engine's
 * compareCorpus) and joins the rank scores with the labels. Pairs the engine did not report share
 * nothing: they rank below every reported pair, all tied.
 */
import { loadCorpus } from '../../apps/cli/dist/commands/compare.js';
import { compareCorpus, DEFAULT_FLAG_THRESHOLD, isFlagged, rankPairs } from '../../packages/similarity/dist/index.js';
import { pairKey } from './corpora.mjs';
import { computeAtThreshold, computeAveragePrecision, computeBestF1, computeRocAuc } from './metrics.mjs';

const UNREPORTED = -1e9;

export function loadItems(corpus) {
  return loadCorpus(corpus.dir, corpus.groupDepth);
}

/** @returns {{ rows: {score:number,label:number,longest:number}[], ms: number }} */
export function scoreCorpus(corpus, items, engine = {}) {
  const started = performance.now();
  const pairs = compareCorpus(items, { engine });
  const ms = performance.now() - started;
  return { rows: joinLabels(corpus, pairs), ms };
}

/**
 * The rank scores of already compared pairs under other rank options, group by group through
 * rankPairs (what the worker calls): lets the grid vary rank constants without comparing again.
 */
export function rerank(items, pairs, engine) {
  const groupOf = new Map(items.map((i) => [i.id, i.group]));
  const groups = new Map();
  for (const p of pairs) {
    const g = groupOf.get(p.a);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(p);
  }
  const out = [];
  for (const list of groups.values()) {
    const ranks = rankPairs(list.map((p) => ({ a: p.a, b: p.b, similarity: p.evidence.similarity, weightedSimilarity: p.evidence.weightedSimilarity })), engine);
    list.forEach((p, i) => out.push({ ...p, rankScore: ranks[i] }));
  }
  return out;
}

export function joinLabels(corpus, pairs) {
  const byKey = new Map(pairs.map((p) => [pairKey(p.a, p.b), p]));
  const rows = [];
  for (const [key, label] of corpus.labels) {
    const p = byKey.get(key);
    rows.push(p ? { score: p.rankScore, label, longest: p.evidence.longestTokens } : { score: UNREPORTED, label, longest: 0 });
  }
  return rows;
}

/** The figures the evaluation prints for one corpus; flagging follows the engine's isFlagged. */
export function summarize(rows, threshold = DEFAULT_FLAG_THRESHOLD) {
  const best = computeBestF1(rows);
  const flaggedRows = rows.map((r) => ({ ...r, flagged: isFlagged(r.score, r.longest, threshold) }));
  const at = computeAtThreshold(flaggedRows, threshold);
  const f1 = at.precision + at.recall > 0 ? (2 * at.precision * at.recall) / (at.precision + at.recall) : 0;
  return {
    rocAuc: computeRocAuc(rows),
    ap: computeAveragePrecision(rows),
    bestF1: best.f1,
    bestThreshold: best.threshold,
    precision: at.precision,
    recall: at.recall,
    f1,
    flagged: at.flagged,
    positives: rows.filter((r) => r.label).length,
    pairs: rows.length,
  };
}

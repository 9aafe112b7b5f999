/**
 * The evaluation's experiments over in-memory corpora: the ablation (each idea switched off in
 * turn), the grid of constants the defaults were chosen from, and the leave-one-out check (constants
 * and threshold chosen on the other corpora, scored on the held-out one).
 */
import { compareCorpus } from '../../packages/similarity/dist/index.js';
import { joinLabels, rerank, summarize } from './score.mjs';

/** One row per idea: the options that switch it off (or, for ideas off by default, on). */
export const ABLATIONS = [
  { idea: 'all ideas (default)', engine: {} },
  { idea: 'token normalization (modifiers, braces, types, loops)', engine: { normalizeTokens: false } },
  { idea: 'declaration normalization (hoisted declarations)', engine: { declarations: false } },
  { idea: 'coverage by maximal runs (else shared fingerprints)', engine: { tokenCoverage: false } },
  { idea: 'literal signal', engine: { literals: false } },
  { idea: 'numeric literals in the literal signal', engine: { numberLiterals: false } },
  { idea: 'rarity weighting (1/df)', engine: { rarityWeight: 0 } },
  { idea: 'weighted share in the pair score', engine: { rankBlend: 0 } },
  { idea: 'background-relative rank', engine: { backgroundRanking: false } },
  { idea: 'comment lines in the literal signal, off by default', engine: { comments: true } },
  { idea: 'merging neighbouring runs (gap 4), off by default', engine: { mergeGap: 4 } },
];

/** The constants the defaults are chosen from (docs/engine.md). */
export function buildGrid() {
  const grid = [];
  for (const [k, window] of [[5, 4], [6, 4], [8, 6], [12, 8]]) {
    for (const literalWeight of [0.6, 0.7, 0.8, 0.9, 1]) {
      for (const rarityWeight of [0.5, 1]) {
        for (const rankBlend of [0.3, 0.4, 0.5, 0.6, 0.7]) {
          for (const backgroundQuantile of [0.1, 0.25, 0.5]) grid.push({ k, window, minRunTokens: k, literalWeight, rarityWeight, rankBlend, backgroundQuantile });
        }
      }
    }
  }
  return grid;
}

const RANK_OPTIONS = ['rankBlend', 'backgroundQuantile', 'backgroundRanking'];

export function describe(engine) {
  return Object.entries(engine).map(([k, v]) => `${k}=${v}`).join(' ') || 'defaults';
}

/**
 * Scores every corpus under every engine option set: results[e][c] = { rows, summary }. Option sets
 * that differ only in rank constants share one comparison and are re-ranked.
 */
export function runMatrix(corpora, itemsByCorpus, engines, onProgress = () => {}) {
  const compared = new Map();
  return engines.map((engine, e) => {
    onProgress(e, engines.length);
    const scoring = JSON.stringify(Object.entries(engine).filter(([k]) => !RANK_OPTIONS.includes(k)));
    return corpora.map((c) => {
      const key = `${c.name} ${scoring}`;
      const items = itemsByCorpus.get(c.name);
      if (!compared.has(key)) compared.set(key, compareCorpus(items, { engine }));
      const rows = joinLabels(c, rerank(items, compared.get(key), engine));
      return { rows, summary: summarize(rows) };
    });
  });
}

export function objective(summaries) {
  return summaries.reduce((s, x) => s + (x.rocAuc + x.ap) / 2, 0) / summaries.length;
}

/**
 * The threshold with the best mean F2 over the given corpora (candidates: every 0.05). F2 weighs
 * recall twice as much as precision: a flag asks a teacher to look, and a copy nobody looks at
 * costs more than a pair looked at and dismissed.
 */
export function chooseThreshold(rowsPerCorpus) {
  let best = { threshold: 0.5, f2: -1 };
  for (let t = 0.05; t < 1.0001; t += 0.05) {
    const threshold = Math.round(t * 100) / 100;
    const f2 = rowsPerCorpus.reduce((s, rows) => s + fScore(summarize(rows, threshold), 2), 0) / rowsPerCorpus.length;
    if (f2 > best.f2) best = { threshold, f2 };
  }
  return best;
}

/** F-beta from a summary's precision and recall at its threshold. */
export function fScore({ precision, recall }, beta) {
  const b2 = beta * beta;
  return precision + recall > 0 ? ((1 + b2) * precision * recall) / (b2 * precision + recall) : 0;
}

/** For each corpus: the grid point best on the others, and how it does on the held-out one. */
export function leaveOneOut(corpora, grid, matrix) {
  return corpora.map((held, h) => {
    const others = corpora.map((_, c) => c).filter((c) => c !== h);
    let bestE = 0;
    let bestScore = -1;
    matrix.forEach((row, e) => {
      const score = objective(others.map((c) => row[c].summary));
      if (score > bestScore) { bestScore = score; bestE = e; }
    });
    const threshold = chooseThreshold(others.map((c) => matrix[bestE][c].rows)).threshold;
    const heldSummary = summarize(matrix[bestE][h].rows, threshold);
    return { corpus: held.name, engine: grid[bestE], threshold, summary: heldSummary };
  });
}

#!/usr/bin/env node
/**
 * `npm run eval [-- options]`: scores the labelled corpora with the engine, the same way
 * `crosscheck compare` does, and prints ROC-AUC (ties count half), average precision, best F1,
 * precision/recall at the default threshold, wall time and peak memory per corpus.
 *
 *   --datasets DIR   corpora with manifest.json (default ../shared/datasets from the repo root)
 *   --fixtures DIR   real Repl.it deliveries for the Python set (default ../shared/fixtures/replit-classroom)
 *   --out DIR        where generated files go (default .eval-out; never inside ../shared)
 *   --check          exit 1 when a corpus falls below eval/floors.json
 *   --ablation       one row per idea switched off, per corpus
 *   --tune           the grid of constants, best first (how the defaults were chosen)
 *   --loo            leave-one-out: constants and threshold chosen without a corpus, scored on it
 *   --json FILE      also write the main table as JSON
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FLAG_THRESHOLD, ENGINE_VERSION } from '../packages/similarity/dist/index.js';
import { loadCorpora } from './eval/corpora.mjs';
import { ABLATIONS, buildGrid, chooseThreshold, describe, fScore, leaveOneOut, objective, runMatrix } from './eval/experiments.mjs';
import { loadItems, scoreCorpus, summarize } from './eval/score.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseOptions(argv) {
  const opts = { datasets: resolve(root, '../shared/datasets'), fixtures: resolve(root, '../shared/fixtures/replit-classroom'), out: resolve(root, '.eval-out') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (['--check', '--ablation', '--tune', '--loo'].includes(a)) opts[a.slice(2)] = true;
    else if (['--datasets', '--fixtures', '--out', '--json', '--child'].includes(a)) opts[a.slice(2)] = resolve(argv[++i]);
    else throw new Error(`unknown option ${a}`);
  }
  if (opts.out.startsWith(resolve(root, '../shared'))) throw new Error('--out must be outside ../shared');
  return opts;
}

const pct = (x) => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');

/** Child mode: score one corpus description (JSON file) and print its summary, so memory is per corpus. */
function runChild(descriptionFile) {
  const corpus = JSON.parse(readFileSync(descriptionFile, 'utf8'));
  corpus.labels = new Map(corpus.labels);
  const started = performance.now();
  const items = loadItems(corpus);
  const { rows } = scoreCorpus(corpus, items);
  const ms = performance.now() - started;
  const summary = summarize(rows);
  process.stdout.write(JSON.stringify({ ...summary, ms, peakMiB: process.resourceUsage().maxRSS / 1024 }));
}

function runMainTable(corpora, opts) {
  console.log(`engine ${ENGINE_VERSION}, default flag threshold ${DEFAULT_FLAG_THRESHOLD}`);
  console.log('corpus          pairs   pos  ROC-AUC    AP  bestF1  P@thr  R@thr  wall(s)  peak(MiB)');
  const table = [];
  mkdirSync(opts.out, { recursive: true });
  for (const c of corpora) {
    const file = join(opts.out, `corpus-${c.name}.json`);
    writeFileSync(file, JSON.stringify({ ...c, labels: [...c.labels] }));
    const r = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file], { maxBuffer: 1 << 26 }).toString());
    table.push({ corpus: c.name, ...r });
    console.log(
      `${c.name.padEnd(14)} ${String(r.pairs).padStart(6)} ${String(r.positives).padStart(5)}  ${pct(r.rocAuc)}  ${pct(r.ap)}  ${pct(r.bestF1)}  ${pct(r.precision)}  ${pct(r.recall)}  ${(r.ms / 1000).toFixed(2).padStart(7)}  ${r.peakMiB.toFixed(0).padStart(9)}`,
    );
  }
  return table;
}

function checkFloors(table) {
  const floors = JSON.parse(readFileSync(join(root, 'eval/floors.json'), 'utf8'));
  let failed = false;
  for (const [corpus, floor] of Object.entries(floors.corpora)) {
    const row = table.find((t) => t.corpus === corpus);
    if (!row) { console.error(`check: corpus ${corpus} was not evaluated`); failed = true; continue; }
    for (const [metric, min] of Object.entries(floor)) {
      if (!(row[metric] >= min)) { console.error(`check: ${corpus} ${metric} ${pct(row[metric])} is below its floor ${min}`); failed = true; }
    }
  }
  console.log(failed ? 'check: FAILED' : 'check: every corpus is at or above its floors');
  return !failed;
}

function printAblation(corpora, items) {
  console.log('\nablation: ROC-AUC / AP per corpus with one idea switched (first row: defaults)');
  console.log(`${'idea'.padEnd(56)} ${corpora.map((c) => c.name.padEnd(20)).join(' ')}`);
  const matrix = runMatrix(corpora, items, ABLATIONS.map((a) => a.engine));
  matrix.forEach((row, e) => {
    const cells = row.map((r, c) => {
      const base = matrix[0][c].summary;
      const d = e === 0 ? '' : ` (${(r.summary.ap - base.ap >= 0 ? '+' : '') + (r.summary.ap - base.ap).toFixed(3)})`;
      return `${pct(r.summary.rocAuc)} / ${pct(r.summary.ap)}${d}`.padEnd(20);
    });
    console.log(`${(e === 0 ? '' : '- ') + ABLATIONS[e].idea}`.padEnd(56) + ' ' + cells.join(' '));
  });
}

/** How the default threshold was chosen: precision and recall per corpus at each candidate, for the default constants. */
function printThresholds(corpora, rowsPerCorpus) {
  console.log('\nthresholds for the default constants: P / R per corpus, mean F2');
  for (let t = 30; t <= 70; t += 5) {
    const threshold = t / 100;
    const cells = rowsPerCorpus.map((rows, c) => { const s = summarize(rows, threshold); return `${corpora[c].name} ${pct(s.precision)} / ${pct(s.recall)}`; });
    const f2 = rowsPerCorpus.reduce((sum, rows) => sum + fScore(summarize(rows, threshold), 2), 0) / rowsPerCorpus.length;
    console.log(`${threshold.toFixed(2)}  ${cells.join('  ')}  mean F2 ${f2.toFixed(3)}`);
  }
  const chosen = chooseThreshold(rowsPerCorpus);
  console.log(`best mean F2 at the default constants: threshold ${chosen.threshold} (${chosen.f2.toFixed(3)}); the default is ${DEFAULT_FLAG_THRESHOLD}`);
}

function printTuneAndLoo(corpora, items, opts) {
  const grid = buildGrid();
  const matrix = runMatrix(corpora, items, grid, (e, n) => { if (e % 24 === 0) process.stderr.write(`grid ${e}/${n}\n`); });
  if (opts.tune) {
    const ranked = grid.map((g, e) => ({ g, e, score: objective(matrix[e].map((r) => r.summary)) })).sort((x, y) => y.score - x.score);
    console.log('\ngrid (best 15 of ' + grid.length + ' by mean of (ROC-AUC + AP) / 2 over all corpora)');
    for (const { g, e, score } of ranked.slice(0, 15)) {
      console.log(`${score.toFixed(4)}  ${describe(g).padEnd(100)} ${matrix[e].map((r, c) => `${corpora[c].name} ${pct(r.summary.rocAuc)}/${pct(r.summary.ap)}`).join('  ')}`);
    }
    const best = ranked[0].e;
    const t = chooseThreshold(matrix[best].map((r) => r.rows));
    console.log(`threshold with the best mean F2 for the best grid point: ${t.threshold} (mean F2 ${t.f2.toFixed(3)})`);
    printThresholds(corpora, runMatrix(corpora, items, [{}])[0].map((r) => r.rows));
  }
  if (opts.loo) {
    console.log('\nleave-one-out: constants and threshold chosen on the other corpora, scored on the held-out one');
    for (const r of leaveOneOut(corpora, grid, matrix)) {
      const s = r.summary;
      console.log(`${r.corpus.padEnd(14)} ROC-AUC ${pct(s.rocAuc)} AP ${pct(s.ap)} P ${pct(s.precision)} R ${pct(s.recall)} at threshold ${r.threshold}; chosen: ${describe(r.engine)}`);
    }
  }
}

function main() {
  const opts = parseOptions(process.argv.slice(2));
  if (opts.child) return runChild(opts.child);
  const corpora = loadCorpora({ datasetsDir: opts.datasets, fixturesDir: opts.fixtures, outDir: opts.out });
  if (corpora.length === 0) throw new Error(`no corpora under ${opts.datasets}`);
  const table = runMainTable(corpora, opts);
  if (opts.json) writeFileSync(opts.json, JSON.stringify(table, null, 2));
  if (opts.ablation || opts.tune || opts.loo) {
    const items = new Map(corpora.map((c) => [c.name, loadItems(c)]));
    if (opts.ablation) printAblation(corpora, items);
    if (opts.tune || opts.loo) printTuneAndLoo(corpora, items, opts);
  }
  if (opts.check && !checkFloors(table)) process.exitCode = 1;
}

main();

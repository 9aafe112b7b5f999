#!/usr/bin/env node
/**
 * Side by side with Dolos 3.5.1 (the peer in issue 3), which is NOT a dependency of this repo:
 * install it by hand outside the repo first:
 *   mkdir -p /tmp/dolos && cd /tmp/dolos && npm init -y && npm install @dodona/dolos-lib@3.5.1
 *   npm install-scripts approve @dodona/dolos-parsers tree-sitter tree-sitter-compat && npm rebuild
 *
 *   node scripts/bench-compare.mjs [--dolos /tmp/dolos] [--runs 5] [--datasets DIR] [--quality]
 *
 * Speed: both whole processes over soco14/java (259 files, all pairs), alternating, median of
 * --runs runs of wall time and peak RSS (GNU time -v). Quality (--quality): Dolos with its default
 * options on every corpus of the manifest, files grouped as the manifest says, ROC-AUC and AP on
 * the labelled pairs (the same metric code as npm run eval).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpora, pairKey } from './eval/corpora.mjs';
import { computeAveragePrecision, computeRocAuc } from './eval/metrics.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const dolosDir = resolve(option('dolos', '/tmp/dolos'));
const runs = Number(option('runs', '5'));
const datasets = resolve(option('datasets', resolve(root, '../shared/datasets')));
const outDir = resolve(root, '.eval-out');
const dolosLib = join(dolosDir, 'node_modules/@dodona/dolos-lib/dist/index.js');
if (!existsSync(dolosLib)) {
  console.error(`Dolos is not installed at ${dolosDir} (see the comment at the top of this script)`);
  process.exit(2);
}

/** A Dolos run over the files given on stdin-free argv: prints `left,right,similarity` like our compare prints its CSV. */
const RUNNER = `import { Dolos } from ${JSON.stringify(dolosLib)};
const [base, ...paths] = process.argv.slice(2);
const report = await new Dolos().analyzePaths(paths);
const lines = ['file_a,file_b,similarity'];
for (const p of report.allPairs()) lines.push([p.leftFile.path.slice(base.length + 1), p.rightFile.path.slice(base.length + 1), p.similarity.toFixed(4)].join(','));
process.stdout.write(lines.join('\\n') + '\\n');
`;
mkdirSync(outDir, { recursive: true });
const runner = join(outDir, 'dolos-runner.mjs');
writeFileSync(runner, RUNNER);

function listFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** Wall seconds and peak RSS (MiB) of one whole process, from GNU time. */
function measure(argv) {
  const r = spawnSync('/usr/bin/time', ['-v', ...argv], { maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr.toString().slice(-500)}`);
  const err = r.stderr.toString();
  const wall = err.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/);
  const rss = err.match(/Maximum resident set size \(kbytes\): (\d+)/);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { seconds, mib: Number(rss[1]) / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function benchSpeed() {
  const dir = join(datasets, 'soco14/java');
  const files = listFiles(dir);
  const ours = [];
  const theirs = [];
  for (let r = 0; r < runs; r++) {
    ours.push(measure([process.execPath, join(root, 'apps/cli/dist/main.js'), 'compare', dir]));
    theirs.push(measure([process.execPath, runner, dir, ...files]));
  }
  const o = { seconds: median(ours.map((x) => x.seconds)), mib: median(ours.map((x) => x.mib)) };
  const t = { seconds: median(theirs.map((x) => x.seconds)), mib: median(theirs.map((x) => x.mib)) };
  console.log(`soco14/java, ${files.length} files, all pairs, median of ${runs} (alternating runs)`);
  console.log(`  crosscheck compare   ${o.seconds.toFixed(2)} s   ${o.mib.toFixed(0)} MiB`);
  console.log(`  Dolos 3.5.1          ${t.seconds.toFixed(2)} s   ${t.mib.toFixed(0)} MiB`);
  console.log(`  ratio (ours/Dolos)   time ${(o.seconds / t.seconds).toFixed(2)}   memory ${(o.mib / t.mib).toFixed(2)}`);
}

function benchQuality() {
  const corpora = loadCorpora({ datasetsDir: datasets, outDir });
  for (const c of corpora) {
    const groups = new Map();
    for (const f of listFiles(c.dir)) {
      const rel = relative(c.dir, f);
      if (!/\.(java|c|py)$/.test(rel)) continue;
      const g = rel.split('/').slice(0, c.groupDepth).join('/');
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(f);
    }
    const scores = new Map();
    for (const files of groups.values()) {
      const csv = execFileSync(process.execPath, [runner, c.dir, ...files], { maxBuffer: 1 << 28 }).toString();
      for (const line of csv.trim().split('\n').slice(1)) {
        const [a, b, s] = line.split(',');
        scores.set(pairKey(a, b), Number(s));
      }
    }
    const rows = [...c.labels].map(([key, label]) => ({ score: scores.get(key) ?? 0, label }));
    console.log(`Dolos on ${c.name.padEnd(10)} ROC-AUC ${computeRocAuc(rows).toFixed(3)}  AP ${computeAveragePrecision(rows).toFixed(3)}  (${rows.length} labelled pairs)`);
  }
}

benchSpeed();
if (args.includes('--quality')) benchQuality();

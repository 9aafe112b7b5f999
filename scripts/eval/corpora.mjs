/** Loads the evaluation corpora: the manifest's labelled sets plus the Python set built from the deliveries. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildPythonSet } from './python-set.mjs';

function parseCsv(text) {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const cols = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [cols[i], v])));
}

/** `[{ name, dir, pairs, groupDepth, labels: Map<"a|b", 0|1> }]` in manifest order, the Python set last. */
export function loadCorpora({ datasetsDir, fixturesDir, outDir }) {
  const corpora = [];
  const manifestPath = join(datasetsDir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const c of manifest.corpora) corpora.push({ ...c, dir: resolve(datasetsDir, c.dir) });
  }
  if (fixturesDir && existsSync(fixturesDir)) corpora.push(buildPythonSet(fixturesDir, join(outDir, 'python-set')));
  return corpora.map((c) => ({ ...c, labels: readLabels(join(c.dir, c.pairs)) }));
}

function readLabels(path) {
  const labels = new Map();
  for (const row of parseCsv(readFileSync(path, 'utf8'))) labels.set(pairKey(row.file_a, row.file_b), Number(row.label));
  return labels;
}

export function pairKey(a, b) {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

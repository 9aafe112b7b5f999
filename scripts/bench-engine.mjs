#!/usr/bin/env node
/**
 * `npm run bench:engine`: tokenizer throughput (MB/s) per language family, and fingerprinting
 * throughput (normalize + hash + winnow, from tokens; and the whole analyzeFile). Inputs: the
 * per-language fixtures in packages/similarity/fixtures/languages (each repeated to ~2 MB), and the
 * real SOCO-14 Java and C files when ../shared/datasets is present. Median of 5 timed rounds after
 * a warm-up round; figures vary with machine load, so compare runs on one machine only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFile, DEFAULT_OPTIONS, hashKgrams, hashText, tokenize, winnow } from '../packages/similarity/dist/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FAMILIES = {
  'c-family': ['c', 'cpp', 'csharp', 'java', 'javascript', 'typescript', 'go', 'rust', 'kotlin', 'swift', 'php'],
  python: ['python', 'notebook'],
  scripting: ['ruby', 'bash'],
  sql: ['sql'],
  markup: ['html', 'css'],
};
const TARGET_BYTES = 2 * 1024 * 1024;
const ROUNDS = 5;

function loadFixtureSets() {
  const dir = join(root, 'packages/similarity/fixtures/languages');
  const sets = [];
  for (const [family, languages] of Object.entries(FAMILIES)) {
    const files = [];
    for (const lang of languages) {
      if (!existsSync(join(dir, lang))) continue;
      for (const name of readdirSync(join(dir, lang))) files.push({ name, content: readFileSync(join(dir, lang, name), 'utf8') });
    }
    if (files.length > 0) sets.push({ label: `${family} (fixtures)`, files: repeatTo(files, TARGET_BYTES) });
  }
  for (const [label, sub] of [['java (SOCO-14)', 'soco14/java'], ['c (SOCO-14)', 'soco14/c']]) {
    const d = resolve(root, '../shared/datasets', sub);
    if (existsSync(d)) sets.push({ label, files: readdirSync(d).sort().map((n) => ({ name: n, content: readFileSync(join(d, n), 'utf8') })) });
  }
  return sets;
}

function repeatTo(files, bytes) {
  const out = [];
  let total = 0;
  for (let i = 0; total < bytes; i++) {
    const f = files[i % files.length];
    out.push({ name: f.name, content: f.content });
    total += Buffer.byteLength(f.content);
  }
  return out;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn) {
  fn();
  const runs = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

const { k, window } = DEFAULT_OPTIONS;
console.log(`engine options k=${k} window=${window}; median of ${ROUNDS} rounds`);
console.log('input                        MB    tokens   tokenize MB/s   analyzeFile MB/s   hash+winnow Mtokens/s');
for (const set of loadFixtureSets()) {
  const bytes = set.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  const mb = bytes / 1048576;
  let tokens = 0;
  const tokenized = set.files.map((f) => tokenize(f).tokens);
  for (const t of tokenized) tokens += t.length;
  const ids = tokenized.map((t) => Int32Array.from(t, (tok) => hashText(tok.text)));
  const tokenizeMs = time(() => { for (const f of set.files) tokenize(f); });
  const analyzeMs = time(() => { for (const f of set.files) analyzeFile(f); });
  const winnowMs = time(() => { for (const i of ids) winnow(hashKgrams(i, k), window); });
  console.log(
    `${set.label.padEnd(26)} ${mb.toFixed(2).padStart(5)} ${String(tokens).padStart(9)}   ${(mb / (tokenizeMs / 1000)).toFixed(1).padStart(13)}   ${(mb / (analyzeMs / 1000)).toFixed(1).padStart(16)}   ${(tokens / 1e6 / (winnowMs / 1000)).toFixed(1).padStart(21)}`,
  );
}

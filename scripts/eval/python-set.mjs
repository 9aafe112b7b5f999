/**
 * Builds the labelled Python set from the real classroom deliveries: for every assignment with
 * several students, disguised copies of some students' main.py (identifiers renamed, comments
 * replaced, top-level functions reordered, no-op statements and blank lines inserted) join the class
 * as extra students. Positives: copy vs its source. Negatives: every other pair (different students,
 * or a copy vs a student it was not made from). Deterministic: a seeded generator, sorted inputs.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEYWORDS = new Set(('False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield ' +
  'print input int float str len range list dict set tuple abs min max sum round open sorted enumerate zip map filter bool type isinstance random math time sys os self').split(' '));
const NEW_NAMES = ['value', 'count', 'total', 'item', 'result', 'temp', 'data', 'amount', 'number', 'answer', 'entry', 'score', 'level', 'step', 'limit', 'current'];
const COMMENTS = ['# read the input', '# main logic', '# check the value', '# compute the result', '# show the output', '# loop until done', '# helper'];

function createRandom(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Applies fn to the parts of a line outside string literals and drops a trailing comment. */
function mapCode(line, fn) {
  const parts = line.split(/("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')/);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 1) { out += parts[i]; continue; }
    const hash = parts[i].indexOf('#');
    if (hash >= 0) { out += fn(parts[i].slice(0, hash)); return out.trimEnd(); }
    out += fn(parts[i]);
  }
  return out;
}

function collectNames(lines) {
  const names = new Set();
  for (const line of lines) {
    const code = mapCode(line, (s) => s);
    for (const m of code.matchAll(/^\s*([A-Za-z_]\w*)\s*(?:[+\-*/]?=)(?!=)/g)) names.add(m[1]);
    for (const m of code.matchAll(/\bfor\s+([A-Za-z_]\w*)\s+in\b/g)) names.add(m[1]);
    for (const m of code.matchAll(/\bdef\s+([A-Za-z_]\w*)\s*\(([^)]*)\)/g)) {
      names.add(m[1]);
      for (const p of m[2].split(',')) { const n = p.trim().split(/[=:\s]/)[0]; if (n) names.add(n); }
    }
  }
  return [...names].filter((n) => !KEYWORDS.has(n)).sort();
}

function splitTopLevelBlocks(lines) {
  const blocks = [];
  for (const line of lines) {
    const starts = /^(def|class)\s/.test(line) || (!/^\s/.test(line) && line.trim() !== '' && blocks.length > 0 && blocks[blocks.length - 1].kind === 'def');
    if (starts || blocks.length === 0) blocks.push({ kind: /^(def|class)\s/.test(line) ? 'def' : 'code', lines: [line] });
    else blocks[blocks.length - 1].lines.push(line);
  }
  return blocks;
}

/** A disguised copy of a Python program; random() decides which edits land where. */
export function disguisePython(source, random) {
  let lines = source.replace(/\r\n?/g, '\n').split('\n').filter((l) => !/^\s*#/.test(l));
  const names = collectNames(lines);
  const renames = new Map(names.map((n, i) => [n, `${NEW_NAMES[Math.floor(random() * NEW_NAMES.length)]}_${i}`]));
  const renameRe = names.length ? new RegExp(`\\b(${names.map((n) => n.replace(/[$]/g, '\\$')).join('|')})\\b`, 'g') : null;
  lines = lines.map((l) => mapCode(l, (code) => (renameRe ? code.replace(renameRe, (m) => renames.get(m)) : code)));

  const blocks = splitTopLevelBlocks(lines);
  const defs = blocks.filter((b) => b.kind === 'def');
  if (defs.length >= 2) {
    const shuffled = [...defs].sort(() => random() - 0.5);
    let d = 0;
    lines = blocks.flatMap((b) => (b.kind === 'def' ? shuffled[d++].lines : b.lines));
  }

  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = line.match(/^\s*/)[0];
    const prev = out.length ? out[out.length - 1].trimEnd() : '';
    const safe = line.trim() !== '' && !/^\s*(elif|else|except|finally)\b/.test(line) && !/[,(\[{\\]$/.test(prev);
    if (safe && random() < 0.12) out.push(`${indent}${random() < 0.5 ? 'pass' : '_unused = None'}`);
    if (safe && random() < 0.15) out.push(`${indent}${COMMENTS[Math.floor(random() * COMMENTS.length)]}`);
    // Reformat plain assignments only: `!=`, `<=`, `==` and keyword arguments keep their spelling.
    out.push(mapCode(line, (code) => code.replace(/^(\s*[\w.]+)\s*=\s*(?!=)/, '$1 = ')));
    if (random() < 0.1) out.push('');
  }
  return out.join('\n') + '\n';
}

function readDeliveries(fixturesDir) {
  const byAssignment = new Map();
  for (const name of readdirSync(fixturesDir).filter((n) => n.endsWith('.json')).sort()) {
    const body = JSON.parse(readFileSync(join(fixturesDir, name), 'utf8'));
    const files = body.submission?.files ?? [];
    const main = files.find((f) => f.name === 'main.py');
    if (!main || main.content.trim() === '') continue;
    const assignment = String(body.assignment?.id ?? body.assignment?.name);
    const student = String(body.student?.id ?? body.student?.email);
    if (!byAssignment.has(assignment)) byAssignment.set(assignment, new Map());
    const students = byAssignment.get(assignment);
    const prev = students.get(student);
    if (!prev || prev.time < body.submission.time_submitted) students.set(student, { time: body.submission.time_submitted, content: main.content });
  }
  return byAssignment;
}

/**
 * Writes the set under outDir as <assignment>/<student>/main.py plus pairs.csv, and returns the
 * corpus description the evaluation uses (group depth 1: one group per assignment).
 */
export function buildPythonSet(fixturesDir, outDir, seed = 20191113) {
  rmSync(outDir, { recursive: true, force: true });
  const random = createRandom(seed);
  const rows = ['file_a,file_b,label'];
  for (const [assignment, students] of readDeliveries(fixturesDir)) {
    if (students.size < 3) continue;
    const ids = [...students.keys()].sort();
    const files = ids.map((id, i) => ({ path: `a${assignment}/s${String(i).padStart(2, '0')}/main.py`, content: students.get(id).content, source: null }));
    const copies = Math.max(1, Math.round(ids.length / 4));
    for (let c = 0; c < copies; c++) {
      const src = files[Math.floor((c * ids.length) / copies)];
      files.push({ path: `a${assignment}/copy${c}/main.py`, content: disguisePython(src.content, random), source: src.path });
    }
    for (const f of files) {
      mkdirSync(join(outDir, f.path, '..'), { recursive: true });
      writeFileSync(join(outDir, f.path), f.content);
    }
    for (let i = 0; i < files.length; i++) {
      for (let j = i + 1; j < files.length; j++) {
        const label = files[j].source === files[i].path || files[i].source === files[j].path ? 1 : 0;
        rows.push(`${files[i].path},${files[j].path},${label}`);
      }
    }
  }
  writeFileSync(join(outDir, 'pairs.csv'), rows.join('\n') + '\n');
  return { name: 'python-replit', dir: outDir, pairs: 'pairs.csv', groupDepth: 1, languages: ['python'] };
}

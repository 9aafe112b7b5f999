import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCorpus } from '@crosscheck/similarity';
import { createApiFixture, type ApiFixture } from './support/api-fixture.js';
import { startTestWorker, stopTestWorker, waitForWorkerIdle } from './support/worker.js';
import type { WorkerRuntime } from '../apps/worker/src/index.js';
import { loadCorpus, run as runCompare } from '../apps/cli/src/commands/compare.js';

// Issue 3: the worker's scores equal `compare`'s for the same files. Ten IR-Plag case-03 files
// (the original, copies from L1, L3, L5, L6, independent solutions) go through the webhook as ten
// students of one assignment; `crosscheck compare` reads the same files as ten submissions.
const CASE_DIR = fileURLToPath(new URL('./fixtures/ir-plag/case-03/', import.meta.url));
const FILES = [
  'original/T3.java',
  'plagiarized/L1/01/L1.java',
  'plagiarized/L3/03/Kasus3.java',
  'plagiarized/L5/04/Kasus3.java',
  'plagiarized/L6/01/L6.java',
  'non-plagiarized/01/T03.java',
  'non-plagiarized/02/T03.java',
  'non-plagiarized/07/Main.java',
  'non-plagiarized/11/T03.java',
  'non-plagiarized/14/Soal3.java',
];
const SECRET = 'compare-secret-5150';

interface Stored { similarity: number; longest: number; overlap: number; rank: number }

let fx: ApiFixture;
let runtime: WorkerRuntime;
let dir: string;
const stored = new Map<string, Stored>();
const key = (a: string, b: string): string => [a, b].sort().join(' ~ ');

beforeAll(async () => {
  fx = await createApiFixture();
  const teacher = await fx.addTeacher('Owner');
  const classroomId = await fx.addClassroom(teacher.id, SECRET, 'Compare class');
  runtime = await startTestWorker(fx.db.pool, fx.deps.config.queuePrefix);
  for (const [i, path] of FILES.entries()) {
    const body = {
      assignment: { id: 8400, name: 'BMI' },
      classroom: { id: 5400, name: 'Compare class', webhook_secret: SECRET },
      submission: {
        id: 84_000 + i, status: 'complete', time_submitted: new Date(Date.UTC(2024, 3, 1, 10, i)).toISOString(),
        files: [{ name: path.split('/').pop(), content: readFileSync(join(CASE_DIR, path), 'utf8') }],
      },
      student: { id: 4400 + i, first_name: 'S', last_name: String(i), email: `c${i}@compare.example.test` },
    };
    expect((await request(fx.app).post(`/webhooks/replit/${classroomId}`).send(body)).status).toBe(202);
  }
  await waitForWorkerIdle(fx.db.pool, runtime);
  const { rows } = await fx.db.pool.query(
    `SELECT sa.platform_id AS a, sb.platform_id AS b, p.similarity, p.longest_tokens, p.overlap, p.rank_score
       FROM pairs p JOIN students sa ON sa.id = p.student_a JOIN students sb ON sb.id = p.student_b`,
  );
  for (const r of rows) {
    stored.set(key(FILES[r.a - 4400], FILES[r.b - 4400]), { similarity: r.similarity, longest: r.longest_tokens, overlap: r.overlap, rank: r.rank_score });
  }
  dir = mkdtempSync(join(tmpdir(), 'cc-compare-'));
  for (const path of FILES) cpSync(join(CASE_DIR, path), join(dir, path));
});
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await stopTestWorker(runtime);
  await fx?.close();
});

describe('the worker and `crosscheck compare` on the same files', () => {
  it('find the same pairs with the same similarity, longest fragment and overlap', async () => {
    let csv = '';
    expect(await runCompare([dir], (chunk) => { csv += chunk; })).toBe(0);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('file_a,file_b,similarity,longest,overlap');
    const printed = lines.slice(1).map((l) => l.split(','));
    expect(printed.length).toBeGreaterThanOrEqual(20);
    expect(new Set(printed.map(([a, b]) => key(a, b)))).toEqual(new Set(stored.keys()));
    for (const [a, b, similarity, longest, overlap] of printed) {
      const s = stored.get(key(a, b))!;
      // The CSV prints 4 decimals of the engine's double; Postgres keeps a float4 of it.
      expect(Math.abs(s.similarity - Number(similarity)), `${a} ~ ${b}`).toBeLessThanOrEqual(0.00005 + 1e-7);
      expect({ pair: key(a, b), longest: s.longest, overlap: s.overlap }).toEqual({ pair: key(a, b), longest: Number(longest), overlap: Number(overlap) });
    }
  });

  it('store exactly the engine values compare prints from, rank score included', () => {
    const pairs = compareCorpus(loadCorpus(dir, 0));
    expect(pairs.length).toBe(stored.size);
    for (const p of pairs) {
      const s = stored.get(key(p.a, p.b))!;
      // Postgres keeps a float4 and prints its shortest form: compare both as float4.
      expect({ pair: key(p.a, p.b), similarity: Math.fround(s.similarity), rank: Math.fround(s.rank) }).toEqual({
        pair: key(p.a, p.b), similarity: Math.fround(p.evidence.similarity), rank: Math.fround(p.rankScore),
      });
    }
  });
});

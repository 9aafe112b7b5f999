import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import {
  findCandidates, findLatestSubmission, findLatestSubmissions, listStaleQueuedSubmissions, loadDocumentFrequencies,
  lockStudentIndex, replaceStudentIndex, requeueLatestSubmissions, upsertPairs, withTransaction,
  type CandidateQuery, type PairEvidenceRow,
} from './index.js';

// The worker's SQL on a real database. Fixture (one classroom, assignment A; assignment B for scope tests):
//   student   submissions (time, status)                         latest
//   s1        10:00 complete, 11:00 abandoned                       10:00 (abandoned is never latest...)
//   s2        10:00 abandoned, 11:00 abandoned                      11:00 (...unless all are: the newest)
//   s3        10:00 complete, 10:00 complete (same time)           the higher id
//   s4        09:00 submitted                                       09:00
let db: TestDatabase;
let assignmentA: number;
let assignmentB: number;
const students: Record<string, number> = {};
const subs: Record<string, number> = {};

async function insertSubmission(student: string, label: string, time: string, status: string, assignmentId = assignmentA): Promise<void> {
  const { rows } = await db.pool.query(
    `INSERT INTO submissions (classroom_id, assignment_id, student_id, status, time_submitted, dedupe_key, content_hash)
     SELECT classroom_id, $1, $2, $3, $4, $5, 'x' FROM assignments WHERE id = $1 RETURNING id`,
    [assignmentId, students[student], status, `2024-01-01T${time}:00Z`, label],
  );
  subs[label] = rows[0].id;
  await db.pool.query("INSERT INTO files (submission_id, name, content) VALUES ($1, 'main.py', 'print(1)')", [rows[0].id]);
}

async function fileOf(label: string): Promise<number> {
  return (await db.pool.query('SELECT id FROM files WHERE submission_id = $1', [subs[label]])).rows[0].id;
}

/** Indexes a submission with the given hashes (one file) as its student's entry. */
async function index(label: string, student: string, hashes: number[], opts: { contentHash?: string; tokens?: number; assignmentId?: number } = {}) {
  const fileId = await fileOf(label);
  await withTransaction(db.pool, async (client) => {
    await lockStudentIndex(client, students[student]);
    await replaceStudentIndex(client, {
      assignmentId: opts.assignmentId ?? assignmentA, studentId: students[student], submissionId: subs[label], engineVersion: 'test',
      files: [{
        fileId, contentHash: opts.contentHash ?? `c-${label}`, tokenCount: opts.tokens ?? 100,
        fingerprints: hashes.map((hash, i) => ({ hash, tokenIndex: i, startLine: i + 1, endLine: i + 2 })),
      }],
    });
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  const classroom = (await db.pool.query("INSERT INTO classrooms (name, secret_hash) VALUES ('c', 'h') RETURNING id")).rows[0].id;
  assignmentA = (await db.pool.query("INSERT INTO assignments (classroom_id, name) VALUES ($1, 'A') RETURNING id", [classroom])).rows[0].id;
  assignmentB = (await db.pool.query("INSERT INTO assignments (classroom_id, name) VALUES ($1, 'B') RETURNING id", [classroom])).rows[0].id;
  for (const s of ['s1', 's2', 's3', 's4', 's5']) {
    students[s] = (await db.pool.query('INSERT INTO students (classroom_id, first_name) VALUES ($1, $2) RETURNING id', [classroom, s])).rows[0].id;
  }
  await insertSubmission('s1', 's1-early', '10:00', 'complete');
  await insertSubmission('s1', 's1-late', '11:00', 'abandoned');
  await insertSubmission('s2', 's2-early', '10:00', 'abandoned');
  await insertSubmission('s2', 's2-late', '11:00', 'abandoned');
  await insertSubmission('s3', 's3-first', '10:00', 'complete');
  await insertSubmission('s3', 's3-second', '10:00', 'complete');
  await insertSubmission('s4', 's4', '09:00', 'submitted');
  await insertSubmission('s5', 's5-b', '09:00', 'submitted', assignmentB);
});
afterAll(async () => {
  await db?.drop();
});

describe('latest submission', () => {
  it('is the newest one not abandoned, else the newest, ties broken by id', async () => {
    expect((await findLatestSubmission(db.pool, students.s1, assignmentA))?.id).toBe(subs['s1-early']);
    expect((await findLatestSubmission(db.pool, students.s2, assignmentA))?.id).toBe(subs['s2-late']);
    expect((await findLatestSubmission(db.pool, students.s3, assignmentA))?.id).toBe(subs['s3-second']);
    expect(await findLatestSubmission(db.pool, students.s5, assignmentA)).toBeNull();
  });

  it('is one per student and assignment for a batch', async () => {
    const latest = await findLatestSubmissions(db.pool, [students.s1, students.s4, students.s5], [assignmentA, assignmentB]);
    expect(latest.map((l) => l.id).sort((a, b) => a - b)).toEqual([subs['s1-early'], subs.s4, subs['s5-b']].sort((a, b) => a - b));
  });

  it('is what a reanalysis marks queued, and only that', async () => {
    const refs = await requeueLatestSubmissions(db.pool, [assignmentA]);
    expect(refs.map((r) => r.submissionId).sort((a, b) => a - b))
      .toEqual([subs['s1-early'], subs['s2-late'], subs['s3-second'], subs.s4].sort((a, b) => a - b));
    await db.pool.query("UPDATE submissions SET updated_at = now() - interval '10 minutes' WHERE id = $1", [subs.s4]);
    expect((await listStaleQueuedSubmissions(db.pool, 180, 10)).map((r) => r.submissionId)).toEqual([subs.s4]);
  });
});

describe('the index and candidate selection', () => {
  const base = (over: Partial<CandidateQuery>): CandidateQuery => ({
    scopeAssignmentIds: [assignmentA], candidateAssignmentIds: [assignmentA], studentId: students.s1,
    hashes: [], contentHashes: [], maxHolders: 10, smallLimit: 0, smallTokens: 40, limit: 50, ...over,
  });

  beforeAll(async () => {
    await index('s1-early', 's1', [1, 2, 3, 100]);
    await index('s2-late', 's2', [3, 4, 100], { contentHash: 'same' });
    await index('s3-second', 's3', [100, 5], { tokens: 20 });
    await index('s4', 's4', [2, 3, 100], { contentHash: 'same' });
  });

  it('finds other students sharing hashes, never the student themselves, most shared first', async () => {
    const found = await findCandidates(db.pool, base({ hashes: [1, 2, 3] }));
    expect(found.map((c) => [c.submissionId, c.shared, c.identical])).toEqual([[subs.s4, 2, false], [subs['s2-late'], 1, false]]);
  });

  it('leaves hashes held by more than maxHolders students out of the query', async () => {
    // 100 is held by 4 students, 3 by 3: with maxHolders 2 only hash 2 (s1, s4) remains.
    const found = await findCandidates(db.pool, base({ hashes: [2, 3, 100], maxHolders: 2 }));
    expect(found.map((c) => c.submissionId)).toEqual([subs.s4]);
  });

  it('still finds identical files whatever their hashes', async () => {
    const found = await findCandidates(db.pool, base({ studentId: students.s2, hashes: [100], maxHolders: 1, contentHashes: ['same'] }));
    expect(found.map((c) => [c.submissionId, c.identical])).toEqual([[subs.s4, true]]);
  });

  it('offers small submissions to a small one', async () => {
    const found = await findCandidates(db.pool, base({ hashes: [], smallLimit: 10, smallTokens: 40 }));
    expect(found.map((c) => c.submissionId)).toEqual([subs['s3-second']]);
  });

  it('searches only the candidate assignments, counting holders over the whole scope', async () => {
    await index('s5-b', 's5', [1, 2], { assignmentId: assignmentB });
    const scoped = base({ scopeAssignmentIds: [assignmentA, assignmentB], candidateAssignmentIds: [assignmentB], hashes: [1, 2] });
    expect((await findCandidates(db.pool, scoped)).map((c) => c.submissionId)).toEqual([subs['s5-b']]);
    const df = await loadDocumentFrequencies(db.pool, [assignmentA, assignmentB], [1, 2, 3, 100, 999]);
    expect(Object.fromEntries(df)).toEqual({ 1: 2, 2: 3, 3: 3, 100: 4 });
  });

  it('replaces a student entry whole: old fingerprints and document frequencies go', async () => {
    await index('s1-early', 's1', [7, 8]);
    const { rows } = await db.pool.query('SELECT DISTINCT hash FROM fingerprints WHERE student_id = $1 ORDER BY hash', [students.s1]);
    expect(rows.map((r) => r.hash)).toEqual([7, 8]);
    const hs = await db.pool.query('SELECT hash FROM hash_students WHERE student_id = $1 ORDER BY hash', [students.s1]);
    expect(hs.rows.map((r) => r.hash)).toEqual([7, 8]);
    expect((await loadDocumentFrequencies(db.pool, [assignmentA], [1, 3])).get(3)).toBe(2);
  });

  it('stores 52-bit hashes exactly', async () => {
    const big = 2 ** 52 + 12345;
    await index('s1-early', 's1', [big]);
    const { rows } = await db.pool.query('SELECT hash FROM fingerprints WHERE student_id = $1', [students.s1]);
    expect(rows[0].hash).toBe(big);
  });
});

describe('pair upsert', () => {
  const row = (similarity: number): PairEvidenceRow => ({
    assignmentId: assignmentA, studentA: students.s1, studentB: students.s4, submissionA: subs['s1-early'], submissionB: subs.s4,
    similarity, weightedSimilarity: similarity, longestTokens: 30, longestLines: 5, overlap: 9, fragments: [], engineVersion: 'test',
  });
  const read = async () => (await db.pool.query('SELECT id, similarity, verdict, flagged FROM pairs WHERE student_a = $1 AND student_b = $2', [students.s1, students.s4])).rows;

  it('keeps one row per scope and student pair, and a dismissed pair dismissed until its similarity rises', async () => {
    await upsertPairs(db.pool, [row(0.5)]);
    await upsertPairs(db.pool, [row(0.5)]);
    const [first] = await read();
    expect(await read()).toHaveLength(1);
    await db.pool.query("UPDATE pairs SET verdict = 'dismissed', dismissed_similarity = similarity, flagged = true WHERE id = $1", [first.id]);
    await upsertPairs(db.pool, [row(0.5)]);
    await upsertPairs(db.pool, [row(0.4)]);
    expect(await read()).toEqual([{ id: first.id, similarity: 0.4, verdict: 'dismissed', flagged: true }]);
    await upsertPairs(db.pool, [row(0.45)]);
    expect((await read())[0].verdict).toBe('dismissed');
    await upsertPairs(db.pool, [row(0.6)]);
    expect((await read())[0].verdict).toBe('open');
  });

  it('never reopens a confirmed pair', async () => {
    await db.pool.query("UPDATE pairs SET verdict = 'confirmed' WHERE student_a = $1 AND student_b = $2", [students.s1, students.s4]);
    await upsertPairs(db.pool, [row(0.9)]);
    expect((await read())[0].verdict).toBe('confirmed');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { studentKeyHashes } from '../packages/db/src/index.js';
import { RESCORE_QUEUE, createQueue } from '../packages/queue/src/index.js';
import { buildDelivery, createApiFixture, TEST_PEPPER, type ApiFixture } from './support/api-fixture.js';

// Issue 4 Must-show: after a student is deleted, re-sending their old delivery does not recreate
// them, and nothing derived from them (files, fingerprints, document frequencies, pairs) is left.
// Fixture: student 11 submits twice (two assignments), student 12 once; a pair joins 11 and 12.
let f: ApiFixture;
let owner: { id: number; token: string };
let assistant: { id: number; token: string };
let stranger: { id: number; token: string };
let classroomId: number;
const SECRET = 'deletion-secret-123';
const old301 = buildDelivery({ secret: SECRET, studentId: 11, submissionId: 301 });
const as = (t: { token: string }) => ({ Authorization: `Bearer ${t.token}` });
const send = (body: unknown, id = classroomId) => request(f.app).post(`/webhooks/replit/${id}`).send(body as object);
const count = async (sql: string, params: unknown[]) => (await f.db.pool.query(sql, params)).rows[0].n as number;

/** Writes what the worker would write for a submission: fingerprints and document frequencies. */
async function indexSubmission(submissionId: number, hashes: number[]): Promise<void> {
  await f.db.pool.query(
    `INSERT INTO fingerprints (assignment_id, hash, submission_id, file_id, student_id, token_index, start_line, end_line, engine_version)
     SELECT s.assignment_id, h, s.id, fl.id, s.student_id, 0, 1, 2, 'test'
       FROM submissions s JOIN files fl ON fl.submission_id = s.id, unnest($2::bigint[]) h WHERE s.id = $1`,
    [submissionId, hashes],
  );
  await f.db.pool.query(
    `INSERT INTO hash_students (assignment_id, hash, student_id)
     SELECT s.assignment_id, h, s.student_id FROM submissions s, unnest($2::bigint[]) h WHERE s.id = $1 ON CONFLICT DO NOTHING`,
    [submissionId, hashes],
  );
}

let student11: number;
let student12: number;

beforeAll(async () => {
  f = await createApiFixture();
  owner = await f.addTeacher('Owner');
  assistant = await f.addTeacher('Assistant');
  stranger = await f.addTeacher('Stranger');
  classroomId = await f.addClassroom(owner.id, SECRET);
  await f.db.pool.query("INSERT INTO classroom_members (classroom_id, teacher_id, role) VALUES ($1, $2, 'assistant')", [classroomId, assistant.id]);

  const subs: Record<number, number> = {};
  for (const body of [
    old301,
    buildDelivery({ secret: SECRET, studentId: 12, submissionId: 302 }),
    buildDelivery({ secret: SECRET, studentId: 11, submissionId: 303, assignmentId: 7002, timeSubmitted: '2024-03-06T09:00:00.000Z' }),
  ]) {
    const res = await send(body);
    expect(res.status).toBe(202);
    subs[(body.submission as { id: number }).id] = res.body.submissionId;
  }
  // A delivery of student 11 with a secret we do not know yet: quarantined with their name and files.
  expect((await send(buildDelivery({ secret: 'not-yet-known-secret', studentId: 11, submissionId: 304 }))).status).toBe(401);

  await indexSubmission(subs[301], [1001, 1002, 1003]);
  await indexSubmission(subs[302], [1001, 1002, 2004]);
  await indexSubmission(subs[303], [3001]);
  const ids = await f.db.pool.query('SELECT id, platform_id FROM students WHERE classroom_id = $1', [classroomId]);
  student11 = ids.rows.find((r) => r.platform_id === 11).id;
  student12 = ids.rows.find((r) => r.platform_id === 12).id;
  const [a, b] = student11 < student12 ? [student11, student12] : [student12, student11];
  await f.db.pool.query(
    `INSERT INTO pairs (assignment_id, student_a, student_b, submission_a, submission_b, similarity, longest_tokens, longest_lines, overlap, engine_version)
     SELECT assignment_id, $1, $2, $3, $4, 0.8, 12, 4, 2, 'test' FROM submissions WHERE id = $3`,
    [a, b, a === student11 ? subs[301] : subs[302], a === student11 ? subs[302] : subs[301]],
  );
});
afterAll(async () => {
  await f?.close();
});

describe('deleting a student', () => {
  it("shows the student's timeline across assignments, oldest first", async () => {
    const res = await request(f.app).get(`/api/students/${student11}`).set(as(assistant));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: student11, classroomId, platformId: 11, email: '11@students.example.test' });
    expect(res.body.submissions.map((s: { assignment: { name: string }; timeSubmitted: string; status: string }) => [s.assignment.name, s.timeSubmitted, s.status]))
      .toEqual([['Lab 1', '2024-03-05T15:20:00.000Z', 'complete'], ['Lab 1', '2024-03-06T09:00:00.000Z', 'complete']]);
    expect((await request(f.app).get(`/api/students/${student11}`).set(as(stranger))).status).toBe(404);
  });

  it('is for owners only: an assistant gets 403, a stranger 404, and nothing is deleted', async () => {
    expect((await request(f.app).delete(`/api/students/${student11}`).set(as(assistant))).status).toBe(403);
    const hidden = await request(f.app).delete(`/api/students/${student11}`).set(as(stranger));
    const missing = await request(f.app).delete('/api/students/99999999').set(as(stranger));
    expect([hidden.status, hidden.text]).toEqual([missing.status, missing.text]);
    expect(await count('SELECT count(*)::int AS n FROM students WHERE id = $1', [student11])).toBe(1);
  });

  it('removes their submissions, files, fingerprints, frequencies, pairs and quarantined deliveries, leaving a tombstone', async () => {
    const res = await request(f.app).delete(`/api/students/${student11}`).set(as(owner));
    expect(res.status).toBe(204);
    expect(await count('SELECT count(*)::int AS n FROM students WHERE id = $1', [student11])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM submissions WHERE student_id = $1', [student11])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM files f JOIN submissions s ON s.id = f.submission_id WHERE s.classroom_id = $1', [classroomId])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM fingerprints WHERE student_id = $1', [student11])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM hash_students WHERE student_id = $1', [student11])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM pairs WHERE student_a = $1 OR student_b = $1', [student11])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM quarantined_deliveries WHERE classroom_id = $1', [classroomId])).toBe(0);
    // The other student keeps everything of their own.
    expect(await count('SELECT count(*)::int AS n FROM fingerprints WHERE student_id = $1', [student12])).toBe(3);
    expect(await count('SELECT count(*)::int AS n FROM hash_students WHERE student_id = $1', [student12])).toBe(3);

    const tombstones = await f.db.pool.query('SELECT key_hash FROM tombstones WHERE classroom_id = $1 ORDER BY key_hash', [classroomId]);
    expect(tombstones.rows.map((r) => r.key_hash)).toEqual(
      studentKeyHashes(TEST_PEPPER, { platformId: 11, email: '11@students.example.test' }).sort(),
    );
    expect((await request(f.app).get(`/api/students/${student11}`).set(as(owner))).status).toBe(404);

    // The document frequencies changed in both of their assignments: each scope gets a rescore.
    const rescores = createQueue(RESCORE_QUEUE, f.deps.redis, f.deps.config.queuePrefix);
    const jobs = await rescores.getJobs(['delayed', 'waiting']);
    const assignments = await f.db.pool.query('SELECT id FROM assignments WHERE classroom_id = $1 ORDER BY id', [classroomId]);
    expect(jobs.map((j) => j.data.assignmentId).sort((a, b) => a - b)).toEqual(assignments.rows.map((r) => r.id));
    await rescores.close();
  });

  it('does not recreate them when their old delivery is sent again, by id or by email alone', async () => {
    const again = await send(old301);
    expect(again.status).toBe(200);
    const byEmail = buildDelivery({ secret: SECRET, studentId: 11, submissionId: 301 });
    delete (byEmail.student as { id?: number }).id;
    expect((await send(byEmail)).status).toBe(200);
    expect(await count('SELECT count(*)::int AS n FROM students WHERE classroom_id = $1 AND (platform_id = 11 OR email = $2)', [classroomId, '11@students.example.test'])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM submissions WHERE classroom_id = $1 AND platform_id = 301', [classroomId])).toBe(0);
    const log = await request(f.app).get(`/api/classrooms/${classroomId}/deliveries?limit=2`).set(as(owner));
    expect(log.body.items.map((d: { outcome: string; reason: string }) => [d.outcome, d.reason])).toEqual([['rejected', 'student deleted'], ['rejected', 'student deleted']]);
  });

  it('accepts work the student submits after the deletion (the tombstone covers only earlier deliveries)', async () => {
    const later = buildDelivery({ secret: SECRET, studentId: 11, submissionId: 305, timeSubmitted: new Date(Date.now() + 60_000).toISOString() });
    expect((await send(later)).status).toBe(202);
    expect(await count('SELECT count(*)::int AS n FROM students WHERE classroom_id = $1 AND platform_id = 11', [classroomId])).toBe(1);
  });
});

describe('deleting a classroom', () => {
  it('is for owners only, removes everything in it, and its webhook URL then answers 404', async () => {
    expect((await request(f.app).delete(`/api/classrooms/${classroomId}`).set(as(assistant))).status).toBe(403);
    expect((await request(f.app).delete(`/api/classrooms/${classroomId}`).set(as(owner))).status).toBe(204);
    for (const table of ['students', 'submissions', 'assignments', 'deliveries', 'tombstones', 'classroom_members']) {
      expect(await count(`SELECT count(*)::int AS n FROM ${table} WHERE classroom_id = $1`, [classroomId])).toBe(0);
    }
    expect(await count('SELECT count(*)::int AS n FROM fingerprints', [])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM pairs', [])).toBe(0);
    expect((await send(old301)).status).toBe(404);
    expect((await request(f.app).get(`/api/classrooms/${classroomId}`).set(as(owner))).status).toBe(404);
  });
});

import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@crosscheck/config';
import { createPool, deleteStudent } from '@crosscheck/db';
import { ANALYZE_QUEUE, analyzeJobId, createProducerConnection, createQueue, type AnalyzeJob } from '@crosscheck/queue';
import { ENGINE_VERSION } from '@crosscheck/similarity';
import { createApiFixture, type ApiFixture } from '../../../../test/support/api-fixture.js';
import { uniquePrefix } from '../../../../test/support/database.js';
import { createApp } from '../app.js';

// Fixtures (test/fixtures/webhooks), all with secret SECRET:
//   documented      the documented shape, no ids            real            integer ids everywhere
//   abandoned       status 'abandoned' (undocumented)       empty-files     files: []
//   unknown-fields  extra fields, unknown status, an empty file
const SECRET = 'fixture-secret-4242';
const fixture = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/webhooks/${name}.json`, import.meta.url), 'utf8'));

let fx: ApiFixture;
let classroomId: number;

beforeAll(async () => {
  fx = await createApiFixture();
  const teacher = await fx.addTeacher('Owner');
  classroomId = await fx.addClassroom(teacher.id, SECRET, 'Webhook class');
});
afterAll(async () => {
  await fx?.close();
});

const post = (body: unknown, id: number | string = classroomId) =>
  request(fx.app).post(`/webhooks/replit/${id}`).set('content-type', 'application/json').send(JSON.stringify(body));

async function jobsFor(submissionId: number): Promise<{ id?: string; data: AnalyzeJob }[]> {
  const jobs = await fx.deps.analyzeQueue.getJobs(['waiting', 'delayed', 'active', 'paused', 'prioritized', 'completed', 'failed']);
  return jobs.filter((j) => j.data.submissionId === submissionId).map((j) => ({ id: j.id, data: j.data }));
}

async function submissionRow(id: number) {
  const { rows } = await fx.db.pool.query('SELECT * FROM submissions WHERE id = $1', [id]);
  return rows[0];
}

/** A body unique to one test: a new submission id and its own student, from the real fixture. */
function realBody(n: number): Record<string, any> {
  const body = fixture('real');
  body.submission.id = 9_800_000 + n;
  body.student.id = 6_800_000 + n;
  body.student.email = `${6_800_000 + n}@students.example.test`;
  return body;
}

describe('accepted deliveries', () => {
  it('stores the documented shape and enqueues one analyze job', async () => {
    const res = await post(fixture('documented'));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ submissionId: expect.any(Number) });
    const sub = await submissionRow(res.body.submissionId);
    expect(sub).toMatchObject({ status: 'submitted', analysis_status: 'queued', revision: 1, platform_id: null });
    expect(sub.dedupe_key).toMatch(/^h:[0-9a-f]{64}$/);
    const files = await fx.db.pool.query('SELECT name, content FROM files WHERE submission_id = $1', [sub.id]);
    expect(files.rows).toEqual([{ name: 'main.py', content: fixture('documented').submission.files[0].content }]);
    const student = await fx.db.pool.query('SELECT platform_id, email, first_name FROM students WHERE id = $1', [sub.student_id]);
    expect(student.rows[0]).toEqual({ platform_id: null, email: 'ada.fixture@students.example.test', first_name: 'Ada' });
    expect(await jobsFor(sub.id)).toEqual([{ id: analyzeJobId(sub.id, 1, ENGINE_VERSION), data: { submissionId: sub.id, revision: 1 } }]);
  });

  it('stores the real shape with its platform ids', async () => {
    const res = await post(fixture('real'));
    expect(res.status).toBe(202);
    const sub = await submissionRow(res.body.submissionId);
    expect(sub).toMatchObject({ platform_id: 9900001, status: 'complete', dedupe_key: 'p:9900001:2024-03-05T14:01:07.269Z' });
    const { rows } = await fx.db.pool.query(
      `SELECT st.platform_id AS student, a.platform_id AS assignment, a.name
         FROM submissions s JOIN students st ON st.id = s.student_id JOIN assignments a ON a.id = s.assignment_id
        WHERE s.id = $1`,
      [sub.id],
    );
    expect(rows[0]).toEqual({ student: 6100001, assignment: 7100001, name: 'For : 1) Simple Sum Counter' });
  });

  it.each([
    ['abandoned', 'abandoned', 1],
    ['empty-files', 'submitted_incomplete', 0],
    ['unknown-fields', 'returned_for_revision', 2],
  ])('accepts the %s fixture, storing status %s and %i files', async (name, status, fileCount) => {
    const res = await post(fixture(name));
    expect(res.status).toBe(202);
    expect((await submissionRow(res.body.submissionId)).status).toBe(status);
    const files = await fx.db.pool.query('SELECT count(*)::int AS n FROM files WHERE submission_id = $1', [res.body.submissionId]);
    expect(files.rows[0].n).toBe(fileCount);
  });

  it('treats a student arriving by email only as the one already known by id and email', async () => {
    const first = await post(realBody(1));
    const byEmail = realBody(1);
    delete byEmail.student.id;
    byEmail.submission.id = 9_810_001;
    const second = await post(byEmail);
    expect(second.status).toBe(202);
    const a = await submissionRow(first.body.submissionId);
    const b = await submissionRow(second.body.submissionId);
    expect(b.student_id).toBe(a.student_id);
  });
});

describe('duplicates and status changes', () => {
  it('answers the same body twice with one submission and one job, the second 200 duplicate', async () => {
    const body = realBody(10);
    const first = await post(body);
    const second = await post(body);
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ submissionId: first.body.submissionId, duplicate: true });
    const count = await fx.db.pool.query('SELECT count(*)::int AS n FROM submissions WHERE platform_id = $1', [body.submission.id]);
    expect(count.rows[0].n).toBe(1);
    expect(await jobsFor(first.body.submissionId)).toHaveLength(1);
  });

  it('stores ten concurrent copies of one body once, answering all of them 2xx', async () => {
    const body = realBody(11);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(body)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 202]);
    const ids = new Set(answers.map((r) => r.body.submissionId));
    expect(ids.size).toBe(1);
    const count = await fx.db.pool.query('SELECT count(*)::int AS n FROM submissions WHERE platform_id = $1', [body.submission.id]);
    expect(count.rows[0].n).toBe(1);
    const students = await fx.db.pool.query('SELECT count(*)::int AS n FROM students WHERE platform_id = $1', [body.student.id]);
    expect(students.rows[0].n).toBe(1);
    expect(await jobsFor([...ids][0])).toHaveLength(1);
  });

  it('dedupes id-less bodies on their content, and concurrent first deliveries create one student', async () => {
    const body = fixture('documented');
    body.student.email = 'concurrent.docs@students.example.test';
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(body)));
    expect(answers.filter((r) => r.status === 202)).toHaveLength(1);
    expect(answers.every((r) => r.status === 200 || r.status === 202)).toBe(true);
    const students = await fx.db.pool.query("SELECT count(*)::int AS n FROM students WHERE email = 'concurrent.docs@students.example.test'");
    expect(students.rows[0].n).toBe(1);
  });

  it('updates only the status of a re-sent submission and enqueues its new revision', async () => {
    const body = realBody(12);
    const first = await post(body);
    const resent = structuredClone(body);
    resent.submission.status = 'abandoned';
    resent.submission.files = [{ name: 'main.py', content: 'print("changed")\n' }];
    const second = await post(resent);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ submissionId: first.body.submissionId, statusUpdated: true });
    const sub = await submissionRow(first.body.submissionId);
    expect(sub).toMatchObject({ status: 'abandoned', revision: 2, analysis_status: 'queued' });
    const files = await fx.db.pool.query('SELECT content FROM files WHERE submission_id = $1', [sub.id]);
    expect(files.rows).toEqual([{ content: body.submission.files[0].content }]);
    expect((await jobsFor(sub.id)).map((j) => j.id).sort()).toEqual([analyzeJobId(sub.id, 1, ENGINE_VERSION), analyzeJobId(sub.id, 2, ENGINE_VERSION)]);
  });
});

describe('rejected deliveries', () => {
  it('answers 400 with the failing field paths', async () => {
    const body = realBody(20);
    body.submission.time_submitted = 'not a date';
    delete body.assignment.name;
    body.submission.files = 'none';
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'assignment.name', 'submission.files', 'submission.time_submitted',
    ]);
  });

  it('answers 400 invalid_json to a body that is not JSON', async () => {
    const res = await request(fx.app).post(`/webhooks/replit/${classroomId}`).set('content-type', 'application/json').send('{"classroom": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it.each([['999999'], ['abc'], ['1e3'], ['-1'], ['99999999999999999999']])('answers 404 JSON for classroom id %s', async (id) => {
    const res = await post(fixture('real'), id);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'not found' } });
  });

  it.each([
    ['missing', undefined],
    ['wrong', 'not-the-secret'],
    ['a number', 4242],
    ['an object', { value: SECRET }],
    ['an array', [SECRET]],
    ['10 kB long', 'x'.repeat(10_000)],
    ['empty', ''],
  ])('answers 401 (never 500) when the secret is %s', async (_label, secret) => {
    const body = realBody(21);
    if (secret === undefined) delete body.classroom.webhook_secret;
    else body.classroom.webhook_secret = secret;
    const res = await post(body);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('answers 401 before validating: a bad secret learns nothing about the body', async () => {
    const res = await post({ classroom: { webhook_secret: 'nope' }, submission: 5 });
    expect(res.status).toBe(401);
  });

  it('answers 400 (never 500) to a body nested 100,000 deep, and 401 without the secret', async () => {
    const text = JSON.stringify(realBody(24)).replace(/}$/, `,"extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const send = (body: string) => request(fx.app).post(`/webhooks/replit/${classroomId}`).set('content-type', 'application/json').send(body);
    const res = await send(text);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: '(body)', message: expect.stringContaining('deep') }] });
    expect((await send(text.replace(SECRET, 'not-the-secret'))).status).toBe(401);
  });

  it('answers 400 (never 500) to a date Postgres cannot store', async () => {
    const body = realBody(25);
    body.submission.time_submitted = '0000-01-01T00:00:00Z';
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'submission.time_submitted' })]);
  });

  it('answers 400 (never 500) to file names that differ only in unpaired surrogates', async () => {
    const body = realBody(26);
    body.submission.files = [{ name: 'a\uD800.py', content: '1' }, { name: 'a\uDFFF.py', content: '2' }];
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'submission.files.1.name', message: 'duplicate file name' }]);
  });

  it('answers 413 JSON to a body over the limit', async () => {
    const body = realBody(22);
    body.submission.files[0].content = 'x'.repeat(11 * 1024 * 1024);
    const res = await post(body);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('accepts a body just under 10 MB', async () => {
    const body = realBody(23);
    body.submission.files[0].content = 'y'.repeat(9 * 1024 * 1024);
    const res = await post(body);
    expect(res.status).toBe(202);
  });
});

describe('delivery log', () => {
  it('records each outcome with its status and reason, never the secret', async () => {
    const log = async (n: number) => {
      const { rows } = await fx.db.pool.query(
        'SELECT classroom_id, outcome, reason, http_status, submission_id, body_sha256 FROM deliveries ORDER BY id DESC LIMIT $1',
        [n],
      );
      return rows;
    };
    const body = realBody(30);
    const accepted = await post(body);
    await post(body);
    const [dup, acc] = await log(2);
    expect(acc).toMatchObject({ classroom_id: classroomId, outcome: 'accepted', http_status: 202, submission_id: accepted.body.submissionId });
    expect(acc.body_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(dup).toMatchObject({ outcome: 'duplicate', http_status: 200, submission_id: accepted.body.submissionId });
    expect(dup.body_sha256).toBe(acc.body_sha256);

    body.submission.status = 'abandoned';
    await post(body);
    expect((await log(1))[0]).toMatchObject({ outcome: 'status_updated', http_status: 200 });

    await post(body, 424242);
    expect((await log(1))[0]).toMatchObject({ classroom_id: null, outcome: 'rejected', reason: 'unknown classroom', http_status: 404 });

    delete body.classroom.webhook_secret;
    await post(body);
    expect((await log(1))[0]).toMatchObject({ classroom_id: classroomId, outcome: 'rejected', reason: 'missing secret', http_status: 401 });

    body.classroom.webhook_secret = SECRET;
    body.submission.status = 7;
    await post(body);
    expect((await log(1))[0]).toMatchObject({ outcome: 'rejected', reason: 'validation failed', http_status: 400 });

    await request(fx.app).post(`/webhooks/replit/${classroomId}`).set('content-type', 'application/json').send('nope');
    expect((await log(1))[0]).toMatchObject({ classroom_id: classroomId, outcome: 'rejected', reason: 'unreadable body', http_status: 400 });
  });

  it('answers 415 in the documented snake_case codes for a charset or encoding it cannot read', async () => {
    const raw = JSON.stringify(realBody(32));
    const charset = await request(fx.app).post(`/webhooks/replit/${classroomId}`).set('content-type', 'application/json; charset=iso-8859-1').send(raw);
    expect({ status: charset.status, code: charset.body.error?.code }).toEqual({ status: 415, code: 'unsupported_charset' });
    const encoding = await request(fx.app).post(`/webhooks/replit/${classroomId}`).set('content-type', 'application/json').set('content-encoding', 'bogus').send(raw);
    expect({ status: encoding.status, code: encoding.body.error?.code }).toEqual({ status: 415, code: 'unsupported_encoding' });
  });

  it('ignores (2xx) events other than student_submits_assignment', async () => {
    const body = realBody(31);
    body.event_name = 'teacher_grades_assignment';
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ignored: true, reason: 'unsupported event' });
  });
});

describe('logs', () => {
  it('carry ids and outcomes, never the secret, names, emails or file content', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const app = createApp({ ...fx.deps, log: createLogger({ level: 'debug' }, sink) });
    const body = realBody(40);
    await request(app).post(`/webhooks/replit/${classroomId}`).set('content-type', 'application/json').send(JSON.stringify(body)).expect(202);
    body.classroom.webhook_secret = 'wrong-secret-in-logs';
    await request(app).post(`/webhooks/replit/${classroomId}`).set('content-type', 'application/json').send(JSON.stringify(body)).expect(401);
    const text = lines.join('');
    expect(text).toContain('"outcome":"accepted"');
    for (const needle of [SECRET, 'wrong-secret-in-logs', body.student.email, body.student.first_name, 'count += 1']) {
      expect(text).not.toContain(needle);
    }
  });
});

describe('unavailable services', () => {
  it('answers 503 JSON when Postgres is unreachable, so the sender retries', async () => {
    const deadPool = createPool('postgres://postgres@127.0.0.1:1/nothing');
    try {
      const app = createApp({ ...fx.deps, pool: deadPool });
      const res = await request(app).post(`/webhooks/replit/${classroomId}`).set('content-type', 'application/json').send(JSON.stringify(realBody(50)));
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('unavailable');
    } finally {
      await deadPool.end();
    }
  });

  it('still answers 202 when Redis is down, leaving the submission queued for the sweeper', async () => {
    const deadRedis = createProducerConnection('redis://127.0.0.1:1');
    const deadQueue = createQueue<AnalyzeJob>(ANALYZE_QUEUE, deadRedis, uniquePrefix());
    try {
      const app = createApp({ ...fx.deps, redis: deadRedis, analyzeQueue: deadQueue });
      const res = await request(app).post(`/webhooks/replit/${classroomId}`).set('content-type', 'application/json').send(JSON.stringify(realBody(51)));
      expect(res.status).toBe(202);
      expect((await submissionRow(res.body.submissionId)).analysis_status).toBe('queued');
    } finally {
      await deadQueue.close().catch(() => undefined);
      deadRedis.disconnect();
    }
  });
});

describe('deleted students', () => {
  it('refuses (2xx, nothing stored) a late retry of a deleted student, but takes their later work', async () => {
    const body = realBody(60);
    const first = await post(body);
    const studentId = (await submissionRow(first.body.submissionId)).student_id;
    await deleteStudent(fx.db.pool, fx.deps.config.secretPepper, studentId);

    const retry = await post(body);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ rejected: true, reason: 'student deleted' });
    const students = await fx.db.pool.query('SELECT count(*)::int AS n FROM students WHERE platform_id = $1', [body.student.id]);
    expect(students.rows[0].n).toBe(0);
    const last = await fx.db.pool.query('SELECT outcome, reason, http_status FROM deliveries ORDER BY id DESC LIMIT 1');
    expect(last.rows[0]).toEqual({ outcome: 'rejected', reason: 'student deleted', http_status: 200 });

    const later = realBody(60);
    later.submission.id = 9_860_060;
    later.submission.time_submitted = new Date(Date.now() + 60_000).toISOString();
    expect((await post(later)).status).toBe(202);
  });
});

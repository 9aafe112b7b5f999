import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApiFixture, type ApiFixture } from '../../../test/support/api-fixture.js';
import { requireResourceRole } from './auth.js';
import { ForbiddenError, NotFoundError } from './errors.js';

// Fixture: alice owns classroom A (bob assists there); carol owns classroom C; dave has no classroom.
let f: ApiFixture;
let alice: { id: number; token: string; tokenId: number };
let bob: { id: number; token: string; tokenId: number };
let carol: { id: number; token: string; tokenId: number };
let dave: { id: number; token: string; tokenId: number };
let classA: number;
let classC: number;

beforeAll(async () => {
  f = await createApiFixture();
  [alice, bob, carol, dave] = await Promise.all(['Alice', 'Bob', 'Carol', 'Dave'].map((n) => f.addTeacher(n)));
  classA = await f.addClassroom(alice.id, 'secret-a');
  classC = await f.addClassroom(carol.id, 'secret-c');
  await f.db.pool.query("INSERT INTO classroom_members (classroom_id, teacher_id, role) VALUES ($1, $2, 'assistant')", [classA, bob.id]);
});
afterAll(async () => {
  await f?.close();
});

const UNAUTHORIZED = { error: { code: 'unauthorized', message: 'missing or invalid credentials' } };
const NOT_FOUND = { error: { code: 'not_found', message: 'not found' } };

describe('authenticate', () => {
  it.each([
    ['no header', undefined],
    ['wrong scheme', 'Basic YWxpY2U6c2VjcmV0'],
    ['scheme without token', 'Bearer '],
    ['unknown token', 'Bearer cct_notarealtokenatall'],
    ['token with illegal characters', 'Bearer cct_{}'],
  ])('answers 401 for %s', async (_label, header) => {
    const req = request(f.app).get('/api/me');
    const res = header === undefined ? await req : await req.set('Authorization', header);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  it('accepts a valid token, case-insensitive scheme, and records when it was last used', async () => {
    const res = await request(f.app).get('/api/me').set('Authorization', `bearer ${alice.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: alice.id, name: 'Alice', isAdmin: false, tokenId: alice.tokenId });
    const { rows } = await f.db.pool.query('SELECT last_used_at FROM api_tokens WHERE id = $1', [alice.tokenId]);
    expect(rows[0].last_used_at).toBeInstanceOf(Date);
  });

  it('answers 401 for a token once it is revoked', async () => {
    const minted = await request(f.app).post('/api/tokens').set('Authorization', `Bearer ${dave.token}`).send({ label: 'laptop' });
    expect(minted.status).toBe(201);
    const fresh = minted.body.token as string;
    expect((await request(f.app).get('/api/me').set('Authorization', `Bearer ${fresh}`)).status).toBe(200);
    const revoked = await request(f.app).delete(`/api/tokens/${minted.body.id}`).set('Authorization', `Bearer ${dave.token}`);
    expect(revoked.status).toBe(204);
    const after = await request(f.app).get('/api/me').set('Authorization', `Bearer ${fresh}`);
    expect(after.status).toBe(401);
    expect(after.body).toEqual(UNAUTHORIZED);
  });
});

describe('classroom visibility', () => {
  it("answers another teacher's classroom exactly like a nonexistent or malformed id", async () => {
    const auth = { Authorization: `Bearer ${alice.token}` };
    const hidden = await request(f.app).get(`/api/classrooms/${classC}`).set(auth);
    const missing = await request(f.app).get('/api/classrooms/999999').set(auth);
    const malformed = await request(f.app).get('/api/classrooms/abc').set(auth);
    const zero = await request(f.app).get('/api/classrooms/0').set(auth);
    for (const res of [hidden, missing, malformed, zero]) {
      expect(res.status).toBe(404);
      expect(res.text).toBe(JSON.stringify(NOT_FOUND));
    }
    expect(hidden.headers['content-length']).toBe(missing.headers['content-length']);
  });

  it('hides the classroom from a teacher with no role for every action, owner-only ones included', async () => {
    const auth = { Authorization: `Bearer ${dave.token}` };
    const del = await request(f.app).delete(`/api/classrooms/${classA}`).set(auth);
    const secret = await request(f.app).put(`/api/classrooms/${classA}/secret`).set(auth).send({ secret: 'x' });
    expect([del.status, secret.status]).toEqual([404, 404]);
    expect(del.body).toEqual(NOT_FOUND);
  });

  it('lets an assistant see the classroom but answers 403 to owner-only actions', async () => {
    const auth = { Authorization: `Bearer ${bob.token}` };
    const seen = await request(f.app).get(`/api/classrooms/${classA}`).set(auth);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: classA, role: 'assistant', webhookUrl: `http://crosscheck.test/webhooks/replit/${classA}` });
    const del = await request(f.app).delete(`/api/classrooms/${classA}`).set(auth);
    expect(del.status).toBe(403);
    expect(del.body.error.code).toBe('forbidden');
    const invite = await request(f.app).post(`/api/classrooms/${classA}/members`).set(auth).send({ teacherId: dave.id, role: 'assistant' });
    expect(invite.status).toBe(403);
    const still = await f.db.pool.query('SELECT 1 FROM classrooms WHERE id = $1', [classA]);
    expect(still.rowCount).toBe(1);
  });
});

describe('requireResourceRole', () => {
  it('reaches a pair through either of its two classrooms, and hides it from everyone else', async () => {
    const q = (sql: string, params: unknown[]) => f.db.pool.query(sql, params).then((r) => r.rows[0].id as number);
    const side = async (classroomId: number, email: string) => {
      const assignment = await q("INSERT INTO assignments (classroom_id, name) VALUES ($1, 'Lab 1') RETURNING id", [classroomId]);
      const student = await q('INSERT INTO students (classroom_id, email) VALUES ($1, $2) RETURNING id', [classroomId, email]);
      const submission = await q(
        `INSERT INTO submissions (classroom_id, assignment_id, student_id, status, time_submitted, dedupe_key, content_hash)
         VALUES ($1, $2, $3, 'complete', now(), $4, 'h') RETURNING id`,
        [classroomId, assignment, student, `k-${email}`],
      );
      return { assignment, student, submission };
    };
    const a = await side(classA, 'a@example.test');
    const c = await side(classC, 'c@example.test');
    const pair = await q(
      `INSERT INTO pairs (assignment_id, student_a, student_b, submission_a, submission_b, similarity, longest_tokens, longest_lines, overlap, engine_version)
       VALUES ($1, $2, $3, $4, $5, 0.9, 10, 3, 20, 'test') RETURNING id`,
      [a.assignment, a.student, c.student, a.submission, c.submission],
    );
    const viaCarol = await requireResourceRole(f.deps, carol.id, 'pair', String(pair), 'assistant');
    expect(viaCarol).toMatchObject({ id: pair, classroomId: classC, role: 'owner' });
    expect(viaCarol.classrooms).toEqual([{ classroomId: classA, role: null }, { classroomId: classC, role: 'owner' }]);
    const viaBob = await requireResourceRole(f.deps, bob.id, 'pair', pair, 'assistant');
    expect(viaBob).toMatchObject({ classroomId: classA, role: 'assistant' });
    await expect(requireResourceRole(f.deps, bob.id, 'pair', pair, 'owner')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requireResourceRole(f.deps, dave.id, 'pair', pair, 'assistant')).rejects.toBeInstanceOf(NotFoundError);
    await expect(requireResourceRole(f.deps, dave.id, 'submission', c.submission, 'assistant')).rejects.toBeInstanceOf(NotFoundError);
    await expect(requireResourceRole(f.deps, carol.id, 'student', a.student, 'assistant')).rejects.toBeInstanceOf(NotFoundError);
    await expect(requireResourceRole(f.deps, carol.id, 'assignment', '1e3', 'assistant')).rejects.toBeInstanceOf(NotFoundError);
    expect((await requireResourceRole(f.deps, alice.id, 'assignment', a.assignment, 'owner')).classroomId).toBe(classA);
  });
});

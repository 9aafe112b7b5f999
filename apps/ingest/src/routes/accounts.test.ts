import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { hashSecret } from '@crosscheck/db';
import { createApiFixture, TEST_PEPPER, type ApiFixture } from '../../../../test/support/api-fixture.js';

// Fixture: olga owns everything she creates here; pat is invited as assistant, then as owner.
let f: ApiFixture;
let olga: { id: number; token: string; tokenId: number };
let pat: { id: number; token: string; tokenId: number };
const as = (t: { token: string }) => ({ Authorization: `Bearer ${t.token}` });

beforeAll(async () => {
  f = await createApiFixture();
  olga = await f.addTeacher('Olga');
  pat = await f.addTeacher('Pat');
});
afterAll(async () => {
  await f?.close();
});

describe('tokens', () => {
  it('shows a new token once, stores only its hash, and lists mine without it', async () => {
    const minted = await request(f.app).post('/api/tokens').set(as(olga)).send({ label: 'ci' });
    expect(minted.status).toBe(201);
    expect(minted.body.token).toMatch(/^cct_[A-Za-z0-9_-]{43}$/);
    const stored = await f.db.pool.query('SELECT token_hash FROM api_tokens WHERE id = $1', [minted.body.id]);
    expect(stored.rows[0].token_hash).toBe(hashSecret(TEST_PEPPER, minted.body.token));

    const list = await request(f.app).get('/api/tokens').set(as(olga));
    expect(list.status).toBe(200);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items.map((t: { id: number }) => t.id)).toEqual([minted.body.id, olga.tokenId]);
    expect(Object.keys(list.body.items[0]).sort()).toEqual(['createdAt', 'id', 'label', 'lastUsedAt', 'revokedAt']);
    expect(list.text).not.toContain(minted.body.token);
  });

  it("answers 404 for revoking someone else's token, and leaves it working", async () => {
    const res = await request(f.app).delete(`/api/tokens/${pat.tokenId}`).set(as(olga));
    expect(res.status).toBe(404);
    expect((await request(f.app).get('/api/me').set(as(pat))).status).toBe(200);
  });
});

describe('classrooms', () => {
  it('creates a classroom owned by the caller and stores the secret hashed', async () => {
    const res = await request(f.app).post('/api/classrooms').set(as(olga)).send({ name: 'CS1', secret: 'hunter2-secret' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ classroomId: expect.any(Number), webhookUrl: `http://crosscheck.test/webhooks/replit/${res.body.classroomId}` });
    const row = await f.db.pool.query('SELECT secret_hash FROM classrooms WHERE id = $1', [res.body.classroomId]);
    expect(row.rows[0].secret_hash).toBe(hashSecret(TEST_PEPPER, 'hunter2-secret'));
    const one = await request(f.app).get(`/api/classrooms/${res.body.classroomId}`).set(as(olga));
    expect(one.body).toMatchObject({ name: 'CS1', role: 'owner', counts: { members: 1, students: 0, assignments: 0, submissions: 0 } });
  });

  it.each([['a NUL', 'CS\u00001'], ['an unpaired surrogate', 'CS\uD8001']])('answers 400 (never 500) to a name with %s', async (_label, name) => {
    const res = await request(f.app).post('/api/classrooms').set(as(olga))
      .set('content-type', 'application/json').send(JSON.stringify({ name, secret: 's' }));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'name', message: 'contains a NUL character or an unpaired surrogate' }]);
  });

  it('stores a name with a character outside the BMP (a surrogate pair is not an unpaired one)', async () => {
    const res = await request(f.app).post('/api/classrooms').set(as(olga)).send({ name: 'CS \u{1F600}', secret: 's' }).expect(201);
    expect((await request(f.app).get(`/api/classrooms/${res.body.classroomId}`).set(as(olga))).body.name).toBe('CS \uD83D\uDE00');
  });

  it('rejects a classroom without a name or secret, naming the field', async () => {
    const res = await request(f.app).post('/api/classrooms').set(as(olga)).send({ name: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'secret', message: 'a string of 1 to 1000 characters' }]);
  });

  it('pages through my classrooms only, with an opaque cursor', async () => {
    for (const name of ['P1', 'P2', 'P3']) await request(f.app).post('/api/classrooms').set(as(pat)).send({ name, secret: 's' });
    const first = await request(f.app).get('/api/classrooms?limit=2').set(as(pat));
    expect(first.body.items.map((c: { name: string }) => c.name)).toEqual(['P1', 'P2']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await request(f.app).get(`/api/classrooms?limit=2&cursor=${first.body.nextCursor}`).set(as(pat));
    expect(second.body.items.map((c: { name: string }) => c.name)).toEqual(['P3']);
    expect(second.body.nextCursor).toBeNull();
    const bad = await request(f.app).get('/api/classrooms?cursor=bm90LWEtY3Vyc29y').set(as(pat));
    expect(bad.status).toBe(400);
    expect((await request(f.app).get('/api/classrooms?limit=0').set(as(pat))).status).toBe(400);
  });
});

describe('members', () => {
  it('lets an owner invite and promote, and never removes or demotes the last owner', async () => {
    const id = (await request(f.app).post('/api/classrooms').set(as(olga)).send({ name: 'M', secret: 's' })).body.classroomId;
    const invited = await request(f.app).post(`/api/classrooms/${id}/members`).set(as(olga)).send({ teacherId: pat.id, role: 'assistant' });
    expect(invited.status).toBe(201);
    const members = await request(f.app).get(`/api/classrooms/${id}/members`).set(as(pat));
    expect(members.body.items.map((m: { teacherId: number; role: string }) => [m.teacherId, m.role])).toEqual([[olga.id, 'owner'], [pat.id, 'assistant']]);

    expect((await request(f.app).delete(`/api/classrooms/${id}/members/${olga.id}`).set(as(olga))).status).toBe(409);
    const demote = await request(f.app).post(`/api/classrooms/${id}/members`).set(as(olga)).send({ teacherId: olga.id, role: 'assistant' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('conflict');

    const promote = await request(f.app).post(`/api/classrooms/${id}/members`).set(as(olga)).send({ teacherId: pat.id, role: 'owner' });
    expect(promote.status).toBe(200);
    expect((await request(f.app).delete(`/api/classrooms/${id}/members/${olga.id}`).set(as(pat))).status).toBe(204);
    expect((await request(f.app).get(`/api/classrooms/${id}`).set(as(olga))).status).toBe(404);
    expect((await request(f.app).delete(`/api/classrooms/${id}/members/${olga.id}`).set(as(pat))).status).toBe(404);
    const unknown = await request(f.app).post(`/api/classrooms/${id}/members`).set(as(pat)).send({ teacherId: 987654, role: 'owner' });
    expect(unknown.status).toBe(404);
  });
});

describe('delivery log', () => {
  it('lists deliveries newest first and pages without skipping rows that share a millisecond', async () => {
    const id = (await request(f.app).post('/api/classrooms').set(as(olga)).send({ name: 'D', secret: 's' })).body.classroomId;
    // Three rows 300 microseconds apart: a cursor rounded to milliseconds would lose the middle one.
    await f.db.pool.query(
      `INSERT INTO deliveries (classroom_id, received_at, outcome, reason, http_status)
       SELECT $1, timestamptz '2024-03-01 10:00:00.100100+00' + make_interval(secs => n * 0.0003), 'rejected', 'r' || n, 401
         FROM generate_series(0, 2) n`,
      [id],
    );
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 5; i++) {
      const res = await request(f.app).get(`/api/classrooms/${id}/deliveries?limit=1${cursor ? `&cursor=${cursor}` : ''}`).set(as(olga));
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((d: { reason: string }) => d.reason));
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual(['r2', 'r1', 'r0']);
    const all = await request(f.app).get(`/api/classrooms/${id}/deliveries`).set(as(olga));
    expect(Object.keys(all.body.items[0]).sort()).toEqual(['httpStatus', 'id', 'outcome', 'reason', 'receivedAt', 'submissionId']);
  });

  it.each(['2024-02-30 00:00:00', '0000-01-01 00:00:00', '2024-13-45 99:99:99', '2024-01-01 00:00:00+99'])(
    'answers 400 (never 500) to a forged cursor at %s, which Postgres cannot read',
    async (time) => {
      const id = (await request(f.app).post('/api/classrooms').set(as(olga)).send({ name: 'F', secret: 's' })).body.classroomId;
      const cursor = Buffer.from(JSON.stringify([time, 1])).toString('base64url');
      const res = await request(f.app).get(`/api/classrooms/${id}/deliveries?cursor=${cursor}`).set(as(olga));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'cursor' }] });
    },
  );
});

// Every /api route that reads a JSON body. The body is parsed after authentication and before the
// route looks at its ids, so id 1 serves every route here, whoever owns it.
const BODY_ROUTES = [
  ['post', '/api/tokens'], ['post', '/api/classrooms'], ['post', '/api/classrooms/1/members'], ['put', '/api/classrooms/1/secret'],
  ['post', '/api/groups'], ['patch', '/api/assignments/1'], ['put', '/api/assignments/1/starter'], ['put', '/api/pairs/1/verdict'],
] as const;

describe('JSON bodies', () => {
  const send = (method: string, path: string) => (request(f.app) as unknown as Record<string, (p: string) => request.Test>)[method](path).set(as(olga));

  it.each(BODY_ROUTES)('%s %s answers 400 to a body that is not sent as JSON (curl -d sends a form)', async (method, path) => {
    const res = await send(method, path).set('content-type', 'application/x-www-form-urlencoded').send('{"label":"x"}');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'validation_failed', message: 'body must be JSON', details: [{ path: '', message: 'send it with content-type: application/json' }],
    });
  });

  it.each(BODY_ROUTES)('%s %s answers 400 naming a key that holds a NUL', async (method, path) => {
    const res = await send(method, path).set('content-type', 'application/json').send('{"ok":{"a\\u0000b":1}}');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'ok.a\u0000b', message: 'contains a NUL character or an unpaired surrogate' }]);
  });

  it('still mints a token for a request without any body, whatever its content type', async () => {
    const res = await request(f.app).post('/api/tokens').set(as(olga)).set('content-type', 'text/plain').expect(201);
    expect(res.body.label).toBe('');
  });
});

import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiFixture, type ApiFixture } from '../../../../test/support/api-fixture.js';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
const realBody = (): Record<string, any> =>
  JSON.parse(readFileSync(new URL('../../../../test/fixtures/webhooks/real.json', import.meta.url), 'utf8'));

describe('admin API without ADMIN_TOKEN', () => {
  let fx: ApiFixture;
  beforeAll(async () => {
    fx = await createApiFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('does not exist: every /admin route answers like an unknown path', async () => {
    const unknown = await request(fx.app).post('/no-such-route');
    for (const path of ['/admin/classrooms', '/admin/teachers']) {
      const res = await request(fx.app).post(path).set('authorization', 'Bearer anything').send({ name: 'x', secret: 'y' });
      expect(res.status).toBe(404);
      expect(res.body).toEqual(unknown.body);
    }
  });
});

describe('admin API with ADMIN_TOKEN', () => {
  let fx: ApiFixture;
  beforeAll(async () => {
    fx = await createApiFixture({ ADMIN_TOKEN });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it.each([
    ['no header', undefined],
    ['a wrong token', `Bearer ${ADMIN_TOKEN.slice(0, -1)}x`],
    ['a longer token', `Bearer ${ADMIN_TOKEN}${'z'.repeat(5000)}`],
    ['another scheme', `Basic ${ADMIN_TOKEN}`],
  ])('answers 401 to %s', async (_label, header) => {
    const req = request(fx.app).post('/admin/classrooms');
    if (header) req.set('authorization', header);
    const res = await req.send({ name: 'Class', secret: 's' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('creates a classroom whose webhookUrl accepts a delivery and whose apiToken sees it', async () => {
    const res = await request(fx.app)
      .post('/admin/classrooms')
      .set('authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ name: 'Period 3 ', secret: 'fixture-secret-4242', teacherName: 'Ms Example' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      classroomId: expect.any(Number),
      teacherId: expect.any(Number),
      webhookUrl: `http://crosscheck.test/webhooks/replit/${res.body.classroomId}`,
      apiToken: expect.stringMatching(/^cct_/),
    });
    const path = new URL(res.body.webhookUrl).pathname;
    const delivery = await request(fx.app).post(path).set('content-type', 'application/json').send(JSON.stringify(realBody()));
    expect(delivery.status).toBe(202);

    const mine = await request(fx.app).get('/api/classrooms').set('authorization', `Bearer ${res.body.apiToken}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((c: { id: number; name: string }) => [c.id, c.name])).toEqual([[res.body.classroomId, 'Period 3']]);
    const stored = await fx.db.pool.query('SELECT secret_hash FROM classrooms WHERE id = $1', [res.body.classroomId]);
    expect(stored.rows[0].secret_hash).not.toContain('fixture-secret-4242');
  });

  it('creates a teacher with a token', async () => {
    const res = await request(fx.app).post('/admin/teachers').set('authorization', `Bearer ${ADMIN_TOKEN}`).send({ name: 'Mr Assistant' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ teacherId: expect.any(Number), apiToken: expect.stringMatching(/^cct_/) });
    const me = await request(fx.app).get('/api/me').set('authorization', `Bearer ${res.body.apiToken}`);
    expect(me.status).toBe(200);
  });

  it('answers 400 with the failing fields', async () => {
    const res = await request(fx.app).post('/admin/classrooms').set('authorization', `Bearer ${ADMIN_TOKEN}`).send({ name: ' ', secret: 5 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['name', 'secret']);
  });

  it('answers 400 to a body not sent as JSON, and creates nothing', async () => {
    const count = async () => Number((await fx.db.pool.query('SELECT count(*) FROM teachers')).rows[0].count);
    const before = await count();
    const res = await request(fx.app).post('/admin/teachers').set('authorization', `Bearer ${ADMIN_TOKEN}`)
      .set('content-type', 'text/plain').send(JSON.stringify({ name: 'Plain' }));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('body must be JSON');
    expect(await count()).toBe(before);
  });

  it('answers 400 (never 500) to a NUL in the teacher email', async () => {
    const res = await request(fx.app).post('/admin/classrooms').set('authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ name: 'NUL', secret: 'nul-secret', teacherEmail: 'a\u0000b@example.test' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'teacherEmail', message: expect.stringContaining('NUL') }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import pg from 'pg';
import { createPool } from '@crosscheck/db';
import { createApp } from './app.js';
import { createApiFixture, type ApiFixture } from '../../../test/support/api-fixture.js';
import { createResponseValidator, listOperations, type OpenApiDoc } from '../../../test/support/openapi-check.js';

// With Postgres down, /api and /admin answered 500 {"error":{"code":"internal"}} (the token lookup
// got ECONNREFUSED) while only the webhook answered 503. Every route that reads Postgres answers a
// documented 503 now, so callers know to retry.

const ADMIN_TOKEN = 'admin-token-for-unavailable-test-0123';
const MISSING = '987654321';
// Admin routes check their body before the database; these get that far.
const ADMIN_BODIES: Record<string, unknown> = {
  adminCreateClassroom: { name: 'Class', secret: 'some-webhook-secret' },
  adminCreateTeacher: { name: 'Teacher' },
};

let f: ApiFixture;
let token: string;
let doc: OpenApiDoc;
const deadPool = createPool('postgres://postgres@127.0.0.1:1/nothing');

beforeAll(async () => {
  f = await createApiFixture({ ADMIN_TOKEN });
  token = (await f.addTeacher('Owner')).token;
  doc = (await request(f.app).get('/api/openapi.json').expect(200)).body;
});
afterAll(async () => {
  await deadPool.end();
  await f?.close();
});

function send(app: ReturnType<typeof createApp>, op: { method: string; path: string; operationId: string }, auth?: string) {
  const req = (request(app) as any)[op.method](op.path.replace(/\{\w+\}/g, MISSING)) as request.Test;
  if (auth) req.set('Authorization', `Bearer ${auth}`);
  return req.send((ADMIN_BODIES[op.operationId] ?? {}) as object);
}

describe('with Postgres unreachable', () => {
  it('GET /api/me and POST /admin/teachers answer 503, not 500', async () => {
    const app = createApp({ ...f.deps, pool: deadPool });
    const me = await request(app).get('/api/me').set('Authorization', `Bearer ${token}`);
    expect({ status: me.status, body: me.body }).toEqual({
      status: 503, body: { error: { code: 'unavailable', message: 'database unavailable, retry later' } },
    });
    const admin = await request(app).post('/admin/teachers').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ name: 'T' });
    expect({ status: admin.status, code: admin.body.error?.code }).toEqual({ status: 503, code: 'unavailable' });
  });

  it('every route that reads Postgres answers a 503 its document lists', async () => {
    const app = createApp({ ...f.deps, pool: deadPool });
    const check = createResponseValidator(doc);
    const problems: string[] = [];
    const tried: string[] = [];
    for (const op of listOperations(doc)) {
      const security = JSON.stringify(doc.paths[op.path][op.method].security ?? []);
      if (security === '[]' && !op.path.startsWith('/webhooks/')) continue; // probes and the document itself
      tried.push(op.operationId);
      const res = await send(app, op, security.includes('adminToken') ? ADMIN_TOKEN : token);
      if (res.status !== 503) problems.push(`${op.operationId}: ${res.status} ${res.text.slice(0, 120)}`);
      problems.push(...check(op.operationId, res));
    }
    expect(tried).toEqual(expect.arrayContaining(['getMe', 'listPairs', 'rotateSecret', 'adminCreateTeacher', 'receiveSubmission']));
    expect(problems).toEqual([]);
  });

  it('a pool that cannot hand out a connection in time is a 503 too', async () => {
    // One connection, held here: the route's connect waits for it and gives up.
    const pool = new pg.Pool({ connectionString: f.db.url, max: 1, connectionTimeoutMillis: 50 });
    pool.on('error', () => undefined);
    const busy = await pool.connect();
    try {
      const res = await request(createApp({ ...f.deps, pool })).get('/api/me').set('Authorization', `Bearer ${token}`);
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 503, code: 'unavailable' });
    } finally {
      busy.release();
      await pool.end();
    }
  });
});

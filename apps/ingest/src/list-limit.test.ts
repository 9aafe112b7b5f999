import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildDelivery, createApiFixture, type ApiFixture } from '../../../test/support/api-fixture.js';
import { listOperations, type OpenApiDoc } from '../../../test/support/openapi-check.js';

// Every list route reads `limit` one way: plain decimal digits, 1 to 200, default 50 when the
// parameter is absent. Anything else, an empty `limit=` included, is the same 400 on every route
// (it used to be: 0x10 and 1e1 accepted, `limit=` the default, except on pairs, which refused it).
//
// Fixture: one owner with two classrooms; the first has two assignments (one delivery each).

let f: ApiFixture;
let token: string;
let doc: OpenApiDoc;
const ids: Record<string, number> = {};

beforeAll(async () => {
  f = await createApiFixture();
  const owner = await f.addTeacher('Owner');
  token = owner.token;
  ids.classroom = await f.addClassroom(owner.id, 'limit-secret', 'First');
  await f.addClassroom(owner.id, 'other-secret', 'Second');
  for (const [n, assignmentId] of [[1, 7001], [2, 7002]]) {
    await request(f.app).post(`/webhooks/replit/${ids.classroom}`)
      .send(buildDelivery({ secret: 'limit-secret', studentId: n, submissionId: 100 + n, assignmentId })).expect(202);
  }
  ids.assignment = (await f.db.pool.query('SELECT id FROM assignments WHERE classroom_id = $1 ORDER BY id LIMIT 1', [ids.classroom])).rows[0].id;
  doc = (await request(f.app).get('/api/openapi.json').expect(200)).body;
});
afterAll(async () => {
  await f?.close();
});

// Each list route with a query that holds two rows or more (pairs: none, nothing was analysed).
const LISTS: Record<string, () => { url: string; rows: number }> = {
  listClassrooms: () => ({ url: '/api/classrooms', rows: 2 }),
  listDeliveries: () => ({ url: `/api/classrooms/${ids.classroom}/deliveries`, rows: 2 }),
  listAssignments: () => ({ url: `/api/classrooms/${ids.classroom}/assignments`, rows: 2 }),
  listPairs: () => ({ url: `/api/assignments/${ids.assignment}/pairs`, rows: 0 }),
};

const get = (url: string) => request(f.app).get(url).set('Authorization', `Bearer ${token}`);

// Written by hand: the one answer for a limit that is not an integer from 1 to 200 in plain digits.
const REFUSED = {
  error: { code: 'validation_failed', message: 'invalid query', details: [{ path: 'limit', message: 'an integer from 1 to 200' }] },
};

describe('the limit of a list', () => {
  it('is a documented parameter of exactly these routes', () => {
    const withLimit = listOperations(doc)
      .filter((op) => (doc.paths[op.path][op.method].parameters ?? []).some((p: { name: string }) => p.name === 'limit'))
      .map((op) => op.operationId);
    expect(withLimit.sort()).toEqual(Object.keys(LISTS).sort());
    const param = doc.paths['/api/classrooms'].get.parameters!.find((p: { name: string }) => p.name === 'limit');
    expect(param.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200 });
  });

  it.each(['', '0x10', '1e1', '1.0', '+5', ' 5', '5 ', '-1', '0', '201', 'ten', '5&limit=6'])(
    'limit=%j is the same 400 on every list route', async (value) => {
      const answers: Record<string, unknown> = {};
      for (const [op, list] of Object.entries(LISTS)) {
        const res = await get(`${list().url}?limit=${encodeURIComponent(value).replace('%26limit%3D', '&limit=')}`);
        answers[op] = { status: res.status, body: res.body };
      }
      const same = Object.fromEntries(Object.keys(LISTS).map((op) => [op, { status: 400, body: REFUSED }]));
      expect(answers).toEqual(same);
    });

  it.each([['1', 1], ['007', 7], ['200', 200]])('limit=%s is a page of at most %i', async (value, size) => {
    for (const [op, list] of Object.entries(LISTS)) {
      const { url, rows } = list();
      const res = await get(`${url}?limit=${value}`);
      expect({ op, status: res.status, items: res.body.items?.length, more: res.body.nextCursor !== null })
        .toEqual({ op, status: 200, items: Math.min(size, rows), more: rows > size });
    }
  });

  it('may be left out', async () => {
    for (const [op, list] of Object.entries(LISTS)) {
      const res = await get(list().url);
      expect({ op, status: res.status }).toEqual({ op, status: 200 });
    }
  });
});

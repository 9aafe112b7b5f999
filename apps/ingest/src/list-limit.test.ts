import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { issueToken, setMember, upsertPairs } from '@crosscheck/db';
import { buildDelivery, createApiFixture, type ApiFixture } from '../../../test/support/api-fixture.js';
import { listOperations, type OpenApiDoc } from '../../../test/support/openapi-check.js';

// Every list route reads `limit` one way: plain decimal digits, 1 to 200, default 50 when the
// parameter is absent. Anything else, an empty `limit=` included, is the same 400 on every route
// (it used to be: 0x10 and 1e1 accepted, `limit=` the default, except on pairs, which refused it).
// Tokens, members and copy rings ignored limit and cursor and answered every item; they page too.
//
// Fixture: one owner with two tokens and two classrooms; the first has an assistant and three
// assignments: two with one delivery each, and a third with four students in two flagged pairs
// (two copy rings), stored directly.

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
  await issueToken(f.db.pool, f.deps.config.secretPepper, owner.id, 'second');
  await setMember(f.db.pool, ids.classroom, (await f.addTeacher('Assistant')).id, 'assistant');
  for (const n of [11, 12, 13, 14]) {
    await request(f.app).post(`/webhooks/replit/${ids.classroom}`)
      .send(buildDelivery({ secret: 'limit-secret', studentId: n, submissionId: 100 + n, assignmentId: 7003 })).expect(202);
  }
  const subs = (await f.db.pool.query(
    "SELECT s.id, s.student_id, s.assignment_id FROM submissions s JOIN assignments a ON a.id = s.assignment_id WHERE a.platform_id = 7003 ORDER BY s.student_id",
  )).rows;
  ids.ringAssignment = subs[0].assignment_id;
  await upsertPairs(f.db.pool, [[subs[0], subs[1]], [subs[2], subs[3]]].map(([x, y]) => ({
    assignmentId: ids.ringAssignment, studentA: x.student_id, studentB: y.student_id, submissionA: x.id, submissionB: y.id,
    similarity: 1, weightedSimilarity: 1, longestTokens: 50, longestLines: 5, overlap: 50, fragments: [], engineVersion: 'test',
  })));
  await f.db.pool.query('UPDATE pairs SET flagged = true WHERE assignment_id = $1', [ids.ringAssignment]);
  doc = (await request(f.app).get('/api/openapi.json').expect(200)).body;
});
afterAll(async () => {
  await f?.close();
});

// Each list route with a query that holds two rows or more (pairs: none, nothing was analysed).
const LISTS: Record<string, () => { url: string; rows: number }> = {
  listTokens: () => ({ url: '/api/tokens', rows: 2 }),
  listClassrooms: () => ({ url: '/api/classrooms', rows: 2 }),
  listMembers: () => ({ url: `/api/classrooms/${ids.classroom}/members`, rows: 2 }),
  listCopyRings: () => ({ url: `/api/assignments/${ids.ringAssignment}/rings`, rows: 2 }),
  listDeliveries: () => ({ url: `/api/classrooms/${ids.classroom}/deliveries`, rows: 6 }),
  listAssignments: () => ({ url: `/api/classrooms/${ids.classroom}/assignments`, rows: 3 }),
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

  it('pages through every item once, in the order of the unpaged list, by following nextCursor', async () => {
    for (const [op, list] of Object.entries(LISTS)) {
      const { url, rows } = list();
      const whole = (await get(url).expect(200)).body;
      expect({ op, items: whole.items.length, nextCursor: whole.nextCursor }).toEqual({ op, items: rows, nextCursor: null });
      const walked: unknown[] = [];
      for (let cursor: string | null = '', pages = 0; cursor !== null && pages <= rows; pages++) {
        const page = (await get(`${url}?limit=1${cursor ? `&cursor=${cursor}` : ''}`).expect(200)).body;
        walked.push(...page.items);
        cursor = page.nextCursor;
      }
      expect({ op, walked }).toEqual({ op, walked: whole.items });
    }
  });

  it('refuses a cursor that is not one of its list', async () => {
    for (const [op, list] of Object.entries(LISTS)) {
      const res = await get(`${list().url}?cursor=bm90LWEtY3Vyc29y`);
      expect({ op, status: res.status, details: res.body.error?.details }).toEqual({ op, status: 400, details: [{ path: 'cursor', message: 'not a cursor from this list' }] });
    }
  });

  it('may be left out', async () => {
    for (const [op, list] of Object.entries(LISTS)) {
      const res = await get(list().url);
      expect({ op, status: res.status }).toEqual({ op, status: 200 });
    }
  });
});

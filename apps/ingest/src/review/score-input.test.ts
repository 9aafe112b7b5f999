import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildDelivery, createApiFixture, type ApiFixture } from '../../../../test/support/api-fixture.js';

// Scores are Postgres `real`: PATCH {"flagThreshold":1e-46} and ?minSimilarity=1e-46 (or 5e-324)
// reached it as values it cannot hold and answered 500 "out of range for type real". A score the
// API takes is rounded to 6 decimals; in a query string it is a plain decimal number only (like
// limit: 0x1, '', ' 1' were read as numbers).
//
// Fixture: one owner, one classroom, one assignment (one delivery, so no pairs).

const SECRET = 'score-input-secret';
let f: ApiFixture;
let token: string;
let assignmentId: number;

beforeAll(async () => {
  f = await createApiFixture();
  const owner = await f.addTeacher('Owner');
  token = owner.token;
  const classroomId = await f.addClassroom(owner.id, SECRET);
  await request(f.app).post(`/webhooks/replit/${classroomId}`).send(buildDelivery({ secret: SECRET, studentId: 1, submissionId: 101 })).expect(202);
  assignmentId = (await f.db.pool.query('SELECT id FROM assignments WHERE classroom_id = $1', [classroomId])).rows[0].id;
});
afterAll(async () => {
  await f?.close();
});

const patch = (body: string) => request(f.app).patch(`/api/assignments/${assignmentId}`)
  .set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(body);
const listPairs = (query: string) => request(f.app).get(`/api/assignments/${assignmentId}/pairs?${query}`).set('Authorization', `Bearer ${token}`);

describe('flagThreshold', () => {
  it('is rounded to 6 decimals, so a value too small for a real is 0, not a 500', async () => {
    // Raw JSON: the numbers as a client sends them, not as JSON.stringify would print them.
    for (const [sent, stored] of [['1e-46', 0], ['5e-324', 0], ['0.0000004', 0], ['0.0000006', 0.000001], ['0.4500001', 0.45], ['1', 1]] as const) {
      const res = await patch(`{"flagThreshold":${sent}}`);
      expect({ sent, status: res.status, flagThreshold: res.body.flagThreshold }).toEqual({ sent, status: 200, flagThreshold: stored });
      const row = await f.db.pool.query('SELECT flag_threshold FROM assignments WHERE id = $1', [assignmentId]);
      expect(row.rows[0].flag_threshold).toBe(stored);
    }
  });

  it('outside 0 to 1 is still a 400', async () => {
    expect((await patch('{"flagThreshold":1.0000001}')).status).toBe(400);
    expect((await patch('{"flagThreshold":-1e-46}')).status).toBe(400);
  });
});

describe('minSimilarity', () => {
  it('takes plain decimal numbers, rounded to 6 decimals', async () => {
    for (const value of ['0', '1', '0.5', '1.0', '0.45', `0.${'0'.repeat(46)}1`]) {
      const res = await listPairs(`minSimilarity=${value}`);
      expect({ value, status: res.status }).toEqual({ value, status: 200 });
    }
  });

  it('refuses every other spelling with one 400', async () => {
    const refused = {
      error: { code: 'validation_failed', message: 'invalid query', details: [{ path: 'minSimilarity', message: 'a decimal number from 0 to 1, such as 0.45' }] },
    };
    for (const value of ['1e-46', '5e-324', '0x1', '', '%201', '1%20', '+0.5', '-0', '.5', '1.', '1.5', 'Infinity', 'NaN', '0,5']) {
      const res = await listPairs(`minSimilarity=${value}`);
      expect({ value, status: res.status, body: res.body }).toEqual({ value, status: 400, body: refused });
    }
  });
});

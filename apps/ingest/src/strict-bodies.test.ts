import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApiFixture, type ApiFixture } from '../../../test/support/api-fixture.js';

// Every JSON body the API and /admin take is strict: a field the route does not know is a 400
// naming its path, and nothing is created. Verdict, PATCH and starter code already were; these
// took the known fields and dropped the rest (/admin/classrooms with {"teacherId":1} made a new
// teacher instead of giving the classroom to teacher 1).
//
// Fixture: one owner (with one classroom) and a second teacher; ADMIN_TOKEN set.

const ADMIN_TOKEN = 'admin-token-for-strict-bodies-0123';
let f: ApiFixture;
let owner: { id: number; token: string };
let other: { id: number };
let classroom: number;

beforeAll(async () => {
  f = await createApiFixture({ ADMIN_TOKEN });
  owner = await f.addTeacher('Owner');
  other = await f.addTeacher('Other');
  classroom = await f.addClassroom(owner.id, 'strict-secret');
});
afterAll(async () => {
  await f?.close();
});

const count = async (table: string) => Number((await f.db.pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

// [route, body with one unknown field, the path the 400 names, the table a success would add to]
const CASES: [string, () => Record<string, unknown>, string, string][] = [
  ['POST /api/tokens', () => ({ label: 'ci', expiresAt: '2030-01-01' }), 'expiresAt', 'api_tokens'],
  ['POST /api/classrooms', () => ({ name: 'CS2', secret: 's', ownerId: other.id }), 'ownerId', 'classrooms'],
  ['POST /api/classrooms/:id/members', () => ({ teacherId: other.id, role: 'assistant', notify: true }), 'notify', 'classroom_members'],
  ['POST /api/groups', () => ({ assignments: [{ id: 1 }, { id: 2 }], name: 'linked' }), 'name', 'comparison_groups'],
  ['POST /api/groups', () => ({ assignments: [{ id: 1, weight: 2 }, { id: 2 }] }), 'assignments.0.weight', 'comparison_groups'],
  ['POST /admin/classrooms', () => ({ name: 'Admin made', secret: 'admin-secret', teacherId: owner.id }), 'teacherId', 'teachers'],
  ['POST /admin/teachers', () => ({ name: 'New', role: 'owner' }), 'role', 'teachers'],
];

describe('a body with a field the route does not know', () => {
  it.each(CASES)('%s answers 400 naming it, and creates nothing', async (route, body, path, table) => {
    const url = route.slice('POST '.length).replace(':id', String(classroom));
    const token = url.startsWith('/admin') ? ADMIN_TOKEN : owner.token;
    const before = await count(table);
    const res = await request(f.app).post(url).set('Authorization', `Bearer ${token}`).send(body());
    expect({ status: res.status, body: res.body }).toEqual({
      status: 400,
      body: { error: { code: 'validation_failed', message: 'invalid body', details: [{ path, message: 'unknown field' }] } },
    });
    expect(await count(table)).toBe(before);
  });

  it('PUT /api/classrooms/:id/secret answers 400 naming it, and keeps the secret', async () => {
    const before = (await f.db.pool.query('SELECT secret_hash FROM classrooms WHERE id = $1', [classroom])).rows[0];
    const res = await request(f.app).put(`/api/classrooms/${classroom}/secret`).set('Authorization', `Bearer ${owner.token}`)
      .send({ secret: 'rotated-secret', graceMinutes: 60 });
    expect({ status: res.status, body: res.body }).toEqual({
      status: 400,
      body: { error: { code: 'validation_failed', message: 'invalid body', details: [{ path: 'graceMinutes', message: 'unknown field' }] } },
    });
    expect((await f.db.pool.query('SELECT secret_hash FROM classrooms WHERE id = $1', [classroom])).rows[0]).toEqual(before);
  });

  it('names every unknown field, not only the first', async () => {
    const res = await request(f.app).post('/api/classrooms').set('Authorization', `Bearer ${owner.token}`).send({ name: 'x', secret: 's', a: 1, b: 2 });
    expect(res.body.error.details).toEqual([{ path: 'a', message: 'unknown field' }, { path: 'b', message: 'unknown field' }]);
  });
});

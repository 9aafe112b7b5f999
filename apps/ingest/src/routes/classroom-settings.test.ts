import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildDelivery, createApiFixture, type ApiFixture } from '../../../../test/support/api-fixture.js';

// A client retrying PUT /secret (same body twice) made the current secret its own "previous" one:
// the first old secret then got 401 at once, while the answer still promised it 15 more minutes.
const S1 = 'first-secret-000111';
const S2 = 'second-secret-222333';
const S3 = 'third-secret-444555';

let f: ApiFixture;
let owner: { id: number; token: string };
let classroomId: number;

beforeAll(async () => {
  f = await createApiFixture();
  owner = await f.addTeacher('Owner');
  classroomId = await f.addClassroom(owner.id, S1);
});
afterAll(async () => {
  await f?.close();
});

const putSecret = (secret: string) =>
  request(f.app).put(`/api/classrooms/${classroomId}/secret`).set('Authorization', `Bearer ${owner.token}`).send({ secret });
const deliver = (secret: string, n: number) =>
  request(f.app).post(`/webhooks/replit/${classroomId}`).send(buildDelivery({ secret, studentId: 500 + n, submissionId: 800 + n }));

describe('PUT /api/classrooms/:id/secret with the secret already current', () => {
  it('keeps the previous secret and its grace period', async () => {
    const first = await putSecret(S2);
    expect(first.status).toBe(200);
    expect(first.body.previousValidUntil).not.toBeNull();

    const again = await putSecret(S2);
    expect(again.status).toBe(200);
    expect(again.body.previousValidUntil).toBe(first.body.previousValidUntil);
    expect((await deliver(S1, 1)).status).toBe(202);
    expect((await deliver(S2, 2)).status).toBe(202);
    const classroom = await request(f.app).get(`/api/classrooms/${classroomId}`).set('Authorization', `Bearer ${owner.token}`);
    expect(classroom.body.previousSecretValidUntil).toBe(first.body.previousValidUntil);
  });

  it('still lets a different secret rotate: the current one becomes the previous one', async () => {
    const rotated = await putSecret(S3);
    expect(rotated.status).toBe(200);
    expect(Date.parse(rotated.body.previousValidUntil) - Date.parse(rotated.body.rotatedAt)).toBe(15 * 60 * 1000);
    expect((await deliver(S1, 3)).status).toBe(401);
    expect((await deliver(S2, 4)).status).toBe(202);
    expect((await deliver(S3, 5)).status).toBe(202);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApp } from '../apps/ingest/src/index.js';
import { buildDelivery, createApiFixture, type ApiFixture } from './support/api-fixture.js';

// Issue 4 Must-show: the old secret works through the grace period and not after it, the new one
// works, and a delivery the platform sent with the new secret before we knew it is accepted once
// the teacher updates the secret here.
let f: ApiFixture;
let owner: { id: number; token: string };
let assistant: { id: number; token: string };
let stranger: { id: number; token: string };
let classroomId: number;
const OLD = 'old-secret-000111';
const NEW = 'new-secret-222333';

beforeAll(async () => {
  f = await createApiFixture();
  owner = await f.addTeacher('Owner');
  assistant = await f.addTeacher('Assistant');
  stranger = await f.addTeacher('Stranger');
  classroomId = await f.addClassroom(owner.id, OLD);
  await f.db.pool.query("INSERT INTO classroom_members (classroom_id, teacher_id, role) VALUES ($1, $2, 'assistant')", [classroomId, assistant.id]);
});
afterAll(async () => {
  await f?.close();
});

const send = (body: unknown, id = classroomId) => request(f.app).post(`/webhooks/replit/${id}`).send(body as object);
const submissionExists = async (platformId: number) =>
  (await f.db.pool.query('SELECT 1 FROM submissions WHERE classroom_id = $1 AND platform_id = $2', [classroomId, platformId])).rowCount === 1;

describe('secret rotation', () => {
  it('keeps a delivery sent with the new secret before the update, and accepts it after the update', async () => {
    expect((await send(buildDelivery({ secret: OLD, studentId: 1, submissionId: 101 }))).status).toBe(202);

    const early = await send(buildDelivery({ secret: NEW, studentId: 2, submissionId: 102 }));
    expect(early.status).toBe(401);
    const stray = await send(buildDelivery({ secret: 'someone-elses-secret', studentId: 3, submissionId: 103 }));
    expect(stray.status).toBe(401);
    expect(await submissionExists(102)).toBe(false);
    const kept = await f.db.pool.query('SELECT body::text AS body FROM quarantined_deliveries WHERE classroom_id = $1', [classroomId]);
    expect(kept.rowCount).toBe(2);
    for (const row of kept.rows) expect(row.body).not.toContain(NEW);

    // An assistant may change webhook settings, as on the platform; a stranger sees no classroom.
    const hidden = await request(f.app).put(`/api/classrooms/${classroomId}/secret`).set('Authorization', `Bearer ${stranger.token}`).send({ secret: NEW });
    expect(hidden.status).toBe(404);
    const rotated = await request(f.app).put(`/api/classrooms/${classroomId}/secret`).set('Authorization', `Bearer ${assistant.token}`).send({ secret: NEW });
    expect(rotated.status).toBe(200);
    expect(rotated.body.recoveredDeliveries).toBe(1);
    const grace = Date.parse(rotated.body.previousValidUntil) - Date.parse(rotated.body.rotatedAt);
    expect(grace).toBe(15 * 60 * 1000);

    expect(await submissionExists(102)).toBe(true);
    expect(await submissionExists(103)).toBe(false);
    const left = await f.db.pool.query('SELECT count(*)::int AS n FROM quarantined_deliveries WHERE classroom_id = $1', [classroomId]);
    expect(left.rows[0].n).toBe(1);
    const log = await request(f.app).get(`/api/classrooms/${classroomId}/deliveries`).set('Authorization', `Bearer ${owner.token}`);
    expect(log.body.items[0]).toMatchObject({ outcome: 'accepted', reason: 'released from quarantine', httpStatus: 202 });
  });

  it('accepts the old secret within the grace period and the new one', async () => {
    expect((await send(buildDelivery({ secret: OLD, studentId: 4, submissionId: 104 }))).status).toBe(202);
    expect((await send(buildDelivery({ secret: NEW, studentId: 5, submissionId: 105 }))).status).toBe(202);
    expect(await submissionExists(104)).toBe(true);
    expect(await submissionExists(105)).toBe(true);
  });

  it('rejects the old secret once the grace period is over', async () => {
    await f.db.pool.query("UPDATE classrooms SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1", [classroomId]);
    const late = await send(buildDelivery({ secret: OLD, studentId: 6, submissionId: 106 }));
    expect(late.status).toBe(401);
    expect(await submissionExists(106)).toBe(false);
    expect((await send(buildDelivery({ secret: NEW, studentId: 7, submissionId: 107 }))).status).toBe(202);
  });

  it('with a grace period of 0 minutes, rejects the old secret at once', async () => {
    const strict = createApp({ ...f.deps, config: { ...f.deps.config, secretGraceMinutes: 0 } });
    const third = 'third-secret-444555';
    const res = await request(strict).put(`/api/classrooms/${classroomId}/secret`).set('Authorization', `Bearer ${owner.token}`).send({ secret: third });
    expect(res.status).toBe(200);
    expect(res.body.previousValidUntil).toBe(res.body.rotatedAt);
    expect((await send(buildDelivery({ secret: NEW, studentId: 8, submissionId: 108 }))).status).toBe(401);
    expect((await send(buildDelivery({ secret: third, studentId: 9, submissionId: 109 }))).status).toBe(202);
  });
});

describe('quarantine against made-up secrets', () => {
  // A flood of well-formed bodies with random secrets must not fill the quarantine ahead of the
  // platform's real deliveries: once a delivery with the right secret has named the platform's
  // classroom, only bodies naming that classroom are kept.
  const SECRET = 'flood-test-secret-0099';
  let id: number;
  const withClassroom = (platformClassroom: number, secret: string, submissionId: number) => {
    const body = buildDelivery({ secret, studentId: 40 + submissionId, submissionId });
    (body.classroom as Record<string, unknown>).id = platformClassroom;
    return body;
  };
  const keptCount = async () => (await f.db.pool.query('SELECT count(*)::int AS n FROM quarantined_deliveries WHERE classroom_id = $1', [id])).rows[0].n;
  const lastReason = async () => (await f.db.pool.query('SELECT reason FROM deliveries WHERE classroom_id = $1 ORDER BY id DESC LIMIT 1', [id])).rows[0].reason;

  beforeAll(async () => {
    id = await f.addClassroom(owner.id, SECRET);
  });

  it('keeps any well-formed body while the platform classroom is not known yet', async () => {
    expect((await send(withClassroom(6001, 'made-up-1', 201), id)).status).toBe(401);
    expect(await keptCount()).toBe(1);
  });

  it('learns the platform classroom from an authentic delivery, then keeps only bodies naming it', async () => {
    expect((await send(withClassroom(6002, SECRET, 202), id)).status).toBe(202);
    const platformId = (await f.db.pool.query('SELECT platform_id FROM classrooms WHERE id = $1', [id])).rows[0].platform_id;
    expect(Number(platformId)).toBe(6002);

    expect((await send(withClassroom(6001, 'made-up-2', 203), id)).status).toBe(401);
    expect(await lastReason()).toBe('invalid secret (not kept: another platform classroom)');
    expect(await keptCount()).toBe(1);

    expect((await send(withClassroom(6002, 'refreshed-on-the-platform', 204), id)).status).toBe(401);
    expect(await lastReason()).toBe('invalid secret (quarantined)');
    expect(await keptCount()).toBe(2);
  });
});

import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, quarantineDelivery, rotateClassroomSecret, takeQuarantinedDeliveries } from '@crosscheck/db';
import { createApiFixture, type ApiFixture } from '../../../test/support/api-fixture.js';
import { ingestDelivery } from './ingest.js';

// Quarantine, secret rotation and re-ingestion through ingestDelivery. The real fixture
// (test/fixtures/webhooks/real.json) carries the secret SECRET; each test gives it its own ids.
const SECRET = 'fixture-secret-4242';
const NEW_SECRET = 'refreshed-on-the-platform-77';
const realBody = (n: number): Record<string, any> => {
  const body = JSON.parse(readFileSync(new URL('../../../test/fixtures/webhooks/real.json', import.meta.url), 'utf8'));
  body.submission.id = 9_700_000 + n;
  body.student.id = 6_700_000 + n;
  body.student.email = `${6_700_000 + n}@students.example.test`;
  return body;
};

let fx: ApiFixture;
let classroomId: number;
let ownerId: number;

beforeAll(async () => {
  fx = await createApiFixture();
  ownerId = (await fx.addTeacher('Owner')).id;
  classroomId = await fx.addClassroom(ownerId, SECRET);
});
afterAll(async () => {
  await fx?.close();
});

const post = (body: unknown, id = classroomId) =>
  request(fx.app).post(`/webhooks/replit/${id}`).set('content-type', 'application/json').send(JSON.stringify(body));

const quarantined = async (id = classroomId) =>
  (await fx.db.pool.query('SELECT secret_hash, body_sha256, body FROM quarantined_deliveries WHERE classroom_id = $1 ORDER BY id', [id])).rows;

describe('quarantine', () => {
  it('keeps a well-formed delivery with an unknown secret, hashed, once per body', async () => {
    const body = realBody(1);
    body.classroom.webhook_secret = NEW_SECRET;
    expect((await post(body)).status).toBe(401);
    expect((await post(body)).status).toBe(401);
    const rows = await quarantined();
    expect(rows).toHaveLength(1);
    expect(rows[0].secret_hash).toBe(hashSecret(fx.deps.config.secretPepper, NEW_SECRET));
    expect(rows[0].body.classroom.webhook_secret).toBeUndefined();
    expect(rows[0].body.classroom.webhook_secret_hash).toBe(rows[0].secret_hash);
    expect(rows[0].body.submission.id).toBe(body.submission.id);
    const log = await fx.db.pool.query('SELECT reason, http_status FROM deliveries ORDER BY id DESC LIMIT 1');
    expect(log.rows[0]).toEqual({ reason: 'invalid secret (quarantined)', http_status: 401 });
  });

  it('does not keep a malformed body or one whose secret is not a string', async () => {
    const before = (await quarantined()).length;
    const malformed = realBody(2);
    malformed.classroom.webhook_secret = NEW_SECRET;
    delete malformed.submission.files;
    expect((await post(malformed)).status).toBe(401);
    const numeric = realBody(3);
    numeric.classroom.webhook_secret = 12345;
    expect((await post(numeric)).status).toBe(401);
    expect(await quarantined()).toHaveLength(before);
  });

  it('stores no raw secret in any text or json column of any table', async () => {
    const body = realBody(4);
    body.classroom.webhook_secret = 'raw-secret-must-not-persist';
    await post(body);
    await post(realBody(5));
    const { rows: columns } = await fx.db.pool.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'json', 'character varying')`,
    );
    expect(columns.length).toBeGreaterThan(10);
    for (const { table_name, column_name } of columns) {
      const { rows } = await fx.db.pool.query(
        `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE ANY($1)`,
        [['%raw-secret-must-not-persist%', `%${SECRET}%`]],
      );
      expect({ table_name, column_name, n: rows[0].n }).toEqual({ table_name, column_name, n: 0 });
    }
  });

  it('caps a classroom and drops expired entries', async () => {
    const other = await fx.addClassroom(ownerId, 'other-secret', 'Capped');
    const entry = (n: number) => ({ classroomId: other, secretHash: 'h', bodySha256: `b${n}`, body: { n } });
    expect(await quarantineDelivery(fx.db.pool, entry(1), 2)).toBe('stored');
    expect(await quarantineDelivery(fx.db.pool, entry(1), 2)).toBe('duplicate');
    expect(await quarantineDelivery(fx.db.pool, entry(2), 2)).toBe('stored');
    expect(await quarantineDelivery(fx.db.pool, entry(3), 2)).toBe('full');
    await fx.db.pool.query("UPDATE quarantined_deliveries SET expires_at = now() - interval '1 second' WHERE classroom_id = $1", [other]);
    expect(await takeQuarantinedDeliveries(fx.db.pool, other, 'h')).toEqual([]);
    expect(await quarantineDelivery(fx.db.pool, entry(3), 2)).toBe('stored');
    expect((await quarantined(other)).map((r) => r.body)).toEqual([{ n: 3 }]);
  });
});

describe('secret rotation', () => {
  it('accepts quarantined deliveries once the new secret matches them, and the old secret during its grace', async () => {
    const early = realBody(10);
    early.classroom.webhook_secret = NEW_SECRET;
    expect((await post(early)).status).toBe(401);

    await rotateClassroomSecret(fx.db.pool, fx.deps.config.secretPepper, classroomId, NEW_SECRET, 15);
    const released = await takeQuarantinedDeliveries(fx.db.pool, classroomId, hashSecret(fx.deps.config.secretPepper, NEW_SECRET));
    expect(released.map((r) => (r.body as any).submission.id)).toEqual([9_700_001, 9_700_010]);
    expect(await takeQuarantinedDeliveries(fx.db.pool, classroomId, hashSecret(fx.deps.config.secretPepper, NEW_SECRET))).toEqual([]);

    const results = [];
    for (const r of released) {
      results.push(await ingestDelivery(fx.deps, classroomId, r.body, { secretVerified: true, note: 'released from quarantine' }));
    }
    expect(results.map((r) => [r.outcome, r.httpStatus])).toEqual([['accepted', 202], ['accepted', 202]]);
    const log = await fx.db.pool.query('SELECT outcome, reason FROM deliveries WHERE submission_id = $1', [results[1].submissionId]);
    expect(log.rows).toEqual([{ outcome: 'accepted', reason: 'released from quarantine' }]);

    // The replaced secret still works during its grace period, and no longer after it.
    expect((await post(realBody(11))).status).toBe(202);
    await fx.db.pool.query("UPDATE classrooms SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1", [classroomId]);
    expect((await post(realBody(12))).status).toBe(401);
    const fresh = realBody(13);
    fresh.classroom.webhook_secret = NEW_SECRET;
    expect((await post(fresh)).status).toBe(202);
  });

  it('still checks the secret when the caller has not verified it', async () => {
    const result = await ingestDelivery(fx.deps, classroomId, realBody(20));
    expect(result).toMatchObject({ outcome: 'rejected', httpStatus: 401 });
  });
});

import type { Pool, PoolClient } from './pool.js';

// Deliveries with a secret we do not know yet, kept a day (secret replaced by its HMAC) so that a
// secret refreshed on the platform before it is updated here loses nothing.

/** Enough for a busy day of one class; beyond it, a flood of bad deliveries cannot grow the table. */
export const QUARANTINE_CAP_PER_CLASSROOM = 500;

export type QuarantineResult = 'stored' | 'duplicate' | 'full';

export async function quarantineDelivery(
  db: Pool | PoolClient,
  entry: { classroomId: number; secretHash: string; bodySha256: string; body: unknown },
  cap: number = QUARANTINE_CAP_PER_CLASSROOM,
): Promise<QuarantineResult> {
  // Expired rows go first, so they neither count against the cap nor block a new copy of their body.
  await db.query('DELETE FROM quarantined_deliveries WHERE classroom_id = $1 AND expires_at <= now()', [entry.classroomId]);
  const { rows } = await db.query<{ inserted: boolean; room: boolean }>(
    `WITH room AS (
       SELECT count(*) < $5 AS ok FROM quarantined_deliveries WHERE classroom_id = $1
     ), ins AS (
       INSERT INTO quarantined_deliveries (classroom_id, secret_hash, body_sha256, body)
       SELECT $1, $2, $3, $4::jsonb FROM room WHERE room.ok
       ON CONFLICT (classroom_id, body_sha256) DO NOTHING
       RETURNING 1
     )
     SELECT EXISTS (SELECT 1 FROM ins) AS inserted, (SELECT ok FROM room) AS room`,
    [entry.classroomId, entry.secretHash, entry.bodySha256, JSON.stringify(entry.body), cap],
  );
  if (rows[0].inserted) return 'stored';
  return rows[0].room ? 'duplicate' : 'full';
}

export interface QuarantinedDelivery {
  id: number;
  receivedAt: Date;
  /** The stored body: `classroom.webhook_secret` removed, `classroom.webhook_secret_hash` added. */
  body: unknown;
}

/**
 * Removes and returns the unexpired quarantined deliveries of a classroom whose secret hashes to
 * `secretHash` (the classroom's new secret), oldest first, for re-ingestion with the secret
 * already verified. Run it in the transaction that rotates the secret, or accept that a crash
 * between this and the re-ingestion drops them.
 */
export async function takeQuarantinedDeliveries(
  db: Pool | PoolClient,
  classroomId: number,
  secretHash: string,
): Promise<QuarantinedDelivery[]> {
  const { rows } = await db.query<{ id: number; received_at: Date; body: unknown }>(
    `DELETE FROM quarantined_deliveries
      WHERE classroom_id = $1 AND secret_hash = $2 AND expires_at > now()
      RETURNING id, received_at, body`,
    [classroomId, secretHash],
  );
  return rows
    .map((r) => ({ id: r.id, receivedAt: r.received_at, body: r.body }))
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.id - b.id);
}

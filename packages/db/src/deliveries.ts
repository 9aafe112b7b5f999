import type { Pool, PoolClient } from './pool.js';

// The delivery log: one row per webhook delivery and its outcome, never a secret or student data.

export type DeliveryOutcome = 'accepted' | 'duplicate' | 'status_updated' | 'rejected' | 'ignored';

export interface DeliveryRecord {
  /** Null (or an id that does not exist) for deliveries to an unknown classroom. */
  classroomId: number | null;
  outcome: DeliveryOutcome;
  reason?: string | null;
  httpStatus: number;
  submissionId?: number | null;
  /** sha256 of the body with its secret replaced by the secret's HMAC. */
  bodySha256?: string | null;
}

export async function recordDelivery(db: Pool | PoolClient, record: DeliveryRecord): Promise<void> {
  // The sub-select keeps the foreign key satisfied when the URL named a classroom that does not exist.
  await db.query(
    `INSERT INTO deliveries (classroom_id, outcome, reason, http_status, submission_id, body_sha256)
     VALUES ((SELECT id FROM classrooms WHERE id = $1), $2, $3, $4, $5, $6)`,
    [record.classroomId, record.outcome, record.reason ?? null, record.httpStatus, record.submissionId ?? null, record.bodySha256 ?? null],
  );
}

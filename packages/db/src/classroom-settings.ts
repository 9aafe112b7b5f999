import type { Pool, PoolClient } from './pool.js';
import { withTransaction } from './pool.js';
import { hashSecret } from './hashing.js';
import type { ClassroomRole } from './accounts.js';

// Classrooms as a teacher sees them through the API: creation, listing, webhook secret, deletion,
// delivery log. The webhook's own lookups live in classrooms.ts.

export interface TeacherClassroom {
  id: number;
  name: string;
  platformId: number | null;
  role: ClassroomRole;
  createdAt: Date;
  previousSecretValidUntil: Date | null;
  counts: { members: number; students: number; assignments: number; submissions: number };
}

export interface DeliveryLogEntry {
  id: number;
  receivedAt: Date;
  outcome: string;
  reason: string | null;
  httpStatus: number;
  submissionId: number | null;
  /** The exact sort key, with Postgres's microseconds, for keyset pagination. */
  sortKey: [string, number];
}

/** Creates a classroom whose first owner is the given teacher; only the secret's HMAC is stored. */
export async function createClassroomWithOwner(
  pool: Pool,
  pepper: string,
  input: { name: string; secret: string; ownerId: number; platformId?: number | null },
): Promise<{ id: number }> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: number }>(
      'INSERT INTO classrooms (name, platform_id, secret_hash) VALUES ($1, $2, $3) RETURNING id',
      [input.name, input.platformId ?? null, hashSecret(pepper, input.secret)],
    );
    await client.query(
      "INSERT INTO classroom_members (classroom_id, teacher_id, role) VALUES ($1, $2, 'owner')",
      [rows[0].id, input.ownerId],
    );
    return { id: rows[0].id };
  });
}

const CLASSROOM_COLUMNS = `c.id, c.name, c.platform_id, m.role, c.created_at,
  CASE WHEN c.previous_secret_expires_at > now() THEN c.previous_secret_expires_at END AS previous_valid_until,
  (SELECT count(*)::int FROM classroom_members x WHERE x.classroom_id = c.id) AS members,
  (SELECT count(*)::int FROM students x WHERE x.classroom_id = c.id) AS students,
  (SELECT count(*)::int FROM assignments x WHERE x.classroom_id = c.id) AS assignments,
  (SELECT count(*)::int FROM submissions x WHERE x.classroom_id = c.id) AS submissions`;

function mapClassroom(r: Record<string, any>): TeacherClassroom {
  return {
    id: r.id,
    name: r.name,
    platformId: r.platform_id,
    role: r.role,
    createdAt: r.created_at,
    previousSecretValidUntil: r.previous_valid_until,
    counts: { members: r.members, students: r.students, assignments: r.assignments, submissions: r.submissions },
  };
}

/** The teacher's classrooms by id, after `afterId`; fetch limit + 1 to know whether more follow. */
export async function listTeacherClassrooms(
  db: Pool | PoolClient,
  teacherId: number,
  page: { afterId?: number; limit: number },
): Promise<TeacherClassroom[]> {
  const { rows } = await db.query(
    `SELECT ${CLASSROOM_COLUMNS}
       FROM classroom_members m JOIN classrooms c ON c.id = m.classroom_id
      WHERE m.teacher_id = $1 AND c.id > $2
      ORDER BY c.id
      LIMIT $3`,
    [teacherId, page.afterId ?? 0, page.limit],
  );
  return rows.map(mapClassroom);
}

/** One classroom as the teacher sees it; null when they have no role there (or it does not exist). */
export async function getTeacherClassroom(db: Pool | PoolClient, teacherId: number, classroomId: number): Promise<TeacherClassroom | null> {
  const { rows } = await db.query(
    `SELECT ${CLASSROOM_COLUMNS}
       FROM classroom_members m JOIN classrooms c ON c.id = m.classroom_id
      WHERE m.teacher_id = $1 AND c.id = $2`,
    [teacherId, classroomId],
  );
  return rows[0] ? mapClassroom(rows[0]) : null;
}

/**
 * Replaces the webhook secret. The old one stays valid until `previousValidUntil`, so deliveries
 * already in flight (or retried by the platform) are not lost while the teacher updates both sides.
 * A second rotation within the grace period ends the first old secret's grace. Setting the secret
 * that is already current changes nothing (`changed: false`): a client retrying the same request
 * would otherwise make the current secret its own "previous" one and end the real previous
 * secret's grace at once.
 */
export async function rotateClassroomSecret(
  db: Pool | PoolClient,
  pepper: string,
  classroomId: number,
  secret: string,
  graceMinutes: number,
): Promise<{ rotatedAt: Date; previousValidUntil: Date | null; changed: boolean } | null> {
  const secretHash = hashSecret(pepper, secret);
  const rotated = await db.query<{ rotated_at: Date; previous_valid_until: Date }>(
    `UPDATE classrooms
        SET previous_secret_hash = secret_hash,
            previous_secret_expires_at = now() + make_interval(mins => $3),
            secret_hash = $2
      WHERE id = $1 AND secret_hash <> $2
      RETURNING now() AS rotated_at, previous_secret_expires_at AS previous_valid_until`,
    [classroomId, secretHash, graceMinutes],
  );
  if (rotated.rows[0]) return { rotatedAt: rotated.rows[0].rotated_at, previousValidUntil: rotated.rows[0].previous_valid_until, changed: true };
  // Already current (or no such classroom): the state as it is, untouched.
  const current = await db.query<{ rotated_at: Date; previous_valid_until: Date | null }>(
    'SELECT now() AS rotated_at, previous_secret_expires_at AS previous_valid_until FROM classrooms WHERE id = $1',
    [classroomId],
  );
  return current.rows[0] ? { rotatedAt: current.rows[0].rotated_at, previousValidUntil: current.rows[0].previous_valid_until, changed: false } : null;
}

/** Deletes a classroom and, by cascade, everything in it; its webhook URL then answers 404. */
export async function deleteClassroom(db: Pool | PoolClient, classroomId: number): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM classrooms WHERE id = $1', [classroomId]);
  return (rowCount ?? 0) > 0;
}

/** The delivery log, newest first, strictly after the cursor's (received_at, id). */
export async function listDeliveryLog(
  db: Pool | PoolClient,
  classroomId: number,
  page: { before?: [string, number]; limit: number },
): Promise<DeliveryLogEntry[]> {
  const params: unknown[] = [classroomId, page.limit];
  let where = 'classroom_id = $1';
  if (page.before) {
    params.push(page.before[0], page.before[1]);
    where += ' AND (received_at, id) < ($3::timestamptz, $4::bigint)';
  }
  const { rows } = await db.query(
    `SELECT id, received_at, received_at::text AS received_at_text, outcome, reason, http_status, submission_id
       FROM deliveries WHERE ${where}
      ORDER BY received_at DESC, id DESC
      LIMIT $2`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.received_at,
    outcome: r.outcome,
    reason: r.reason,
    httpStatus: r.http_status,
    submissionId: r.submission_id,
    sortKey: [r.received_at_text, r.id],
  }));
}

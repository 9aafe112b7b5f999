// TOMBSTONE KEY FORMAT (shared with the webhook ingest check): a deleted student leaves, per
// classroom, hashSecret(pepper, key) for each key they had: `pid:<platform id>` and
// `email:<trimmed lower-case email>`; only when they had neither, `name:<lower first> <lower last>`.
// Build keys with studentKeyHashes() and check deliveries with isTombstoned(); never by hand.
import type { Pool, PoolClient } from './pool.js';
import { hashSecret } from './hashing.js';
import { withTransaction } from './pool.js';

export interface StudentIdentity {
  platformId?: number | string | null;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

export interface StudentTimeline {
  id: number;
  classroomId: number;
  platformId: number | null;
  email: string | null;
  firstName: string;
  lastName: string;
  submissions: {
    id: number;
    assignment: { id: number; name: string };
    status: string;
    timeSubmitted: Date;
    analysisStatus: string;
    analysisReason: string | null;
  }[];
}

/** The hashed keys that identify a student to the tombstone table (format at the top of this file). */
export function studentKeyHashes(pepper: string, student: StudentIdentity): string[] {
  const keys: string[] = [];
  if (student.platformId !== undefined && student.platformId !== null && String(student.platformId) !== '') {
    keys.push(`pid:${String(student.platformId)}`);
  }
  const email = student.email?.trim().toLowerCase();
  if (email) keys.push(`email:${email}`);
  if (keys.length === 0) {
    keys.push(`name:${(student.firstName ?? '').trim().toLowerCase()} ${(student.lastName ?? '').trim().toLowerCase()}`);
  }
  return keys.map((k) => hashSecret(pepper, k));
}

/**
 * True when a deleted student's tombstone covers this delivery: one of its keys matches and it
 * was submitted before the deletion (later work by a returning student is new data).
 */
export async function isTombstoned(
  db: Pool | PoolClient,
  pepper: string,
  classroomId: number,
  student: StudentIdentity,
  timeSubmitted: Date | string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM tombstones WHERE classroom_id = $1 AND key_hash = ANY($2::text[]) AND deleted_at > $3 LIMIT 1',
    [classroomId, studentKeyHashes(pepper, student), timeSubmitted],
  );
  return (rowCount ?? 0) > 0;
}

export async function getStudentTimeline(db: Pool | PoolClient, studentId: number): Promise<StudentTimeline | null> {
  const student = await db.query(
    'SELECT id, classroom_id, platform_id, email, first_name, last_name FROM students WHERE id = $1',
    [studentId],
  );
  const s = student.rows[0];
  if (!s) return null;
  const subs = await db.query(
    `SELECT s.id, s.status, s.time_submitted, s.analysis_status, s.analysis_reason, a.id AS assignment_id, a.name AS assignment_name
       FROM submissions s JOIN assignments a ON a.id = s.assignment_id
      WHERE s.student_id = $1
      ORDER BY s.time_submitted ASC, s.id ASC`,
    [studentId],
  );
  return {
    id: s.id,
    classroomId: s.classroom_id,
    platformId: s.platform_id,
    email: s.email,
    firstName: s.first_name,
    lastName: s.last_name,
    submissions: subs.rows.map((r) => ({
      id: r.id,
      assignment: { id: r.assignment_id, name: r.assignment_name },
      status: r.status,
      timeSubmitted: r.time_submitted,
      analysisStatus: r.analysis_status,
      analysisReason: r.analysis_reason,
    })),
  };
}

/**
 * Deletes a student and everything derived from them, leaving tombstones so a late retry of an
 * old delivery cannot bring them back. Submissions, files, fingerprints, document-frequency rows
 * and pairs go by foreign-key cascade from the student row; their quarantined deliveries too.
 * Returns the assignments that lost data (their pairs' background scores need a rescore), or
 * null when the student does not exist.
 */
export async function deleteStudent(
  pool: Pool,
  pepper: string,
  studentId: number,
): Promise<{ classroomId: number; assignmentIds: number[] } | null> {
  return withTransaction(pool, async (client) => {
    const found = await client.query(
      'SELECT classroom_id, platform_id, email, first_name, last_name FROM students WHERE id = $1 FOR UPDATE',
      [studentId],
    );
    const s = found.rows[0];
    if (!s) return null;
    const assignments = await client.query<{ assignment_id: number }>(
      'SELECT DISTINCT assignment_id FROM submissions WHERE student_id = $1 ORDER BY assignment_id',
      [studentId],
    );
    const identity = { platformId: s.platform_id, email: s.email, firstName: s.first_name, lastName: s.last_name };
    await client.query(
      `INSERT INTO tombstones (classroom_id, key_hash) SELECT $1, unnest($2::text[])
       ON CONFLICT (classroom_id, key_hash) DO UPDATE SET deleted_at = now()`,
      [s.classroom_id, studentKeyHashes(pepper, identity)],
    );
    // Quarantined bodies carry the student's name and files; they must not outlive the deletion.
    await client.query(
      `DELETE FROM quarantined_deliveries
        WHERE classroom_id = $1
          AND ((body->'student'->>'id') = $2::text OR lower(trim(body->'student'->>'email')) = lower(trim($3::text)))`,
      [s.classroom_id, s.platform_id === null ? null : String(s.platform_id), s.email],
    );
    await client.query('DELETE FROM students WHERE id = $1', [studentId]);
    return { classroomId: s.classroom_id, assignmentIds: assignments.rows.map((r) => r.assignment_id) };
  });
}

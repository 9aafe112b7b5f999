import { createHash } from 'node:crypto';
import type { PoolClient } from './pool.js';

// Storing webhook deliveries: students, assignments, submissions and their files. Every function
// here runs inside the ingest transaction (one client), so a delivery is stored whole or not at all.

export interface IncomingStudent {
  platformId?: number;
  email?: string;
  firstName: string;
  lastName: string;
}

export interface IncomingAssignment {
  platformId?: number;
  name: string;
  type?: string;
}

export interface IncomingSubmission {
  classroomId: number;
  assignmentId: number;
  studentId: number;
  platformId?: number;
  status: string;
  timeSubmitted: string;
  timeCreated?: string;
  teacherUrl?: string;
  studentUrl?: string;
  dedupeKey: string;
  contentHash: string;
}

/**
 * Serialises deliveries of one student (by every key they arrive with), so two first deliveries
 * racing each other cannot both create the student. Keys are locked in sorted order: two
 * deliveries sharing only some keys can then never wait on each other in a cycle.
 */
export async function lockStudentKeys(client: PoolClient, classroomId: number, student: IncomingStudent): Promise<void> {
  const keys: string[] = [];
  if (student.platformId !== undefined) keys.push(`student:${classroomId}:pid:${student.platformId}`);
  if (student.email) keys.push(`student:${classroomId}:email:${student.email.toLowerCase()}`);
  const locks = keys.map(computeAdvisoryKey).sort();
  for (const key of locks) await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [key]);
}

function computeAdvisoryKey(text: string): string {
  return createHash('sha256').update(text).digest().readBigInt64BE(0).toString();
}

/** One student per person: the same platform id or the same email (case-insensitive) is the same student. */
export async function upsertStudent(client: PoolClient, classroomId: number, student: IncomingStudent): Promise<number> {
  const { rows } = await client.query<{ id: number; platform_id: number | null; email: string | null }>(
    `SELECT id, platform_id, email FROM students
      WHERE classroom_id = $1 AND (platform_id = $2 OR lower(email) = lower($3))
      ORDER BY (platform_id IS NOT DISTINCT FROM $2) DESC, id
      LIMIT 1`,
    [classroomId, student.platformId ?? null, student.email ?? null],
  );
  const found = rows[0];
  if (!found) {
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO students (classroom_id, platform_id, email, first_name, last_name)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [classroomId, student.platformId ?? null, student.email ?? null, student.firstName, student.lastName],
    );
    return inserted.rows[0].id;
  }
  // Fill in a key the student did not have yet (found by the other one); the platform id is only
  // set when no other row holds it, which the ORDER BY above guarantees. Names follow the newest delivery.
  await client.query(
    `UPDATE students
        SET platform_id = coalesce(platform_id, $2),
            email = coalesce(email, $3),
            first_name = CASE WHEN $4 = '' THEN first_name ELSE $4 END,
            last_name = CASE WHEN $5 = '' THEN last_name ELSE $5 END
      WHERE id = $1`,
    [found.id, student.platformId ?? null, student.email ?? null, student.firstName, student.lastName],
  );
  return found.id;
}

/** An assignment is its platform id, else its trimmed name; a renamed platform assignment takes the new name. */
export async function upsertAssignment(client: PoolClient, classroomId: number, assignment: IncomingAssignment): Promise<number> {
  const name = assignment.name.trim();
  const sql =
    assignment.platformId !== undefined
      ? `INSERT INTO assignments (classroom_id, platform_id, name, type) VALUES ($1, $2, $3, $4)
         ON CONFLICT (classroom_id, platform_id) WHERE platform_id IS NOT NULL
         DO UPDATE SET name = CASE WHEN EXCLUDED.name = '' THEN assignments.name ELSE EXCLUDED.name END,
                       type = coalesce(EXCLUDED.type, assignments.type)
         RETURNING id`
      : `INSERT INTO assignments (classroom_id, platform_id, name, type) VALUES ($1, $2, $3, $4)
         ON CONFLICT (classroom_id, name) WHERE platform_id IS NULL
         DO UPDATE SET type = coalesce(EXCLUDED.type, assignments.type)
         RETURNING id`;
  const { rows } = await client.query<{ id: number }>(sql, [classroomId, assignment.platformId ?? null, name, assignment.type ?? null]);
  return rows[0].id;
}

/**
 * Inserts the submission unless its dedupe key is already stored; null then. ON CONFLICT waits
 * for a concurrent insert of the same key to commit, so identical deliveries racing each other
 * give exactly one row.
 */
export async function insertSubmission(client: PoolClient, s: IncomingSubmission): Promise<{ id: number; revision: number } | null> {
  const { rows } = await client.query<{ id: number; revision: number }>(
    `INSERT INTO submissions (classroom_id, assignment_id, student_id, platform_id, status, time_submitted, time_created,
                              teacher_url, student_url, dedupe_key, content_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (classroom_id, dedupe_key) DO NOTHING
     RETURNING id, revision`,
    [
      s.classroomId, s.assignmentId, s.studentId, s.platformId ?? null, s.status, s.timeSubmitted, s.timeCreated ?? null,
      s.teacherUrl ?? null, s.studentUrl ?? null, s.dedupeKey, s.contentHash,
    ],
  );
  return rows[0] ?? null;
}

export async function insertSubmissionFiles(
  client: PoolClient,
  submissionId: number,
  files: readonly { name: string; content: string }[],
): Promise<void> {
  if (files.length === 0) return;
  await client.query(
    'INSERT INTO files (submission_id, name, content) SELECT $1::bigint, * FROM unnest($2::text[], $3::text[])',
    [submissionId, files.map((f) => f.name), files.map((f) => f.content)],
  );
}

/** The stored submission with this dedupe key, locked until the transaction ends. */
export async function lockSubmissionByDedupeKey(
  client: PoolClient,
  classroomId: number,
  dedupeKey: string,
): Promise<{ id: number; status: string; revision: number } | null> {
  const { rows } = await client.query<{ id: number; status: string; revision: number }>(
    'SELECT id, status, revision FROM submissions WHERE classroom_id = $1 AND dedupe_key = $2 FOR UPDATE',
    [classroomId, dedupeKey],
  );
  return rows[0] ?? null;
}

/**
 * A re-sent submission with a new status (e.g. `abandoned`): the content stays, the status
 * changes, and the revision moves on because "latest" pairing depends on the status, so the
 * worker must re-pair the student under a job id no earlier job holds.
 */
export async function updateSubmissionStatus(client: PoolClient, submissionId: number, status: string): Promise<number> {
  const { rows } = await client.query<{ revision: number }>(
    `UPDATE submissions
        SET status = $2, revision = revision + 1, analysis_status = 'queued', analysis_reason = NULL, updated_at = now()
      WHERE id = $1
      RETURNING revision`,
    [submissionId, status],
  );
  return rows[0].revision;
}

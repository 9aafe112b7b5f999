import type { Pool, PoolClient } from './pool.js';

// What the worker reads and records about submissions: the one to analyse, each student's
// latest, files and starter code, the analysis status, and the sweeper's and fan-out's lists.

export interface SubmissionForAnalysis {
  id: number;
  classroomId: number;
  assignmentId: number;
  studentId: number;
  status: string;
  timeSubmitted: Date;
  revision: number;
  analysisStatus: string;
}

export interface StoredFile {
  id: number;
  name: string;
  content: string;
}

export interface SubmissionRef {
  submissionId: number;
  revision: number;
}

export interface LatestSubmission {
  id: number;
  studentId: number;
  assignmentId: number;
  revision: number;
}

/**
 * "Latest" (DESIGN 5): the newest time_submitted that is not abandoned; when every one is
 * abandoned, the newest. The id breaks ties so the choice is total.
 */
const LATEST_ORDER = "(status = 'abandoned'), time_submitted DESC, id DESC";

export async function loadSubmissionForAnalysis(db: Pool | PoolClient, submissionId: number): Promise<SubmissionForAnalysis | null> {
  const { rows } = await db.query(
    `SELECT id, classroom_id, assignment_id, student_id, status, time_submitted, revision, analysis_status
       FROM submissions WHERE id = $1`,
    [submissionId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    classroomId: r.classroom_id,
    assignmentId: r.assignment_id,
    studentId: r.student_id,
    status: r.status,
    timeSubmitted: r.time_submitted,
    revision: r.revision,
    analysisStatus: r.analysis_status,
  };
}

/** The latest submission of each of these students in each of these assignments (one row per pair that has any). */
export async function findLatestSubmissions(
  db: Pool | PoolClient,
  studentIds: number[],
  assignmentIds: number[],
): Promise<LatestSubmission[]> {
  if (studentIds.length === 0 || assignmentIds.length === 0) return [];
  const { rows } = await db.query(
    `SELECT DISTINCT ON (student_id, assignment_id) id, student_id, assignment_id, revision
       FROM submissions
      WHERE assignment_id = ANY($1::bigint[]) AND student_id = ANY($2::bigint[])
      ORDER BY student_id, assignment_id, ${LATEST_ORDER}`,
    [assignmentIds, studentIds],
  );
  return rows.map((r) => ({ id: r.id, studentId: r.student_id, assignmentId: r.assignment_id, revision: r.revision }));
}

export async function findLatestSubmission(
  db: Pool | PoolClient,
  studentId: number,
  assignmentId: number,
): Promise<LatestSubmission | null> {
  return (await findLatestSubmissions(db, [studentId], [assignmentId]))[0] ?? null;
}

/** Files of these submissions, by submission id, each list sorted by name. */
export async function loadSubmissionFiles(db: Pool | PoolClient, submissionIds: number[]): Promise<Map<number, StoredFile[]>> {
  const byId = new Map<number, StoredFile[]>(submissionIds.map((id) => [id, []]));
  if (submissionIds.length === 0) return byId;
  const { rows } = await db.query(
    'SELECT id, submission_id, name, content FROM files WHERE submission_id = ANY($1::bigint[]) ORDER BY submission_id, name',
    [submissionIds],
  );
  for (const r of rows) byId.get(r.submission_id)?.push({ id: r.id, name: r.name, content: r.content });
  return byId;
}

/** Starter code of these assignments (a scope's starter is the union of its assignments'). */
export async function loadStarterFiles(db: Pool | PoolClient, assignmentIds: number[]): Promise<{ name: string; content: string }[]> {
  const { rows } = await db.query(
    'SELECT name, content FROM starter_files WHERE assignment_id = ANY($1::bigint[]) ORDER BY assignment_id, name',
    [assignmentIds],
  );
  return rows.map((r) => ({ name: r.name, content: r.content }));
}

export interface AnalysisResult {
  submissionId: number;
  /** The revision that was analysed: a newer one arriving meanwhile stays queued for its own job. */
  revision: number;
  status: 'analysed' | 'skipped' | 'failed';
  reason: string | null;
  engineVersion: string;
}

export async function recordAnalysisResult(db: Pool | PoolClient, result: AnalysisResult): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE submissions
        SET analysis_status = $3, analysis_reason = $4, engine_version = $5, analysed_at = now(), updated_at = now()
      WHERE id = $1 AND revision = $2`,
    [result.submissionId, result.revision, result.status, result.reason, result.engineVersion],
  );
  return (rowCount ?? 0) > 0;
}

/** Submissions still queued longer than `olderThanSeconds` (their job may have died with Redis), oldest first. */
export async function listStaleQueuedSubmissions(pool: Pool, olderThanSeconds: number, limit: number): Promise<SubmissionRef[]> {
  const { rows } = await pool.query(
    `SELECT id, revision FROM submissions
      WHERE analysis_status = 'queued' AND updated_at < now() - make_interval(secs => $1)
      ORDER BY updated_at LIMIT $2`,
    [olderThanSeconds, limit],
  );
  return rows.map((r) => ({ submissionId: r.id, revision: r.revision }));
}

/**
 * Marks the latest submission of every student in these assignments queued again and returns
 * them: the worker enqueues each, and the sweeper re-enqueues any whose job is lost.
 */
export async function requeueLatestSubmissions(pool: Pool, assignmentIds: number[]): Promise<SubmissionRef[]> {
  const { rows } = await pool.query(
    `WITH latest AS (
       SELECT DISTINCT ON (assignment_id, student_id) id
         FROM submissions WHERE assignment_id = ANY($1::bigint[])
        ORDER BY assignment_id, student_id, ${LATEST_ORDER})
     UPDATE submissions s SET analysis_status = 'queued', analysis_reason = NULL, updated_at = now()
       FROM latest WHERE s.id = latest.id
     RETURNING s.id, s.revision`,
    [assignmentIds],
  );
  return rows.map((r) => ({ submissionId: r.id, revision: r.revision }));
}

/** How many students the scope has: the population document frequencies are relative to. */
export async function countScopeStudents(db: Pool | PoolClient, assignmentIds: number[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(DISTINCT student_id)::int AS n FROM submissions WHERE assignment_id = ANY($1::bigint[])',
    [assignmentIds],
  );
  return rows[0].n;
}

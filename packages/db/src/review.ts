import type { Pool } from './pool.js';
import { withTransaction } from './pool.js';
import { PAIR_FROM, assignmentPairsWhere, studentNameSql } from './review-sql.js';

// Queries behind the review API: assignments, settings, starter code, submissions.
// Pairs, verdicts and rings live in review-pairs.ts.
export * from './review-pairs.js';

export interface AssignmentSummary {
  id: number;
  name: string;
  students: number;
  submissions: number;
  analysed: number;
  skipped: number;
  failed: number;
  flaggedPairs: number;
}

export interface AssignmentRecord {
  id: number;
  classroomId: number;
  platformId: number | null;
  name: string;
  type: string | null;
  flagThreshold: number | null;
  minLongest: number | null;
  createdAt: Date;
}

export interface StarterFile {
  name: string;
  content: string;
  updatedAt: Date;
}

export interface SubmissionRecord {
  id: number;
  classroomId: number;
  status: string;
  timeSubmitted: Date;
  analysisStatus: string;
  analysisReason: string | null;
  files: { name: string; content: string }[];
  assignment: { id: number; name: string };
  student: { id: number; name: string };
}

/**
 * A classroom's assignments with their counts, by id, after `afterId`. Counts are over every
 * stored submission (not only the latest per student); flagged pairs are those scoped to it.
 */
export async function listClassroomAssignments(
  pool: Pool,
  classroomId: number,
  page: { afterId: number; limit: number },
): Promise<AssignmentSummary[]> {
  const { rows } = await pool.query(
    `SELECT a.id, a.name,
            coalesce(s.students, 0)::int AS students, coalesce(s.submissions, 0)::int AS submissions,
            coalesce(s.analysed, 0)::int AS analysed, coalesce(s.skipped, 0)::int AS skipped,
            coalesce(s.failed, 0)::int AS failed,
            (SELECT count(*)::int ${PAIR_FROM} WHERE ${assignmentPairsWhere('a.id')} AND p.flagged) AS flagged_pairs
       FROM assignments a
       LEFT JOIN LATERAL (
         SELECT count(DISTINCT student_id) AS students, count(*) AS submissions,
                count(*) FILTER (WHERE analysis_status = 'analysed') AS analysed,
                count(*) FILTER (WHERE analysis_status = 'skipped') AS skipped,
                count(*) FILTER (WHERE analysis_status = 'failed') AS failed
           FROM submissions WHERE assignment_id = a.id
       ) s ON true
      WHERE a.classroom_id = $1 AND a.id > $2
      ORDER BY a.id
      LIMIT $3`,
    [classroomId, page.afterId, page.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    students: r.students,
    submissions: r.submissions,
    analysed: r.analysed,
    skipped: r.skipped,
    failed: r.failed,
    flaggedPairs: r.flagged_pairs,
  }));
}

function mapAssignment(r: Record<string, any>): AssignmentRecord {
  return {
    id: r.id,
    classroomId: r.classroom_id,
    platformId: r.platform_id,
    name: r.name,
    type: r.type,
    flagThreshold: r.flag_threshold,
    minLongest: r.min_longest,
    createdAt: r.created_at,
  };
}

export async function findAssignmentRecord(pool: Pool, id: number): Promise<AssignmentRecord | null> {
  const { rows } = await pool.query('SELECT * FROM assignments WHERE id = $1', [id]);
  return rows[0] ? mapAssignment(rows[0]) : null;
}

/** Sets the given settings; a key that is absent is left as it is, null resets it to the default. */
export async function updateAssignmentSettings(
  pool: Pool,
  id: number,
  patch: { flagThreshold?: number | null; minLongest?: number | null },
): Promise<AssignmentRecord | null> {
  const { rows } = await pool.query(
    `UPDATE assignments
        SET flag_threshold = CASE WHEN $2 THEN $3::real ELSE flag_threshold END,
            min_longest = CASE WHEN $4 THEN $5::int ELSE min_longest END
      WHERE id = $1
      RETURNING *`,
    [id, 'flagThreshold' in patch, patch.flagThreshold ?? null, 'minLongest' in patch, patch.minLongest ?? null],
  );
  return rows[0] ? mapAssignment(rows[0]) : null;
}

export async function listStarterFiles(pool: Pool, assignmentId: number): Promise<StarterFile[]> {
  const { rows } = await pool.query(
    'SELECT name, content, updated_at FROM starter_files WHERE assignment_id = $1 ORDER BY name',
    [assignmentId],
  );
  return rows.map((r) => ({ name: r.name, content: r.content, updatedAt: r.updated_at }));
}

/** Replaces the whole starter code of an assignment in one transaction. */
export async function replaceStarterFiles(
  pool: Pool,
  assignmentId: number,
  files: { name: string; content: string }[],
): Promise<StarterFile[]> {
  await withTransaction(pool, async (client) => {
    await client.query('DELETE FROM starter_files WHERE assignment_id = $1', [assignmentId]);
    if (files.length === 0) return;
    await client.query(
      `INSERT INTO starter_files (assignment_id, name, content)
       SELECT $1, f.name, f.content FROM unnest($2::text[], $3::text[]) AS f(name, content)`,
      [assignmentId, files.map((f) => f.name), files.map((f) => f.content)],
    );
  });
  return listStarterFiles(pool, assignmentId);
}

/** A submission with its files, assignment and student; null when it does not exist. */
export async function findSubmissionRecord(pool: Pool, id: number): Promise<SubmissionRecord | null> {
  const { rows } = await pool.query(
    `SELECT s.id, s.classroom_id, s.status, s.time_submitted, s.analysis_status, s.analysis_reason,
            a.id AS assignment_id, a.name AS assignment_name,
            st.id AS student_id, ${studentNameSql('st')} AS student_name
       FROM submissions s
       JOIN assignments a ON a.id = s.assignment_id
       JOIN students st ON st.id = s.student_id
      WHERE s.id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  const files = await pool.query('SELECT name, content FROM files WHERE submission_id = $1 ORDER BY name', [id]);
  return {
    id: r.id,
    classroomId: r.classroom_id,
    status: r.status,
    timeSubmitted: r.time_submitted,
    analysisStatus: r.analysis_status,
    analysisReason: r.analysis_reason,
    files: files.rows.map((f) => ({ name: f.name, content: f.content })),
    assignment: { id: r.assignment_id, name: r.assignment_name },
    student: { id: r.student_id, name: r.student_name },
  };
}

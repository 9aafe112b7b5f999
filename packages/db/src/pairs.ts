import type { Pool, PoolClient } from './pool.js';

// Pairs as the worker writes them: raw evidence per (scope assignment, student, student), the
// rescore's inputs and outputs. The review API reads them through review-pairs.ts.

export interface PairEvidenceRow {
  /** The pair's home assignment (its scope key; see docs/worker.md for cross-assignment pairs). */
  assignmentId: number;
  /** student_a < student_b; the submissions and fragments' a/b sides follow the same order. */
  studentA: number;
  studentB: number;
  submissionA: number;
  submissionB: number;
  similarity: number;
  weightedSimilarity: number;
  longestTokens: number;
  longestLines: number;
  overlap: number;
  fragments: unknown[];
  engineVersion: string;
}

export interface StudentPair {
  id: number;
  assignmentId: number;
  otherStudentId: number;
  verdict: string;
}

export interface ScopePair {
  id: number;
  assignmentId: number;
  studentA: number;
  studentB: number;
  submissionA: number;
  submissionB: number;
  similarity: number;
  longestTokens: number;
}

export interface PairScoreUpdate {
  id: number;
  weightedSimilarity: number;
  rankScore: number;
  flagged: boolean;
}

export interface FlagSettings {
  flagThreshold: number | null;
  minLongest: number | null;
}

/**
 * Inserts or refreshes pairs. A new pair starts unranked and unflagged until the scope's
 * rescore places it; a refreshed one keeps its rank, flag and verdict, except that a dismissed
 * pair reopens when its similarity rises above the one it was dismissed at (issue 4 item 6).
 */
export async function upsertPairs(db: Pool | PoolClient, rows: PairEvidenceRow[]): Promise<void> {
  if (rows.length === 0) return;
  const reopen = `pairs.verdict = 'dismissed' AND EXCLUDED.similarity > coalesce(pairs.dismissed_similarity, pairs.similarity)`;
  await db.query(
    `INSERT INTO pairs (assignment_id, student_a, student_b, submission_a, submission_b, similarity, weighted_similarity,
                        longest_tokens, longest_lines, overlap, fragments, engine_version)
     SELECT r.assignment_id, r.student_a, r.student_b, r.submission_a, r.submission_b, r.similarity, r.weighted_similarity,
            r.longest_tokens, r.longest_lines, r.overlap, r.fragments, r.engine_version
       FROM jsonb_to_recordset($1::jsonb) AS r(
              assignment_id bigint, student_a bigint, student_b bigint, submission_a bigint, submission_b bigint,
              similarity real, weighted_similarity real, longest_tokens int, longest_lines int, overlap int,
              fragments jsonb, engine_version text)
     ON CONFLICT (assignment_id, student_a, student_b) DO UPDATE SET
       submission_a = EXCLUDED.submission_a,
       submission_b = EXCLUDED.submission_b,
       similarity = EXCLUDED.similarity,
       weighted_similarity = EXCLUDED.weighted_similarity,
       longest_tokens = EXCLUDED.longest_tokens,
       longest_lines = EXCLUDED.longest_lines,
       overlap = EXCLUDED.overlap,
       fragments = EXCLUDED.fragments,
       engine_version = EXCLUDED.engine_version,
       verdict = CASE WHEN ${reopen} THEN 'open' ELSE pairs.verdict END,
       verdict_by = CASE WHEN ${reopen} THEN NULL ELSE pairs.verdict_by END,
       verdict_at = CASE WHEN ${reopen} THEN now() ELSE pairs.verdict_at END,
       updated_at = now()`,
    [JSON.stringify(rows.map((r) => ({
      assignment_id: r.assignmentId,
      student_a: r.studentA,
      student_b: r.studentB,
      submission_a: r.submissionA,
      submission_b: r.submissionB,
      similarity: r.similarity,
      weighted_similarity: r.weightedSimilarity,
      longest_tokens: r.longestTokens,
      longest_lines: r.longestLines,
      overlap: r.overlap,
      fragments: r.fragments,
      engine_version: r.engineVersion,
    })))],
  );
}

/** The student's pairs in these assignments: re-scored when the student's latest submission changes. */
export async function listStudentPairs(db: Pool | PoolClient, assignmentIds: number[], studentId: number): Promise<StudentPair[]> {
  const { rows } = await db.query(
    `SELECT id, assignment_id, CASE WHEN student_a = $2 THEN student_b ELSE student_a END AS other, verdict
       FROM pairs
      WHERE assignment_id = ANY($1::bigint[]) AND (student_a = $2 OR student_b = $2)`,
    [assignmentIds, studentId],
  );
  return rows.map((r) => ({ id: r.id, assignmentId: r.assignment_id, otherStudentId: r.other, verdict: r.verdict }));
}

/** Removes pairs that no longer share anything, unless a teacher gave them a verdict. */
export async function deleteOpenPairs(db: Pool | PoolClient, pairIds: number[]): Promise<void> {
  if (pairIds.length === 0) return;
  await db.query("DELETE FROM pairs WHERE id = ANY($1::bigint[]) AND verdict = 'open'", [pairIds]);
}

/**
 * The scope's pairs the rescore ranks: those whose home is one of its assignments, except pairs
 * with both sides in reference assignments (an earlier term is never re-flagged among itself).
 */
export async function listScopePairs(pool: Pool, assignmentIds: number[], activeIds: number[]): Promise<ScopePair[]> {
  const { rows } = await pool.query(
    `SELECT p.id, p.assignment_id, p.student_a, p.student_b, p.submission_a, p.submission_b, p.similarity, p.longest_tokens
       FROM pairs p
       JOIN submissions xa ON xa.id = p.submission_a
       JOIN submissions xb ON xb.id = p.submission_b
      WHERE p.assignment_id = ANY($1::bigint[])
        AND (xa.assignment_id = ANY($2::bigint[]) OR xb.assignment_id = ANY($2::bigint[]))
      ORDER BY p.id`,
    [assignmentIds, activeIds],
  );
  return rows.map((r) => ({
    id: r.id,
    assignmentId: r.assignment_id,
    studentA: r.student_a,
    studentB: r.student_b,
    submissionA: r.submission_a,
    submissionB: r.submission_b,
    similarity: r.similarity,
    longestTokens: r.longest_tokens,
  }));
}

export async function updatePairScores(pool: Pool, updates: PairScoreUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  await pool.query(
    `UPDATE pairs p SET weighted_similarity = u.w, rank_score = u.r, flagged = u.f
       FROM unnest($1::bigint[], $2::real[], $3::real[], $4::boolean[]) AS u(id, w, r, f)
      WHERE p.id = u.id AND (p.weighted_similarity, p.rank_score, p.flagged) IS DISTINCT FROM (u.w, u.r, u.f)`,
    [updates.map((u) => u.id), updates.map((u) => u.weightedSimilarity), updates.map((u) => u.rankScore), updates.map((u) => u.flagged)],
  );
}

/** Per assignment: its flag threshold and minimum longest fragment, null where the default applies. */
export async function loadFlagSettings(db: Pool | PoolClient, assignmentIds: number[]): Promise<Map<number, FlagSettings>> {
  const { rows } = await db.query(
    'SELECT id, flag_threshold, min_longest FROM assignments WHERE id = ANY($1::bigint[])',
    [assignmentIds],
  );
  return new Map(rows.map((r) => [r.id, { flagThreshold: r.flag_threshold, minLongest: r.min_longest }]));
}

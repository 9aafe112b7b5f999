import type { Pool, PoolClient } from './pool.js';

// The persistent fingerprint index (DESIGN 6). It holds one submission per (assignment, student):
// the student's latest. Replacing it, document frequencies and candidate selection live here.

/**
 * Advisory-lock namespace for a student's index entry (the two-int form, so it can never meet
 * the single-bigint keys other modules hash into). Indexing takes it exclusively; storing pairs
 * takes it shared for both students, so a pair is never written against a replaced submission.
 */
const INDEX_LOCK_NAMESPACE = 727_373;

export interface IndexedFingerprint {
  hash: number;
  tokenIndex: number;
  startLine: number;
  endLine: number;
}

export interface IndexedFileInput {
  fileId: number;
  contentHash: string;
  tokenCount: number;
  fingerprints: IndexedFingerprint[];
}

export interface StudentIndexInput {
  assignmentId: number;
  studentId: number;
  submissionId: number;
  engineVersion: string;
  files: IndexedFileInput[];
}

export async function lockStudentIndex(client: PoolClient, studentId: number): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [INDEX_LOCK_NAMESPACE, studentId]);
}

/** Shared locks in id order: writers of pairs never wait on each other in a cycle. */
export async function lockStudentIndexesShared(client: PoolClient, studentIds: number[]): Promise<void> {
  const ids = [...new Set(studentIds)].sort((a, b) => a - b);
  await client.query(
    'SELECT pg_advisory_xact_lock_shared($1::int, id::int) FROM unnest($2::bigint[]) AS id ORDER BY id',
    [INDEX_LOCK_NAMESPACE, ids],
  );
}

/**
 * Makes `submissionId` the student's entry in the assignment's index: their previous
 * fingerprints and files go, the new ones come, and hash_students keeps exactly the hashes the
 * student now holds (so document frequencies stay exact under resubmissions and re-runs).
 * Run inside a transaction holding lockStudentIndex.
 */
export async function replaceStudentIndex(client: PoolClient, input: StudentIndexInput): Promise<void> {
  const { assignmentId, studentId, submissionId, engineVersion } = input;
  await client.query('DELETE FROM fingerprints WHERE assignment_id = $1 AND student_id = $2', [assignmentId, studentId]);
  await client.query('DELETE FROM indexed_files WHERE assignment_id = $1 AND student_id = $2', [assignmentId, studentId]);
  const cols = { hash: [] as number[], file: [] as number[], token: [] as number[], start: [] as number[], end: [] as number[] };
  for (const f of input.files) {
    for (const fp of f.fingerprints) {
      cols.hash.push(fp.hash);
      cols.file.push(f.fileId);
      cols.token.push(fp.tokenIndex);
      cols.start.push(fp.startLine);
      cols.end.push(fp.endLine);
    }
  }
  if (cols.hash.length > 0) {
    await client.query(
      `INSERT INTO fingerprints (assignment_id, hash, submission_id, file_id, student_id, token_index, start_line, end_line, engine_version)
       SELECT $1, h, $2, f, $3, t, s, e, $4
         FROM unnest($5::bigint[], $6::bigint[], $7::int[], $8::int[], $9::int[]) AS u(h, f, t, s, e)`,
      [assignmentId, submissionId, studentId, engineVersion, cols.hash, cols.file, cols.token, cols.start, cols.end],
    );
  }
  if (input.files.length > 0) {
    await client.query(
      `INSERT INTO indexed_files (assignment_id, submission_id, file_id, student_id, content_hash, token_count, engine_version)
       SELECT $1, $2, f, $3, c, n, $4 FROM unnest($5::bigint[], $6::text[], $7::int[]) AS u(f, c, n)`,
      [assignmentId, submissionId, studentId, engineVersion,
        input.files.map((f) => f.fileId), input.files.map((f) => f.contentHash), input.files.map((f) => f.tokenCount)],
    );
  }
  const distinct = [...new Set(cols.hash)];
  await client.query(
    `DELETE FROM hash_students
      WHERE assignment_id = $1 AND student_id = $2 AND hash NOT IN (SELECT unnest($3::bigint[]))`,
    [assignmentId, studentId, distinct],
  );
  await client.query(
    `INSERT INTO hash_students (assignment_id, hash, student_id)
     SELECT $1, h, $2 FROM unnest($3::bigint[]) AS h ON CONFLICT DO NOTHING`,
    [assignmentId, studentId, distinct],
  );
}

export interface CandidateQuery {
  /** Every assignment of the scope: document frequencies count over all of them. */
  scopeAssignmentIds: number[];
  /** Assignments whose submissions may be paired with this one (a reference one pairs only with active ones). */
  candidateAssignmentIds: number[];
  studentId: number;
  /** The submission's fingerprint hashes, starter code already removed. */
  hashes: number[];
  /** Normalized content hashes of its files big enough to count as identical work. */
  contentHashes: string[];
  /** A hash held by more students than this is left out of the query (not out of scoring). */
  maxHolders: number;
  /** When > 0, also this many submissions whose analysed files total at most smallTokens tokens. */
  smallLimit: number;
  smallTokens: number;
  limit: number;
}

export interface Candidate {
  studentId: number;
  submissionId: number;
  assignmentId: number;
  /** Distinct rare hashes shared with the submission. */
  shared: number;
  /** Shares a whole file, identical after normalization. */
  identical: boolean;
}

/**
 * One indexed query (DESIGN 6): the submissions of other students sharing a hash that at most
 * `maxHolders` students hold, plus those with an identical file (mass copying cannot hide
 * behind its own frequency), plus, for a small submission, other small ones (too short for
 * fingerprints). Each hash's holder count is capped at maxHolders + 1 rows, so a hash
 * everyone holds costs no more than a rare one.
 */
export async function findCandidates(pool: Pool, q: CandidateQuery): Promise<Candidate[]> {
  const { rows } = await pool.query(
    `WITH mine AS (SELECT DISTINCT h AS hash FROM unnest($3::bigint[]) AS h),
     rare AS (
       SELECT m.hash FROM mine m
        WHERE (SELECT count(*) FROM (
                 SELECT 1 FROM hash_students hs
                  WHERE hs.assignment_id = ANY($1::bigint[]) AND hs.hash = m.hash
                  LIMIT $5::int + 1) held) <= $5::int),
     by_hash AS (
       SELECT f.student_id, f.submission_id, f.assignment_id, count(DISTINCT f.hash)::int AS shared, false AS identical
         FROM rare r JOIN fingerprints f ON f.assignment_id = ANY($2::bigint[]) AND f.hash = r.hash
        WHERE f.student_id <> $4
        GROUP BY 1, 2, 3),
     by_file AS (
       SELECT DISTINCT student_id, submission_id, assignment_id, 0 AS shared, true AS identical
         FROM indexed_files
        WHERE assignment_id = ANY($2::bigint[]) AND content_hash = ANY($6::text[]) AND student_id <> $4),
     small AS (
       SELECT student_id, submission_id, assignment_id, 0 AS shared, false AS identical
         FROM indexed_files
        WHERE $7::int > 0 AND assignment_id = ANY($2::bigint[]) AND student_id <> $4
        GROUP BY 1, 2, 3 HAVING sum(token_count) <= $8::int
        ORDER BY submission_id DESC LIMIT $7::int)
     SELECT student_id, submission_id, assignment_id, max(shared)::int AS shared, bool_or(identical) AS identical
       FROM (SELECT * FROM by_hash UNION ALL SELECT * FROM by_file UNION ALL SELECT * FROM small) c
      GROUP BY 1, 2, 3
      ORDER BY bool_or(identical) DESC, max(shared) DESC, submission_id
      LIMIT $9::int`,
    [q.scopeAssignmentIds, q.candidateAssignmentIds, q.hashes, q.studentId, q.maxHolders, q.contentHashes,
      q.smallLimit, q.smallTokens, q.limit],
  );
  return rows.map((r) => ({
    studentId: r.student_id,
    submissionId: r.submission_id,
    assignmentId: r.assignment_id,
    shared: r.shared,
    identical: r.identical,
  }));
}

/** How many students of the scope hold each of these hashes (absent: none). */
export async function loadDocumentFrequencies(
  db: Pool | PoolClient,
  assignmentIds: number[],
  hashes: number[],
): Promise<Map<number, number>> {
  if (hashes.length === 0) return new Map();
  const { rows } = await db.query<{ hash: number; n: number }>(
    `SELECT hash, count(*)::int AS n FROM hash_students
      WHERE assignment_id = ANY($1::bigint[]) AND hash = ANY($2::bigint[])
      GROUP BY hash`,
    [assignmentIds, [...new Set(hashes)]],
  );
  return new Map(rows.map((r) => [r.hash, r.n]));
}

import type { Pool } from './pool.js';
import { PAIR_FROM, PAIR_SELECT, assignmentPairsWhere } from './review-sql.js';

// Pairs as the review API reads them: lists with filters and keyset pagination, one pair's
// evidence and files, verdicts, and the flagged edges copy rings are built from.

export type Verdict = 'open' | 'dismissed' | 'confirmed';
export type PairSort = 'similarity' | 'longest' | 'newest';

export interface PairSide {
  studentId: number;
  studentName: string;
  classroomId: number;
  submissionId: number;
  assignmentId: number;
}

export interface PairRecord {
  id: number;
  assignmentId: number;
  a: PairSide;
  b: PairSide;
  similarity: number;
  rankScore: number;
  longestTokens: number;
  longestLines: number;
  overlap: number;
  flagged: boolean;
  verdict: Verdict;
  verdictNote: string | null;
  verdictBy: number | null;
  verdictAt: Date | null;
  dismissedSimilarity: number | null;
  updatedAt: Date;
  /** The value the list was sorted on, for the next page's cursor. */
  sortValue: number | string;
}

export interface PairListQuery {
  flagged?: boolean;
  verdict?: Verdict;
  minSimilarity?: number;
  sort: PairSort;
  limit: number;
  /** Keyset position: rows strictly after (sortValue, id) in the sort order. */
  after?: { value: number | string; id: number };
}

// Every sort is descending with the id as tie-breaker, so (key, id) is a total order a cursor can resume from.
const SORT_KEYS: Record<PairSort, { expr: string; cast: string }> = {
  similarity: { expr: 'p.similarity', cast: 'real' },
  longest: { expr: 'p.longest_tokens', cast: 'int' },
  newest: { expr: 'greatest(xa.time_submitted, xb.time_submitted)', cast: 'timestamptz' },
};

function mapPair(r: Record<string, any>): PairRecord {
  return {
    id: r.id,
    assignmentId: r.assignment_id,
    a: { studentId: r.student_a, studentName: r.name_a, classroomId: r.classroom_a, submissionId: r.submission_a, assignmentId: r.assignment_a },
    b: { studentId: r.student_b, studentName: r.name_b, classroomId: r.classroom_b, submissionId: r.submission_b, assignmentId: r.assignment_b },
    similarity: r.similarity,
    rankScore: r.rank_score,
    longestTokens: r.longest_tokens,
    longestLines: r.longest_lines,
    overlap: r.overlap,
    flagged: r.flagged,
    verdict: r.verdict,
    verdictNote: r.verdict_note,
    verdictBy: r.verdict_by,
    verdictAt: r.verdict_at,
    dismissedSimilarity: r.dismissed_similarity,
    updatedAt: r.updated_at,
    sortValue: r.sort_value,
  };
}

/** One page of an assignment's pairs, filtered and sorted; fetch limit + 1 to know whether more follow. */
export async function listAssignmentPairs(pool: Pool, assignmentId: number, query: PairListQuery): Promise<PairRecord[]> {
  const key = SORT_KEYS[query.sort];
  const params: unknown[] = [assignmentId];
  const where = [assignmentPairsWhere('$1')];
  const add = (value: unknown) => `$${params.push(value)}`;
  if (query.flagged !== undefined) where.push(`p.flagged = ${add(query.flagged)}`);
  if (query.verdict !== undefined) where.push(`p.verdict = ${add(query.verdict)}`);
  if (query.minSimilarity !== undefined) where.push(`p.similarity >= ${add(query.minSimilarity)}::real`);
  if (query.after) {
    where.push(`(${key.expr}, p.id) < (${add(query.after.value)}::${key.cast}, ${add(query.after.id)}::bigint)`);
  }
  const sortValue = query.sort === 'newest' ? `(${key.expr})::text` : key.expr;
  const { rows } = await pool.query(
    `${PAIR_SELECT}, ${sortValue} AS sort_value ${PAIR_FROM}
      WHERE ${where.join(' AND ')}
      ORDER BY ${key.expr} DESC, p.id DESC
      LIMIT ${add(query.limit)}`,
    params,
  );
  return rows.map(mapPair);
}

/** Every pair of an assignment (for export), most similar first. */
export async function listAllAssignmentPairs(pool: Pool, assignmentId: number): Promise<PairRecord[]> {
  const { rows } = await pool.query(
    `${PAIR_SELECT}, p.similarity AS sort_value ${PAIR_FROM}
      WHERE ${assignmentPairsWhere('$1')}
      ORDER BY p.similarity DESC, p.id DESC`,
    [assignmentId],
  );
  return rows.map(mapPair);
}

export async function findPairRecord(pool: Pool, id: number): Promise<(PairRecord & { fragments: unknown[] }) | null> {
  const { rows } = await pool.query(`${PAIR_SELECT}, p.similarity AS sort_value, p.fragments ${PAIR_FROM} WHERE p.id = $1`, [id]);
  const r = rows[0];
  return r ? { ...mapPair(r), fragments: Array.isArray(r.fragments) ? r.fragments : [] } : null;
}

/**
 * Records a verdict, who gave it and when. Dismissing remembers the similarity it was dismissed at:
 * the worker reopens the pair only if its similarity later rises above that.
 */
export async function setPairVerdict(
  pool: Pool,
  pairId: number,
  verdict: { verdict: Verdict; note: string | null; teacherId: number },
): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE pairs
        SET verdict = $2, verdict_note = $3, verdict_by = $4, verdict_at = now(),
            dismissed_similarity = CASE WHEN $2 = 'dismissed' THEN similarity ELSE NULL END
      WHERE id = $1`,
    [pairId, verdict.verdict, verdict.note, verdict.teacherId],
  );
  return rowCount === 1;
}

/** The flagged pairs of an assignment as graph edges, the input for copy rings. */
export async function listFlaggedPairs(pool: Pool, assignmentId: number): Promise<PairRecord[]> {
  const { rows } = await pool.query(
    `${PAIR_SELECT}, p.similarity AS sort_value ${PAIR_FROM}
      WHERE ${assignmentPairsWhere('$1')} AND p.flagged
      ORDER BY p.id`,
    [assignmentId],
  );
  return rows.map(mapPair);
}

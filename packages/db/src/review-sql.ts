// SQL shared by the review queries; internal to the package (not re-exported from index.ts).

/** What a teacher sees as a student's name: first and last name, else the email, else the id. */
export function studentNameSql(alias: string): string {
  return `coalesce(nullif(btrim(${alias}.first_name || ' ' || ${alias}.last_name), ''), ${alias}.email, 'student ' || ${alias}.id)`;
}

export const PAIR_SELECT = `
  SELECT p.id, p.assignment_id, p.similarity, p.rank_score, p.longest_tokens, p.longest_lines, p.overlap,
         p.flagged, p.verdict, p.verdict_note, p.verdict_by, p.verdict_at, p.dismissed_similarity, p.updated_at,
         p.student_a, ${studentNameSql('sa')} AS name_a, sa.classroom_id AS classroom_a, p.submission_a, xa.assignment_id AS assignment_a,
         p.student_b, ${studentNameSql('sb')} AS name_b, sb.classroom_id AS classroom_b, p.submission_b, xb.assignment_id AS assignment_b`;

export const PAIR_FROM = `
    FROM pairs p
    JOIN students sa ON sa.id = p.student_a
    JOIN students sb ON sb.id = p.student_b
    JOIN submissions xa ON xa.id = p.submission_a
    JOIN submissions xb ON xb.id = p.submission_b`;

/**
 * The pairs an assignment shows: those whose home is the assignment, and, when it is linked into a
 * comparison group, those homed elsewhere in the group with a side in it. Written against the
 * aliases of PAIR_FROM; `$n` is the assignment id.
 */
export function assignmentPairsWhere(param: string): string {
  return `p.assignment_id IN (
      SELECT ${param}::bigint
      UNION
      SELECT m.assignment_id FROM comparison_group_assignments g
        JOIN comparison_group_assignments m ON m.group_id = g.group_id
       WHERE g.assignment_id = ${param})
    AND (p.assignment_id = ${param} OR xa.assignment_id = ${param} OR xb.assignment_id = ${param})`;
}

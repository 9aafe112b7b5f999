import { getClassroomRole, type PairRecord, type PairSide } from '@crosscheck/db';
import type { AppDeps } from '../deps.js';

// Response shapes of pairs. In a cross-classroom pair (comparison groups) each side's name and
// files are shown only to callers with a role in that side's classroom.

export type Visible = ReadonlySet<number>;

/** The classrooms among `classroomIds` where the teacher has a role. */
export async function loadVisibleClassrooms(deps: AppDeps, teacherId: number, classroomIds: Iterable<number>): Promise<Visible> {
  const unique = [...new Set(classroomIds)];
  const roles = await Promise.all(unique.map((id) => getClassroomRole(deps.pool, teacherId, id)));
  return new Set(unique.filter((_, i) => roles[i] !== null));
}

export function presentStudent(side: PairSide, visible: Visible) {
  const hidden = !visible.has(side.classroomId);
  return { id: side.studentId, name: hidden ? null : side.studentName, hidden };
}

export function presentPairRow(p: PairRecord, visible: Visible) {
  return {
    id: p.id,
    assignmentId: p.assignmentId,
    studentA: presentStudent(p.a, visible),
    studentB: presentStudent(p.b, visible),
    submissionA: p.a.submissionId,
    submissionB: p.b.submissionId,
    similarity: p.similarity,
    rankScore: p.rankScore,
    longestTokens: p.longestTokens,
    longestLines: p.longestLines,
    overlap: p.overlap,
    flagged: p.flagged,
    verdict: p.verdict,
    verdictNote: p.verdictNote,
    verdictAt: p.verdictAt,
    updatedAt: p.updatedAt,
  };
}

export const EXPORT_COLUMNS = [
  'pair_id', 'assignment_id', 'student_a_id', 'student_a_name', 'student_b_id', 'student_b_name',
  'submission_a', 'submission_b', 'similarity', 'rank_score', 'longest_tokens', 'longest_lines',
  'overlap', 'flagged', 'verdict', 'verdict_note', 'updated_at',
] as const;

export function toExportCells(p: PairRecord, visible: Visible) {
  const row = presentPairRow(p, visible);
  return [
    row.id, row.assignmentId, row.studentA.id, row.studentA.name, row.studentB.id, row.studentB.name,
    row.submissionA, row.submissionB, row.similarity, row.rankScore, row.longestTokens, row.longestLines,
    row.overlap, row.flagged, row.verdict, row.verdictNote, row.updatedAt.toISOString(),
  ];
}

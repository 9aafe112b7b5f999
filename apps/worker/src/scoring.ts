import {
  analyzeSubmission, type AnalyzedSubmission, type ScoringContext,
} from '@crosscheck/similarity';
import {
  countScopeStudents, loadDocumentFrequencies, type ComparisonScope, type Pool, type StoredFile,
} from '@crosscheck/db';

// Pieces the analysis and the rescore share, so both score a pair with the same context.

/**
 * The assignment a pair is stored under (its scope key). Inside one assignment, that one. Across
 * a group: the active side's assignment when the other side is a reference (last term's class is
 * history, the pair belongs to this term's work), else the lower id — fixed for the two
 * assignments, so a resubmission on either side updates the same row and keeps its verdict.
 */
export function choosePairHome(scope: ComparisonScope, assignmentA: number, assignmentB: number): number {
  if (assignmentA === assignmentB) return assignmentA;
  const activeA = scope.activeIds.includes(assignmentA);
  const activeB = scope.activeIds.includes(assignmentB);
  if (activeA !== activeB) return activeA ? assignmentA : assignmentB;
  return Math.min(assignmentA, assignmentB);
}

/** An active assignment's submissions meet the whole scope; a reference one's meet only active ones. */
export function candidateAssignmentsFor(scope: ComparisonScope, assignmentId: number): number[] {
  return scope.activeIds.includes(assignmentId) ? scope.assignmentIds : scope.activeIds;
}

export function analyzeStoredFiles(files: StoredFile[]): AnalyzedSubmission {
  return analyzeSubmission(files.map((f) => ({ name: f.name, content: f.content })));
}

export function distinctHashes(subs: Iterable<AnalyzedSubmission>): number[] {
  const set = new Set<number>();
  for (const sub of subs) for (const f of sub.files) for (const fp of f.fingerprints) set.add(fp.hash);
  return [...set];
}

/**
 * Document frequencies of every hash the compared submissions hold, read once per job from
 * hash_students, and the scope's population: the same context for every pair of the job.
 */
export async function buildScoringContext(
  pool: Pool,
  scope: ComparisonScope,
  starterHashes: ReadonlySet<number>,
  subs: Iterable<AnalyzedSubmission>,
  population?: number,
): Promise<ScoringContext> {
  const [df, students] = await Promise.all([
    loadDocumentFrequencies(pool, scope.assignmentIds, distinctHashes(subs)),
    population ?? countScopeStudents(pool, scope.assignmentIds),
  ]);
  return {
    starterHashes,
    // A hash the index does not know yet is held by the submission in hand: one student.
    documentFrequency: (hash) => df.get(hash) ?? 1,
    population: Math.max(students, 2),
  };
}

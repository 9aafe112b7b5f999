import { comparePair, ENGINE_VERSION, type AnalyzedSubmission, type PairEvidence } from '@crosscheck/similarity';
import {
  countScopeStudents, deleteOpenPairs, findCandidates, findLatestSubmissions, listStudentPairs,
  loadSubmissionFiles, lockStudentIndexesShared, upsertPairs, withTransaction,
  type ComparisonScope, type PairEvidenceRow, type Pool, type SubmissionForAnalysis,
} from '@crosscheck/db';
import type { WorkerTuning } from './tuning.js';
import { analyzeStoredFiles, buildScoringContext, candidateAssignmentsFor, choosePairHome, distinctHashes } from './scoring.js';

export interface PairingInput {
  sub: SubmissionForAnalysis;
  scope: ComparisonScope;
  analysed: AnalyzedSubmission;
  starterHashes: ReadonlySet<number>;
  /** Normalized content hashes of the starter files: an untouched starter file is nobody's identical work. */
  starterContentHashes: ReadonlySet<string>;
}

export interface PairingSummary {
  candidates: number;
  pairs: number;
  removed: number;
  /** The submission stopped being its student's latest before its pairs were written. */
  superseded: boolean;
}

interface Other {
  studentId: number;
  submissionId: number;
  assignmentId: number;
}

/**
 * Finds the submission's candidates through the index, scores each with the engine and writes
 * the pairs. Students it was paired with before are scored again even when they no longer
 * share a rare hash, so a resubmission that removed the copied code clears the old pair.
 * The submission's fingerprints must be committed before this runs (DESIGN 6).
 */
export async function pairSubmission(pool: Pool, tuning: WorkerTuning, input: PairingInput): Promise<PairingSummary> {
  const { sub, scope, analysed } = input;
  const candidateAssignments = candidateAssignmentsFor(scope, sub.assignmentId);
  const population = await countScopeStudents(pool, scope.assignmentIds);
  const hashes = distinctHashes([analysed]).filter((h) => !input.starterHashes.has(h));
  const contentHashes = analysed.files
    .filter((f) => !f.skipReason && f.tokenCount >= tuning.identicalMinTokens && !input.starterContentHashes.has(f.contentHash))
    .map((f) => f.contentHash);
  const small = analysed.tokenCount > 0 && analysed.tokenCount <= tuning.smallTokens;
  const found = await findCandidates(pool, {
    scopeAssignmentIds: scope.assignmentIds,
    candidateAssignmentIds: candidateAssignments,
    studentId: sub.studentId,
    hashes,
    contentHashes,
    maxHolders: Math.max(tuning.minCommonHolders, Math.ceil(tuning.commonShare * population)),
    smallLimit: small ? tuning.smallLimit : 0,
    smallTokens: tuning.smallTokens,
    limit: tuning.candidateLimit,
  });
  const previous = await listStudentPairs(pool, scope.assignmentIds, sub.studentId);
  const others = new Map<number, Other>();
  for (const c of found) if (!others.has(c.studentId)) others.set(c.studentId, c);
  const missing = [...new Set(previous.map((p) => p.otherStudentId))].filter((id) => !others.has(id));
  for (const l of await findLatestSubmissions(pool, missing, candidateAssignments)) {
    if (!others.has(l.studentId)) others.set(l.studentId, { studentId: l.studentId, submissionId: l.id, assignmentId: l.assignmentId });
  }

  const files = await loadSubmissionFiles(pool, [...others.values()].map((o) => o.submissionId));
  const theirs = new Map([...others.values()].map((o) => [o.studentId, analyzeStoredFiles(files.get(o.submissionId) ?? [])]));
  const ctx = await buildScoringContext(pool, scope, input.starterHashes, [analysed, ...theirs.values()], population);

  const rows: PairEvidenceRow[] = [];
  for (const other of others.values()) {
    const mineFirst = sub.studentId < other.studentId;
    const [a, b] = mineFirst ? [analysed, theirs.get(other.studentId)!] : [theirs.get(other.studentId)!, analysed];
    const evidence = comparePair(a, b, ctx);
    const mine = { studentId: sub.studentId, submissionId: sub.id, assignmentId: sub.assignmentId };
    rows.push(toRow(scope, mineFirst ? mine : other, mineFirst ? other : mine, evidence));
  }
  const keep = rows.filter(sharesAnything);
  const dropStudents = new Set(rows.filter((r) => !sharesAnything(r)).map((r) => (r.studentA === sub.studentId ? r.studentB : r.studentA)));
  // Pairs with students outside this submission's candidates (last term's pairs among a reference
  // assignment) are left as they are: this analysis cannot speak for them.
  const dropIds = previous.filter((p) => dropStudents.has(p.otherStudentId)).map((p) => p.id);
  // A dismissed or confirmed pair that no longer shares anything keeps its verdict, with zero evidence.
  const zeroed = rows.filter((r) => !sharesAnything(r) && previous.some((p) => p.verdict !== 'open' && p.assignmentId === r.assignmentId
    && p.otherStudentId === (r.studentA === sub.studentId ? r.studentB : r.studentA)));

  return withTransaction(pool, async (client) => {
    const students = [sub.studentId, ...others.keys()];
    await lockStudentIndexesShared(client, students);
    const latest = await findLatestSubmissions(client, students, scope.assignmentIds);
    const isLatest = (studentId: number, submissionId: number): boolean =>
      latest.some((l) => l.studentId === studentId && l.id === submissionId);
    if (!isLatest(sub.studentId, sub.id)) return { candidates: others.size, pairs: 0, removed: 0, superseded: true };
    // A side replaced meanwhile is paired again by its own newer submission's analysis.
    const current = [...keep, ...zeroed].filter((r) => isLatest(r.studentA, r.submissionA) && isLatest(r.studentB, r.submissionB));
    await upsertPairs(client, current);
    await deleteOpenPairs(client, dropIds);
    return { candidates: others.size, pairs: current.length, removed: dropIds.length, superseded: false };
  });
}

function sharesAnything(r: PairEvidenceRow): boolean {
  return r.similarity > 0 || r.weightedSimilarity > 0;
}

function toRow(scope: ComparisonScope, a: Other, b: Other, evidence: PairEvidence): PairEvidenceRow {
  return {
    assignmentId: choosePairHome(scope, a.assignmentId, b.assignmentId),
    studentA: a.studentId,
    studentB: b.studentId,
    submissionA: a.submissionId,
    submissionB: b.submissionId,
    similarity: evidence.similarity,
    weightedSimilarity: evidence.weightedSimilarity,
    longestTokens: evidence.longestTokens,
    longestLines: evidence.longestLines,
    overlap: evidence.overlap,
    fragments: evidence.fragments,
    engineVersion: ENGINE_VERSION,
  };
}

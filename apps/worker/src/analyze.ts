import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { Logger } from '@crosscheck/config';
import {
  findAssignmentScope, findLatestSubmission, loadStarterFiles, loadSubmissionFiles, loadSubmissionForAnalysis,
  lockStudentIndex, recordAnalysisResult, replaceStudentIndex, requeueLatestSubmissions, withTransaction,
  type Pool, type StoredFile, type SubmissionForAnalysis,
} from '@crosscheck/db';
import {
  enqueueAnalysis, enqueueRescore, REANALYZE_JOB,
  type AnalyzeJob, type AnalyzeQueueJob, type ReanalyzeJob, type RescoreJob,
} from '@crosscheck/queue';
import { analyzeFile, ENGINE_VERSION, FILE_LIMIT_REASON, MAX_COMPARED_FILES, starterHashes, type AnalyzedSubmission } from '@crosscheck/similarity';
import { pairSubmission, type PairingSummary } from './pairing.js';
import { analyzeStoredFiles } from './scoring.js';
import type { WorkerTuning } from './tuning.js';

export interface AnalyzeDeps {
  pool: Pool;
  log: Logger;
  analyzeQueue: Queue<AnalyzeJob>;
  rescoreQueue: Queue<RescoreJob>;
  tuning: WorkerTuning;
}

export type AnalyzeOutcome =
  | { outcome: 'gone' }
  | { outcome: 'fanned-out'; submissions: number }
  | { outcome: 'analysed' | 'skipped'; submissionId: number; analysedId: number; reason: string | null; pairing: PairingSummary | null };

/** The analyze queue's processor: one submission, or a fan-out over assignments. */
export async function processAnalyzeJob(deps: AnalyzeDeps, job: Job<AnalyzeQueueJob>): Promise<AnalyzeOutcome> {
  if (job.name === REANALYZE_JOB) return fanOutReanalysis(deps, job.data as ReanalyzeJob, job.id ?? '');
  const data = job.data as AnalyzeJob;
  const log = deps.log.child({ jobId: job.id, submissionId: data.submissionId });
  try {
    if (!Number.isSafeInteger(data.submissionId) || data.submissionId <= 0) throw new UnrecoverableError('job has no valid submission id');
    const result = await analyzeSubmissionById(deps, data.submissionId);
    log.info({ ...summarize(result) }, 'submission analysed');
    return result;
  } catch (err) {
    const lastAttempt = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (lastAttempt) await markFailed(deps, data.submissionId, err, log);
    throw err;
  }
}

/**
 * Analyses the submission's student's latest submission in its assignment: the submission
 * itself, or, when it is older or was abandoned, the one that now stands for the student (a
 * status change re-pairs the student). Idempotent: every write is a replace or an upsert.
 */
export async function analyzeSubmissionById(deps: AnalyzeDeps, submissionId: number): Promise<AnalyzeOutcome> {
  const sub = await loadSubmissionForAnalysis(deps.pool, submissionId);
  if (!sub) return { outcome: 'gone' };
  const latest = await findLatestSubmission(deps.pool, sub.studentId, sub.assignmentId);
  const target = latest && latest.id !== sub.id ? await loadSubmissionForAnalysis(deps.pool, latest.id) : sub;
  const result = await analyzeLatest(deps, target ?? sub);
  if (target && target.id !== sub.id) {
    await recordAnalysisResult(deps.pool, {
      submissionId: sub.id, revision: sub.revision, status: 'analysed', reason: 'superseded by a newer submission', engineVersion: ENGINE_VERSION,
    });
  }
  return { ...result, submissionId: sub.id };
}

async function analyzeLatest(deps: AnalyzeDeps, sub: SubmissionForAnalysis): Promise<AnalyzeOutcome & { outcome: 'analysed' | 'skipped' }> {
  const { pool } = deps;
  const scope = await findAssignmentScope(pool, sub.assignmentId);
  const [filesById, starterFiles] = await Promise.all([loadSubmissionFiles(pool, [sub.id]), loadStarterFiles(pool, scope.assignmentIds)]);
  const stored = filesById.get(sub.id) ?? [];
  const analysed = analyzeStoredFiles(stored);
  const starter = starterHashes(starterFiles);
  const starterContent = new Set(starterFiles.map((f) => analyzeFile(f).contentHash));
  const { status, reason } = describeOutcome(stored, analysed);

  // Commit the fingerprints before looking for candidates: of two submissions analysed at once,
  // the later query then always sees the earlier commit (DESIGN 6).
  const indexed = await withTransaction(pool, async (client) => {
    await lockStudentIndex(client, sub.studentId);
    const now = await findLatestSubmission(client, sub.studentId, sub.assignmentId);
    if (now?.id !== sub.id) return false;
    await replaceStudentIndex(client, {
      assignmentId: sub.assignmentId,
      studentId: sub.studentId,
      submissionId: sub.id,
      engineVersion: ENGINE_VERSION,
      files: analysed.files.flatMap((f, i) => (f.skipReason || f.tokenCount === 0 ? [] : [{
        fileId: stored[i].id,
        contentHash: f.contentHash,
        tokenCount: f.tokenCount,
        fingerprints: f.fingerprints.map((fp) => ({ hash: fp.hash, tokenIndex: fp.tokenIndex, startLine: fp.span.startLine, endLine: fp.span.endLine })),
      }])),
    });
    return true;
  });
  if (!indexed) {
    // A newer submission arrived between loading and indexing; its own job pairs the student.
    await recordAnalysisResult(pool, {
      submissionId: sub.id, revision: sub.revision, status: 'analysed', reason: 'superseded by a newer submission', engineVersion: ENGINE_VERSION,
    });
    return { outcome: 'analysed', submissionId: sub.id, analysedId: sub.id, reason: 'superseded by a newer submission', pairing: null };
  }
  const pairing = await pairSubmission(pool, deps.tuning, { sub, scope, analysed, starterHashes: starter, starterContentHashes: starterContent });
  await recordAnalysisResult(pool, { submissionId: sub.id, revision: sub.revision, status, reason, engineVersion: ENGINE_VERSION });
  await enqueueRescore(deps.rescoreQueue, { assignmentId: sub.assignmentId }, scope.key, { debounceMs: deps.tuning.rescoreDebounceMs });
  return { outcome: status, submissionId: sub.id, analysedId: sub.id, reason, pairing };
}

/** skipped + reason when nothing in the submission can be compared; analysed otherwise. */
export function describeOutcome(stored: StoredFile[], analysed: AnalyzedSubmission): { status: 'analysed' | 'skipped'; reason: string | null } {
  if (stored.length === 0) return { status: 'skipped', reason: 'no files' };
  const usable = analysed.files.filter((f) => !f.skipReason && f.tokenCount > 0);
  // Over the file limit the submission is still analysed, on its largest files: say so.
  if (usable.length > 0) {
    const overLimit = analysed.files.some((f) => f.skipReason === FILE_LIMIT_REASON);
    return { status: 'analysed', reason: overLimit ? `compared on its ${MAX_COMPARED_FILES} largest files (it has ${stored.length})` : null };
  }
  const reasons = [...new Set(analysed.files.map((f) => f.skipReason ?? 'empty'))].sort();
  return { status: 'skipped', reason: `all files skipped: ${reasons.join(', ')}` };
}

async function fanOutReanalysis(deps: AnalyzeDeps, data: ReanalyzeJob, jobId: string): Promise<AnalyzeOutcome> {
  const refs = await requeueLatestSubmissions(deps.pool, data.assignmentIds);
  // A suffix per fan-out: an earlier failed job of the same revision must not swallow this one.
  const suffix = `x${jobId.split('-').pop() ?? ''}`;
  for (const ref of refs) await enqueueAnalysis(deps.analyzeQueue, ref, ENGINE_VERSION, suffix);
  deps.log.info({ assignmentIds: data.assignmentIds, reason: data.reason, submissions: refs.length }, 'reanalysis enqueued');
  return { outcome: 'fanned-out', submissions: refs.length };
}

async function markFailed(deps: AnalyzeDeps, submissionId: number, err: unknown, log: Logger): Promise<void> {
  try {
    const sub = await loadSubmissionForAnalysis(deps.pool, submissionId);
    if (!sub) return;
    const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    await recordAnalysisResult(deps.pool, { submissionId, revision: sub.revision, status: 'failed', reason, engineVersion: ENGINE_VERSION });
  } catch (recordErr) {
    log.error({ err: recordErr }, 'could not record the failed analysis');
  }
}

function summarize(result: AnalyzeOutcome): Record<string, unknown> {
  if (result.outcome !== 'analysed' && result.outcome !== 'skipped') return { outcome: result.outcome };
  return {
    outcome: result.outcome,
    analysedId: result.analysedId,
    reason: result.reason,
    candidates: result.pairing?.candidates,
    pairs: result.pairing?.pairs,
  };
}

import type { Job } from 'bullmq';
import type { Logger } from '@crosscheck/config';
import {
  findAssignmentScope, listScopePairs, loadFlagSettings, loadStarterFiles, loadSubmissionFiles, updatePairScores,
  type FlagSettings, type Pool, type ScopePair,
} from '@crosscheck/db';
import type { RescoreJob } from '@crosscheck/queue';
import {
  comparePair, DEFAULT_FLAG_THRESHOLD, DEFAULT_MIN_LONGEST, rankPairs, starterHashes, type AnalyzedSubmission,
} from '@crosscheck/similarity';
import { analyzeStoredFiles, buildScoringContext } from './scoring.js';

export interface RescoreDeps {
  pool: Pool;
  log: Logger;
}

export interface RescoreSummary {
  scope: string;
  pairs: number;
  flagged: number;
}

export async function processRescoreJob(deps: RescoreDeps, job: Job<RescoreJob>): Promise<RescoreSummary> {
  const summary = await rescoreScope(deps.pool, job.data.assignmentId);
  deps.log.info({ jobId: job.id, ...summary }, 'scope rescored');
  return summary;
}

/**
 * Places every pair of the scope against the scope's current background (DESIGN 9): weighted
 * similarity from today's document frequencies, then rankPairs over all pairs together, then
 * the flag from each pair's assignment settings. Verdicts are not touched; similarity is
 * stable and only the analysis changes it.
 */
export async function rescoreScope(pool: Pool, assignmentId: number): Promise<RescoreSummary> {
  const scope = await findAssignmentScope(pool, assignmentId);
  const pairs = await listScopePairs(pool, scope.assignmentIds, scope.activeIds);
  if (pairs.length === 0) return { scope: scope.key, pairs: 0, flagged: 0 };
  const submissionIds = [...new Set(pairs.flatMap((p) => [p.submissionA, p.submissionB]))];
  const [files, starterFiles, settings] = await Promise.all([
    loadSubmissionFiles(pool, submissionIds),
    loadStarterFiles(pool, scope.assignmentIds),
    loadFlagSettings(pool, [...new Set(pairs.map((p) => p.assignmentId))]),
  ]);
  const analysed = new Map<number, AnalyzedSubmission>(submissionIds.map((id) => [id, analyzeStoredFiles(files.get(id) ?? [])]));
  const ctx = await buildScoringContext(pool, scope, starterHashes(starterFiles), analysed.values());
  const evidence = pairs.map((p) => comparePair(analysed.get(p.submissionA)!, analysed.get(p.submissionB)!, ctx));
  const ranks = rankPairs(pairs.map((p, i) => ({
    a: String(p.studentA),
    b: String(p.studentB),
    similarity: evidence[i].similarity,
    weightedSimilarity: evidence[i].weightedSimilarity,
  })));
  const updates = pairs.map((p, i) => ({
    id: p.id,
    weightedSimilarity: evidence[i].weightedSimilarity,
    rankScore: ranks[i],
    flagged: shouldFlag(p, ranks[i], settings.get(p.assignmentId)),
  }));
  await updatePairScores(pool, updates);
  return { scope: scope.key, pairs: pairs.length, flagged: updates.filter((u) => u.flagged).length };
}

/** Flagged: the rank score reaches the assignment's threshold and one shared run is long enough. */
export function shouldFlag(pair: Pick<ScopePair, 'longestTokens'>, rankScore: number, settings?: FlagSettings): boolean {
  const threshold = settings?.flagThreshold ?? DEFAULT_FLAG_THRESHOLD;
  const minLongest = settings?.minLongest ?? DEFAULT_MIN_LONGEST;
  return rankScore >= threshold && pair.longestTokens >= minLongest;
}

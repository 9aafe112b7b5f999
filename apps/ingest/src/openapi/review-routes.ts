import { z } from 'zod';
import { MAX_FRAGMENTS } from '@crosscheck/similarity';
import * as S from '../review/schemas.js';
import { DIFF_LIMITS } from '../review/pair-view.js';
import { ListQuery, bearerErrors, ok, type RouteDoc } from './common.js';

// The pair detail as GET /api/pairs/:id bounds it (review/pair-detail.ts, pair-view.ts): fragments
// stop at the engine's cap, and a diff can be left out, never cut short.
const PairDiff = z.object({
  fileA: z.string().nullable(), fileB: z.string().nullable(),
  patch: z.string().nullable().describe('a unified diff; null when it was not computed'),
  omitted: z.enum(['file_too_large', 'too_many_changes', 'too_many_files', 'timeout']).nullable().describe(
    `why patch is null: file_too_large (over ${DIFF_LIMITS.maxFileChars} characters or ${DIFF_LIMITS.maxFileLines} lines), `
    + `too_many_changes (over ${DIFF_LIMITS.maxEditLines} changed lines), `
    + `too_many_files (past ${DIFF_LIMITS.maxDiffs} diffs or ${DIFF_LIMITS.maxDiffLines} lines in all, or a file beyond the `
    + `${DIFF_LIMITS.maxMatchedFiles} of its side compared by content, so never paired), `
    + `timeout (the response's ${DIFF_LIMITS.timeBudgetMs} ms for diffs ran out); null when patch is set`,
  ),
});
const PairDetail = S.PairDetail.extend({
  fragments: S.PairDetail.shape.fragments.describe(`the ${MAX_FRAGMENTS} longest fragments at most, longest first`),
  fragmentsTotal: z.number().int().describe('how many fragments the pair has in all, listed or not'),
  diffs: z.array(PairDiff).describe('a unified diff per paired file; empty when either side is hidden'),
});

const tag = 'review';
const auth = 'bearer' as const;

/** The review API's routes (routes/review-*.ts). */
export const REVIEW_ROUTES: RouteDoc[] = [
  {
    method: 'get', path: '/api/classrooms/{id}/assignments', operationId: 'listAssignments', tag, auth,
    summary: "A classroom's assignments with submission, analysis and flag counts",
    query: ListQuery, responses: ok('AssignmentSummaryList', S.AssignmentSummaryList), errors: bearerErrors({ input: true }),
  },
  {
    method: 'get', path: '/api/assignments/{id}', operationId: 'getAssignment', tag, auth,
    summary: 'An assignment and its settings (null: the default)',
    responses: ok('Assignment', S.Assignment), errors: bearerErrors(),
  },
  {
    method: 'patch', path: '/api/assignments/{id}', operationId: 'updateAssignment', tag, auth,
    summary: "Change an assignment's flag threshold or minimum longest fragment",
    body: ['AssignmentSettingsPatch', S.AssignmentSettingsPatch], responses: ok('Assignment', S.Assignment),
    errors: bearerErrors({ input: true }),
  },
  {
    method: 'get', path: '/api/assignments/{id}/starter', operationId: 'getStarterCode', tag, auth,
    summary: "An assignment's starter code", responses: ok('StarterFiles', S.StarterFiles), errors: bearerErrors(),
  },
  {
    method: 'put', path: '/api/assignments/{id}/starter', operationId: 'replaceStarterCode', tag, auth,
    summary: 'Replace the starter code; the latest submissions are re-analysed without it',
    body: ['StarterFilesInput', S.StarterFilesInput], responses: ok('StarterFiles', S.StarterFiles),
    errors: bearerErrors({ input: true, unavailable: true }),
  },
  {
    method: 'get', path: '/api/assignments/{id}/pairs', operationId: 'listPairs', tag, auth,
    summary: "An assignment's pairs, filtered and sorted, with both students, scores and verdict",
    query: S.PairListQuery, responses: ok('PairList', S.PairList), errors: bearerErrors({ input: true }),
  },
  {
    method: 'get', path: '/api/assignments/{id}/rings', operationId: 'listCopyRings', tag, auth,
    summary: 'Copy rings: students joined by flagged pairs (connected components), largest first',
    query: ListQuery, responses: ok('RingList', S.RingList), errors: bearerErrors({ input: true }),
  },
  {
    method: 'get', path: '/api/assignments/{id}/export.json', operationId: 'exportPairsJson', tag, auth,
    summary: "Every pair of an assignment as JSON", responses: ok('PairExport', S.PairExport), errors: bearerErrors(),
  },
  {
    method: 'get', path: '/api/assignments/{id}/export.csv', operationId: 'exportPairsCsv', tag, auth,
    summary: 'Every pair of an assignment as CSV (cells that would start a formula are prefixed with an apostrophe)',
    responses: { '200': { description: 'CSV with a header row', schema: ['PairCsv', S.PairExport], contentType: 'text/csv' } },
    errors: bearerErrors(),
  },
  {
    method: 'get', path: '/api/pairs/{id}', operationId: 'getPair', tag, auth,
    summary: "A pair's evidence: both sides' files with numbered fragments, starter regions and a diff per file",
    responses: ok('PairDetail', PairDetail), errors: bearerErrors(),
  },
  {
    method: 'put', path: '/api/pairs/{id}/verdict', operationId: 'setVerdict', tag, auth,
    summary: 'Record a verdict (who and when are kept); a dismissed pair reopens only if its similarity rises',
    body: ['VerdictInput', S.VerdictInput], responses: ok('PairVerdict', S.PairVerdict), errors: bearerErrors({ input: true }),
  },
  {
    method: 'get', path: '/api/submissions/{id}', operationId: 'getSubmission', tag, auth,
    summary: 'A submission with its files and analysis status', responses: ok('Submission', S.Submission), errors: bearerErrors(),
  },
];

import { z } from 'zod';
import { ListQuery } from '../openapi/common.js';

// The review API's request and response shapes, defined once: routes validate requests with
// them and openapi.ts turns them into the document's JSON Schemas.

const Id = z.number().int().positive();
const DateTime = z.iso.datetime();
const Score = z.number().min(0).max(1);
export const VERDICTS = ['open', 'dismissed', 'confirmed'] as const;

// ---- requests ----

/**
 * Scores are Postgres `real` (float4: about 7 significant digits, nothing nonzero below ~1e-45).
 * A score the API stores or compares with one is rounded to 6 decimals, so 1e-46 or 5e-324 is 0
 * rather than a value Postgres refuses ("out of range for type real"), and 0.4500001 is 0.45:
 * finer steps than that would not survive the column anyway.
 */
const SCORE_DECIMALS = 6;
function roundScore(value: number): number {
  const scale = 10 ** SCORE_DECIMALS;
  return Math.round(value * scale) / scale;
}
const ScoreInput = z.number().min(0).max(1).transform(roundScore);

const SCORE_PARAM_RULE = { error: 'a decimal number from 0 to 1, such as 0.45' };
/**
 * A score in a query string: plain decimal digits with an optional fraction. z.coerce (Number())
 * would take '0x1', '1e-1', ' 1' and '' (as 0); anything else stays a string here and fails with
 * the one message, as LimitParam does for limits.
 */
const ScoreParam = z.preprocess(
  (raw) => (typeof raw === 'string' && /^[0-9]+(\.[0-9]+)?$/.test(raw) ? Number(raw) : raw),
  z.number(SCORE_PARAM_RULE).min(0, SCORE_PARAM_RULE).max(1, SCORE_PARAM_RULE).transform(roundScore),
);

export const AssignmentSettingsPatch = z.strictObject({
  flagThreshold: ScoreInput.nullable().optional()
    .describe('rank score at or above which a pair is flagged, rounded to 6 decimals; null restores the default'),
  minLongest: z.number().int().min(0).max(100_000).nullable().optional()
    .describe('minimum longest shared fragment (tokens) for a flag; null restores the default'),
});

export const MAX_STARTER_FILES = 100;
export const StarterFilesInput = z.strictObject({
  files: z.array(z.strictObject({
    name: z.string().min(1).max(255),
    content: z.string().max(1_000_000),
  })).max(MAX_STARTER_FILES)
    .refine((files) => new Set(files.map((f) => f.name)).size === files.length, 'file names must be unique'),
});

export const VerdictInput = z.strictObject({
  verdict: z.enum(VERDICTS),
  note: z.string().max(4000).nullable().optional(),
});

export const PairListQuery = ListQuery.extend({
  flagged: z.enum(['true', 'false']).optional(),
  verdict: z.enum(VERDICTS).optional(),
  minSimilarity: ScoreParam.optional()
    .describe('only pairs at least this similar: a plain decimal number from 0 to 1 (0.45), rounded to 6 decimals'),
  sort: z.enum(['similarity', 'longest', 'newest']).default('similarity')
    .describe('similarity, longest shared fragment, or newest submission; always descending'),
});

// ---- responses ----

const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const AssignmentSummary = z.object({
  id: Id, name: z.string(),
  students: z.number().int(), submissions: z.number().int(), analysed: z.number().int(),
  skipped: z.number().int(), failed: z.number().int(), flaggedPairs: z.number().int(),
});
export const AssignmentSummaryList = listOf(AssignmentSummary);

export const Assignment = z.object({
  id: Id, classroomId: Id, platformId: z.number().int().nullable(), name: z.string(), type: z.string().nullable(),
  flagThreshold: Score.nullable(), minLongest: z.number().int().nullable(), createdAt: DateTime,
  defaults: z.object({ flagThreshold: Score, minLongest: z.number().int() }).describe('what a null setting means'),
});

export const StarterFiles = z.object({
  assignmentId: Id,
  files: z.array(z.object({ name: z.string(), content: z.string(), updatedAt: DateTime })),
});

/** One side of a pair; in a cross-classroom pair a caller without a role on that side sees hidden: true and no name. */
export const PairStudent = z.object({ id: Id, name: z.string().nullable(), hidden: z.boolean() });

export const PairRow = z.object({
  id: Id, assignmentId: Id,
  studentA: PairStudent, studentB: PairStudent, submissionA: Id, submissionB: Id,
  similarity: Score, rankScore: z.number(), longestTokens: z.number().int(), longestLines: z.number().int(),
  overlap: z.number().int(), flagged: z.boolean(), verdict: z.enum(VERDICTS),
  verdictNote: z.string().nullable(), verdictAt: DateTime.nullable(), updatedAt: DateTime,
});
export const PairList = listOf(PairRow);

const Range = z.object({ startLine: z.number().int(), startCol: z.number().int(), endLine: z.number().int(), endCol: z.number().int() });
const NumberedRange = Range.extend({ fragment: z.number().int().positive() });

export const PairFile = z.object({
  name: z.string(), language: z.string(), content: z.string(),
  fragments: z.array(NumberedRange).describe('matched ranges; fragment n has the same number on both sides'),
  starter: z.array(Range).describe('regions that match the assignment\'s starter code'),
});

export const PairSideDetail = z.object({
  student: PairStudent, submissionId: Id, assignmentId: Id,
  files: z.array(PairFile).optional().describe('omitted when hidden'),
});

export const PairVerdict = PairRow.extend({ verdictBy: z.number().int().nullable(), dismissedSimilarity: Score.nullable() });

export const PairDetail = PairVerdict.extend({
  a: PairSideDetail, b: PairSideDetail,
  fragments: z.array(z.object({
    fragment: z.number().int().positive(), tokens: z.number().int(),
    fileA: z.string().nullable(), fileB: z.string().nullable(),
  })),
  diffs: z.array(z.object({ fileA: z.string().nullable(), fileB: z.string().nullable(), patch: z.string() }))
    .describe('a unified diff per paired file; empty when either side is hidden'),
});

export const Ring = z.object({
  size: z.number().int(),
  students: z.array(PairStudent),
  pairIds: z.array(Id),
});
export const RingList = listOf(Ring);

export const PairExport = z.object({
  assignment: z.object({ id: Id, name: z.string() }),
  exportedAt: DateTime,
  pairs: z.array(PairRow),
});

export const Submission = z.object({
  id: Id, status: z.string(), timeSubmitted: DateTime,
  analysisStatus: z.enum(['queued', 'analysed', 'skipped', 'failed']), analysisReason: z.string().nullable(),
  files: z.array(z.object({ name: z.string(), content: z.string() })),
  assignment: z.object({ id: Id, name: z.string() }),
  student: z.object({ id: Id, name: z.string() }),
});

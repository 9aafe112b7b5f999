import { z } from 'zod';
import { toStorableText } from './input.js';

/**
 * The `student_submits_assignment` body, validated leniently: the platform's documentation and
 * its real deliveries differ (integer ids on every object, undocumented statuses, empty files),
 * so ids are optional, unknown fields are kept, and any status string is stored as it comes.
 * The secret is checked before this schema runs, so it is optional here.
 */

// Ids are bigint columns; numeric strings are accepted because some senders quote large ids.
const platformId = z
  .union([
    // int() already stops at 2^53 - 1 (a max() too would report the same id twice).
    z.number().int().nonnegative(),
    // The same range as a number: up to 2^53 - 1, which has 16 digits.
    z.string().refine((v) => /^\d{1,16}$/.test(v) && Number(v) <= Number.MAX_SAFE_INTEGER, 'expected a whole number from 0 to 2^53 - 1'),
  ])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : Number(v)));

// ISO-8601 with a date part. Date.parse rolls a day that does not exist over (2024-02-30 is
// March 1st), so the calendar date is checked too; and the instant, once in UTC, must fall in
// years 1 to 9999, which Postgres reads back from toISOString() (year 0 or a 6-digit year is a
// database error, not a delivery).
export function isIsoDateTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ]/.exec(s);
  const time = readInstant(s);
  if (!m || Number.isNaN(time)) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const calendar = new Date(0);
  calendar.setUTCFullYear(year, month - 1, day);
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return false;
  const utcYear = new Date(time).getUTCFullYear();
  return utcYear >= 1 && utcYear <= 9999;
}

/**
 * The instant a date-time names. One without a UTC offset is read as UTC, not in the server's
 * time zone: the instant is part of the dedupe key, so a retry must map to the same one on every
 * server.
 */
export function readInstant(s: string): number {
  const hasOffset = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/.test(s.replace(/^\d{4}-\d{2}-\d{2}/, ''));
  return Date.parse(hasOffset ? s : `${s}Z`);
}

const isoDate = z.string().refine(isIsoDateTime, 'expected an ISO-8601 date-time');

const optionalText = (max: number) =>
  z.string().max(max).nullish().transform((v) => v ?? undefined);

const fileSchema = z.looseObject({
  name: z.string().min(1).max(1000),
  content: z.string(),
});

export const webhookPayloadSchema = z
  .looseObject({
    event_name: optionalText(200),
    assignment: z.looseObject({
      id: platformId,
      name: z.string().max(1000),
      type: optionalText(200),
    }),
    classroom: z.looseObject({
      id: platformId,
      name: optionalText(1000),
    }),
    submission: z.looseObject({
      id: platformId,
      status: z.string().min(1).max(200),
      time_submitted: isoDate,
      time_created: isoDate.nullish().transform((v) => v ?? undefined),
      teacher_url: optionalText(2000),
      student_url: optionalText(2000),
      files: z.array(fileSchema),
    }),
    student: z.looseObject({
      id: platformId,
      first_name: optionalText(1000),
      last_name: optionalText(1000),
      email: optionalText(320),
    }),
  })
  .superRefine((body, ctx) => {
    if (body.assignment.id === undefined && body.assignment.name.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['assignment', 'name'], message: 'a name is required when the assignment has no id' });
    }
    if (body.student.id === undefined && !body.student.email?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['student', 'email'], message: 'an email is required when the student has no id' });
    }
    // files(submission_id, name) is unique: two entries with one name would make the store fail.
    const seen = new Set<string>();
    body.submission.files.forEach((file, i) => {
      if (seen.has(file.name)) {
        ctx.addIssue({ code: 'custom', path: ['submission', 'files', i, 'name'], message: 'duplicate file name' });
      }
      seen.add(file.name);
    });
  });

export type WebhookPayload = z.output<typeof webhookPayloadSchema>;

export interface FieldProblem {
  path: string;
  message: string;
}

export type PayloadParseResult = { ok: true; payload: WebhookPayload } | { ok: false; problems: FieldProblem[] };

/** Validates a parsed JSON body; on failure lists every failing field as a dotted path. */
export function parseWebhookPayload(body: unknown): PayloadParseResult {
  const parsed = webhookPayloadSchema.safeParse(body);
  if (parsed.success) return { ok: true, payload: parsed.data };
  const problems = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  return { ok: false, problems };
}

/** The body's secret when it is a string; anything else (missing, number, object) counts as missing. */
export function readWebhookSecret(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const classroom = (body as { classroom?: unknown }).classroom;
  if (typeof classroom !== 'object' || classroom === null) return undefined;
  const secret = (classroom as { webhook_secret?: unknown }).webhook_secret;
  return typeof secret === 'string' ? secret : undefined;
}

/** Real deliveries nest four levels deep; anything far deeper is refused before a recursive walk. */
export const MAX_BODY_DEPTH = 64;

/** Whether a parsed JSON value nests objects or arrays more than `max` levels deep; iterative, safe at any depth. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * A copy of the body safe to store or hash: the secret is replaced by its HMAC (so a quarantined
 * body can be matched against a later secret); NUL characters, which Postgres text and jsonb
 * cannot hold, and unpaired UTF-16 surrogates, which the driver turns into U+FFFD on the way
 * (so two file names could become one), become U+FFFD here, before validation sees them.
 * Hashing the raw body instead would let anyone holding the database guess a weak secret offline
 * from the rest of the stored body. Recursive: callers check nestsDeeperThan first.
 */
export function redactWebhookBody(body: unknown, secretHash: string | undefined): unknown {
  const copy = replaceUnstorable(body);
  if (typeof copy === 'object' && copy !== null && !Array.isArray(copy)) {
    const classroom = (copy as Record<string, unknown>).classroom;
    if (typeof classroom === 'object' && classroom !== null && !Array.isArray(classroom)) {
      const c = classroom as Record<string, unknown>;
      delete c.webhook_secret;
      if (secretHash !== undefined) c.webhook_secret_hash = secretHash;
    }
  }
  return copy;
}

function replaceUnstorable(value: unknown): unknown {
  if (typeof value === 'string') return toStorableText(value);
  if (Array.isArray(value)) return value.map(replaceUnstorable);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [replaceUnstorable(k) as string, replaceUnstorable(v)]));
  }
  return value;
}

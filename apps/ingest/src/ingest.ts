import { createHash } from 'node:crypto';
import {
  digestsEqual, findClassroomSecrets, hashSecret, insertSubmission, insertSubmissionFiles, isTombstoned, lockStudentKeys,
  lockSubmissionByDedupeKey, quarantineDelivery, recordDelivery, rememberClassroomPlatformId, updateSubmissionStatus,
  upsertAssignment, upsertStudent, withTransaction, type DeliveryOutcome, type IncomingStudent,
} from '@crosscheck/db';
import { EnqueueTimeoutError, enqueueAnalysis } from '@crosscheck/queue';
import { ENGINE_VERSION } from '@crosscheck/similarity';
import type { AppDeps } from './deps.js';
import { HttpError, NotFoundError, UnauthorizedError, ValidationError } from './errors.js';
import {
  MAX_BODY_DEPTH, nestsDeeperThan, parseWebhookPayload, readInstant, readWebhookSecret, redactWebhookBody, type WebhookPayload,
} from './webhook-payload.js';

export type IngestDeps = Pick<AppDeps, 'config' | 'log' | 'pool' | 'analyzeQueue'>;

export interface IngestOptions {
  /** The caller already matched the secret (re-ingesting a quarantined body after a secret change). */
  secretVerified?: boolean;
  /** Written as the delivery log's reason for stored deliveries, e.g. 'released from quarantine'. */
  note?: string;
}

export interface IngestResult {
  outcome: DeliveryOutcome;
  httpStatus: number;
  reason?: string;
  submissionId?: number;
  /** The submission's revision after this delivery (accepted or status_updated): part of the job id. */
  revision?: number;
  /** The JSON answer for a 2xx outcome. */
  response?: Record<string, unknown>;
  /** The error to answer with for a 4xx outcome (the error middleware formats it). */
  error?: HttpError;
}

const SUBMISSION_EVENT = 'student_submits_assignment';
/** The sender gets its answer after this even when Redis hangs; the worker's sweeper covers the job. */
const ENQUEUE_TIMEOUT_MS = 1000;

/**
 * Handles one webhook delivery end to end: classroom, secret (quarantine when unknown), validation,
 * then one transaction storing student, assignment, submission and files (or recognising a
 * duplicate, a status change or a deleted student), then the analyze job. Every outcome goes to
 * the delivery log. When Postgres cannot be reached the error propagates; the error middleware
 * answers it with a 503 (isDatabaseUnavailable), so the sender retries.
 */
export async function ingestDelivery(
  deps: IngestDeps,
  classroomId: number | null,
  body: unknown,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const { config, pool } = deps;
  const secret = readWebhookSecret(body);
  const secretHash = secret === undefined ? undefined : hashSecret(config.secretPepper, secret);
  // Redacting and hashing walk the body recursively: one nested thousands deep would overflow the
  // stack (a 500). It is refused with a 400 once the secret is checked; nothing of it is kept
  // (its stored form, and so its hash in the delivery log, is that of an empty object).
  const tooDeep = nestsDeeperThan(body, MAX_BODY_DEPTH);
  const stored = tooDeep ? {} : redactWebhookBody(body ?? {}, secretHash);
  const bodySha256 = digestSha256(JSON.stringify(stored));
  const reject = async (id: number | null, error: HttpError, reason: string): Promise<IngestResult> => {
    await recordDelivery(pool, { classroomId: id, outcome: 'rejected', reason, httpStatus: error.status, bodySha256 });
    deps.log.info({ classroomId: id, outcome: 'rejected', reason }, 'delivery rejected');
    return { outcome: 'rejected', httpStatus: error.status, reason, error };
  };

  const classroom = classroomId === null ? null : await findClassroomSecrets(pool, classroomId);
  if (!classroom) return reject(null, new NotFoundError(), 'unknown classroom');

  if (!options.secretVerified) {
    if (secretHash === undefined) return reject(classroom.id, new UnauthorizedError('missing webhook secret'), 'missing secret');
    // Both comparisons always run: which one matched must not show in the timing.
    const current = digestsEqual(secretHash, classroom.secretHash);
    const previous = digestsEqual(secretHash, classroom.previousSecretHash ?? '');
    if (!current && !previous) {
      let reason = 'invalid secret';
      const candidate = parseWebhookPayload(stored);
      if (candidate.ok) {
        // Once the platform's classroom id is known, only bodies naming it are kept: anyone can
        // post well-formed bodies with made-up secrets, and they must not fill the quarantine
        // ahead of the platform's real deliveries during a secret change.
        if (classroom.platformId !== null && candidate.payload.classroom.id !== classroom.platformId) {
          reason = 'invalid secret (not kept: another platform classroom)';
        } else {
          const kept = await quarantineDelivery(pool, { classroomId: classroom.id, secretHash, bodySha256, body: stored });
          reason = kept === 'full' ? 'invalid secret (quarantine full)' : 'invalid secret (quarantined)';
        }
      }
      return reject(classroom.id, new UnauthorizedError('invalid webhook secret'), reason);
    }
  }

  if (tooDeep) {
    const problem = { path: '(body)', message: `nested more than ${MAX_BODY_DEPTH} levels deep` };
    return reject(classroom.id, new ValidationError('invalid webhook body', [problem]), 'validation failed');
  }
  const parsed = parseWebhookPayload(stored);
  if (!parsed.ok) {
    return reject(classroom.id, new ValidationError('invalid webhook body', parsed.problems), 'validation failed');
  }
  const payload = parsed.payload;
  if (payload.event_name !== undefined && payload.event_name !== SUBMISSION_EVENT) {
    // 2xx: the platform would otherwise retry an event we will never handle.
    await recordDelivery(pool, { classroomId: classroom.id, outcome: 'ignored', reason: 'unsupported event', httpStatus: 200, bodySha256 });
    return { outcome: 'ignored', httpStatus: 200, reason: 'unsupported event', response: { ignored: true, reason: 'unsupported event' } };
  }

  const result = await storeDelivery(deps, classroom.id, payload, bodySha256, options.note);
  if (classroom.platformId === null && payload.classroom.id !== undefined && result.outcome !== 'rejected') {
    await rememberClassroomPlatformId(pool, classroom.id, payload.classroom.id);
  }
  deps.log.info({ classroomId: classroom.id, submissionId: result.submissionId, outcome: result.outcome, reason: result.reason }, 'delivery ingested');
  if ((result.outcome === 'accepted' || result.outcome === 'status_updated') && result.submissionId !== undefined) {
    await enqueueWithin(deps, result.submissionId, result.revision ?? 1);
  }
  return result;
}

async function storeDelivery(
  deps: IngestDeps,
  classroomId: number,
  payload: WebhookPayload,
  bodySha256: string,
  note: string | undefined,
): Promise<IngestResult> {
  const { config, pool } = deps;
  const student = toIncomingStudent(payload);
  const timeSubmitted = new Date(readInstant(payload.submission.time_submitted)).toISOString();
  const files = payload.submission.files.map((f) => ({ name: f.name, content: f.content }));
  const contentHash = hashFiles(files);
  const dedupeKey = buildDedupeKey(payload, student, timeSubmitted, contentHash);

  return withTransaction<IngestResult>(pool, async (client) => {
    await lockStudentKeys(client, classroomId, student);
    if (await isTombstoned(client, config.secretPepper, classroomId, student, timeSubmitted)) {
      const reason = 'student deleted';
      await recordDelivery(client, { classroomId, outcome: 'rejected', reason, httpStatus: 200, bodySha256 });
      return { outcome: 'rejected', httpStatus: 200, reason, response: { rejected: true, reason } };
    }
    const studentId = await upsertStudent(client, classroomId, student);
    const assignmentId = await upsertAssignment(client, classroomId, {
      platformId: payload.assignment.id,
      name: payload.assignment.name,
      type: payload.assignment.type,
    });
    const inserted = await insertSubmission(client, {
      classroomId, assignmentId, studentId, dedupeKey, contentHash, timeSubmitted,
      platformId: payload.submission.id,
      status: payload.submission.status,
      timeCreated: payload.submission.time_created ? new Date(payload.submission.time_created).toISOString() : undefined,
      teacherUrl: payload.submission.teacher_url,
      studentUrl: payload.submission.student_url,
    });
    if (inserted) {
      await insertSubmissionFiles(client, inserted.id, files);
      await recordDelivery(client, { classroomId, outcome: 'accepted', reason: note, httpStatus: 202, submissionId: inserted.id, bodySha256 });
      return { outcome: 'accepted', httpStatus: 202, submissionId: inserted.id, revision: inserted.revision, response: { submissionId: inserted.id } };
    }
    const existing = await lockSubmissionByDedupeKey(client, classroomId, dedupeKey);
    if (!existing) throw new Error('submission vanished between conflict and lookup');
    if (existing.status !== payload.submission.status) {
      const revision = await updateSubmissionStatus(client, existing.id, payload.submission.status);
      await recordDelivery(client, { classroomId, outcome: 'status_updated', reason: note, httpStatus: 200, submissionId: existing.id, bodySha256 });
      return { outcome: 'status_updated', httpStatus: 200, submissionId: existing.id, revision, response: { submissionId: existing.id, statusUpdated: true } };
    }
    await recordDelivery(client, { classroomId, outcome: 'duplicate', reason: note, httpStatus: 200, submissionId: existing.id, bodySha256 });
    return { outcome: 'duplicate', httpStatus: 200, submissionId: existing.id, response: { submissionId: existing.id, duplicate: true } };
  });
}

function toIncomingStudent(payload: WebhookPayload): IncomingStudent {
  return {
    platformId: payload.student.id,
    email: payload.student.email?.trim() || undefined,
    firstName: payload.student.first_name?.trim() ?? '',
    lastName: payload.student.last_name?.trim() ?? '',
  };
}

/** sha256 of the files sorted by name: equal for equal content whatever order the files came in. */
export function hashFiles(files: readonly { name: string; content: string }[]): string {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return digestSha256(JSON.stringify(sorted.map((f) => [f.name, f.content])));
}

/**
 * Retries resend the same body and carry no delivery id: with a platform submission id, the key
 * is that id and the submission time; without ids, a hash of who, what and when, but not the
 * status, so a re-sent body with a new status is recognised as the same submission.
 */
export function buildDedupeKey(payload: WebhookPayload, student: IncomingStudent, timeSubmitted: string, contentHash: string): string {
  if (payload.submission.id !== undefined) return `p:${payload.submission.id}:${timeSubmitted}`;
  const who = student.platformId !== undefined ? `pid:${student.platformId}` : `email:${student.email?.toLowerCase() ?? ''}`;
  const what = payload.assignment.id !== undefined ? `pid:${payload.assignment.id}` : `name:${payload.assignment.name.trim()}`;
  return `h:${digestSha256(JSON.stringify([who, what, timeSubmitted, contentHash]))}`;
}

/** Adds the analyze job, giving up after a short wait: the submission is committed and stays 'queued' for the sweeper. */
async function enqueueWithin(deps: IngestDeps, submissionId: number, revision: number): Promise<boolean> {
  try {
    await enqueueAnalysis(deps.analyzeQueue, { submissionId, revision }, ENGINE_VERSION, undefined, ENQUEUE_TIMEOUT_MS);
    return true;
  } catch (err) {
    const message = err instanceof EnqueueTimeoutError ? 'enqueue timed out; the sweeper will pick the submission up' : 'enqueue failed; the sweeper will pick the submission up';
    deps.log.warn({ submissionId, revision, err: { message: (err as Error).message } }, message);
    return false;
  }
}

function digestSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

import { Router, type Response } from 'express';
import {
  findAssignmentRecord, findAssignmentScope, findSubmissionRecord, listClassroomAssignments, listStarterFiles, replaceStarterFiles,
  updateAssignmentSettings, type AssignmentRecord,
} from '@crosscheck/db';
import { DEFAULT_FLAG_THRESHOLD, DEFAULT_MIN_LONGEST } from '@crosscheck/similarity';
import { RESCORE_QUEUE, createQueue, enqueueAssignmentReanalysis, enqueueRescore, type RescoreJob } from '@crosscheck/queue';
import type { AppDeps } from '../deps.js';
import { authenticate, getTeacher, requireClassroomRole, requireResourceRole, parseId } from '../auth.js';
import { NotFoundError, UnavailableError } from '../errors.js';
import { decodeCursor, isPositiveInt, readLimit, toPage } from '../pagination.js';
import { AssignmentSettingsPatch, StarterFilesInput } from '../review/schemas.js';
import { parseInput } from '../review/validate.js';
import { parseJsonBody } from '../input.js';

/**
 * Runs an enqueue after the change was stored. Nothing else would redo that work (the sweeper
 * only sees queued submissions), so a failure is a 503: the request is idempotent, retry it.
 */
async function enqueueOr503(res: Response, assignmentId: number, message: string, enqueue: () => Promise<unknown>): Promise<void> {
  try {
    await enqueue();
  } catch (err) {
    res.locals.log?.warn({ err: { message: (err as Error).message }, assignmentId }, 'follow-up job not queued');
    throw new UnavailableError(message);
  }
}

/** A classroom's assignments with counts, an assignment's settings and starter code, one submission. */
export function createReviewAssignmentsRouter(deps: AppDeps): Router {
  const router = Router();
  const auth = authenticate(deps);
  // Bodies are parsed after authentication, so an anonymous caller cannot make us parse megabytes.
  const json = parseJsonBody('64kb');
  const starterJson = parseJsonBody(deps.config.maxBodyBytes);
  // The rescore queue shares the app's producer connection; it holds no connection of its own to close.
  const rescoreQueue = createQueue<RescoreJob>(RESCORE_QUEUE, deps.redis, deps.config.queuePrefix, deps.log);

  router.get('/classrooms/:id/assignments', auth, async (req, res) => {
    await requireClassroomRole(deps, getTeacher(res).id, req.params.id, 'assistant');
    const limit = readLimit(req.query.limit);
    const afterId = decodeCursor(req.query.cursor, isPositiveInt) ?? 0;
    const rows = await listClassroomAssignments(deps.pool, parseId(req.params.id), { afterId, limit: limit + 1 });
    res.json(toPage(rows, limit, (a) => a.id, (a) => a));
  });

  const presentAssignment = (assignment: AssignmentRecord | null) => {
    // Deleted between the access check and this read: the same answer as never existing.
    if (!assignment) throw new NotFoundError();
    return { ...assignment, defaults: { flagThreshold: DEFAULT_FLAG_THRESHOLD, minLongest: DEFAULT_MIN_LONGEST } };
  };

  router.get('/assignments/:id', auth, async (req, res) => {
    const { id } = await requireResourceRole(deps, getTeacher(res).id, 'assignment', req.params.id, 'assistant');
    res.json(presentAssignment(await findAssignmentRecord(deps.pool, id)));
  });

  router.patch('/assignments/:id', auth, json, async (req, res) => {
    const { id } = await requireResourceRole(deps, getTeacher(res).id, 'assignment', req.params.id, 'assistant');
    const patch = parseInput(AssignmentSettingsPatch, req.body, 'body');
    const updated = presentAssignment(await updateAssignmentSettings(deps.pool, id, patch));
    // Flags follow the settings: the worker's rescore recomputes them for the whole scope.
    const scope = await findAssignmentScope(deps.pool, id);
    await enqueueOr503(res, id, 'settings saved, but the rescore could not be queued: retry', () =>
      enqueueRescore(rescoreQueue, { assignmentId: id }, scope.key));
    res.json(updated);
  });

  router.get('/assignments/:id/starter', auth, async (req, res) => {
    const { id } = await requireResourceRole(deps, getTeacher(res).id, 'assignment', req.params.id, 'assistant');
    res.json({ assignmentId: id, files: await listStarterFiles(deps.pool, id) });
  });

  router.put('/assignments/:id/starter', auth, starterJson, async (req, res) => {
    const { id } = await requireResourceRole(deps, getTeacher(res).id, 'assignment', req.params.id, 'assistant');
    const { files } = parseInput(StarterFilesInput, req.body, 'body');
    const stored = await replaceStarterFiles(deps.pool, id, files);
    // Starter code changes what counts as overlap: the worker re-analyses the latest submissions.
    // Nothing marks them for the sweeper until that job runs, so a failed enqueue is a 503: the
    // PUT is idempotent and the client retries it.
    await enqueueOr503(res, id, 'starter code saved, but its re-analysis could not be queued: retry', () =>
      enqueueAssignmentReanalysis(deps.analyzeQueue, [id], 'starter-changed'));
    res.json({ assignmentId: id, files: stored });
  });

  router.get('/submissions/:id', auth, async (req, res) => {
    const { id } = await requireResourceRole(deps, getTeacher(res).id, 'submission', req.params.id, 'assistant');
    const submission = await findSubmissionRecord(deps.pool, id);
    if (!submission) throw new NotFoundError();
    const { classroomId: _classroomId, ...body } = submission;
    res.json(body);
  });

  return router;
}

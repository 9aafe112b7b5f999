import { Router } from 'express';
import { deleteStudent, findAssignmentScope, getStudentTimeline } from '@crosscheck/db';
import { RESCORE_QUEUE, createQueue, enqueueRescore, type RescoreJob } from '@crosscheck/queue';
import type { AppDeps } from '../deps.js';
import { authenticate, getTeacher, requireResourceRole } from '../auth.js';
import { NotFoundError } from '../errors.js';

/** A student's timeline, and deleting a student's data (owners only) behind a tombstone. */
export function createStudentsRouter(deps: AppDeps): Router {
  const router = Router();
  const auth = authenticate(deps);
  // Shares the app's producer connection; it holds no connection of its own to close.
  const rescoreQueue = createQueue<RescoreJob>(RESCORE_QUEUE, deps.redis, deps.config.queuePrefix, deps.log);

  router.get('/students/:id', auth, async (req, res) => {
    const { id } = await requireResourceRole(deps, getTeacher(res).id, 'student', req.params.id, 'assistant');
    const timeline = await getStudentTimeline(deps.pool, id);
    if (!timeline) throw new NotFoundError();
    res.json(timeline);
  });

  router.delete('/students/:id', auth, async (req, res) => {
    const { id } = await requireResourceRole(deps, getTeacher(res).id, 'student', req.params.id, 'owner');
    const deleted = await deleteStudent(deps.pool, deps.config.secretPepper, id);
    if (!deleted) throw new NotFoundError();
    res.locals.log.info({ studentId: id, classroomId: deleted.classroomId }, 'student deleted');
    // Their fingerprints left the document frequencies, so the remaining pairs' background scores
    // and flags are stale. Best effort: the deletion is committed and a retried DELETE would 404,
    // so a dead Redis must not fail it; the next analysis in the scope rescores it anyway.
    try {
      const scopes = await Promise.all(deleted.assignmentIds.map((a) => findAssignmentScope(deps.pool, a)));
      const byKey = new Map(scopes.map((s, i) => [s.key, deleted.assignmentIds[i]]));
      await Promise.all([...byKey].map(([key, assignmentId]) => enqueueRescore(rescoreQueue, { assignmentId }, key)));
    } catch (err) {
      res.locals.log.warn({ studentId: id, err: { message: (err as Error).message } }, 'rescore after deletion not queued');
    }
    res.status(204).end();
  });

  return router;
}

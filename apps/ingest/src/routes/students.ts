import { Router } from 'express';
import { deleteStudent, getStudentTimeline } from '@crosscheck/db';
import type { AppDeps } from '../deps.js';
import { authenticate, getTeacher, requireResourceRole } from '../auth.js';
import { NotFoundError } from '../errors.js';

/** A student's timeline, and deleting a student's data (owners only) behind a tombstone. */
export function createStudentsRouter(deps: AppDeps): Router {
  const router = Router();
  const auth = authenticate(deps);

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
    res.status(204).end();
  });

  return router;
}

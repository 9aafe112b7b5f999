import { Router, type RequestHandler } from 'express';
import { buildWebhookUrl, digestsEqual, hashSecret, registerClassroom, registerTeacher } from '@crosscheck/db';
import type { AppDeps } from '../deps.js';
import { UnauthorizedError } from '../errors.js';
import { parseJsonBody } from '../input.js';
import { AdminClassroomInput, AdminTeacherInput } from '../openapi/webhook-routes.js';
import { parseInput } from '../review/validate.js';

/**
 * Operator routes (creating classrooms and teachers without the CLI). They exist only when
 * ADMIN_TOKEN is set: with no token configured every /admin path is an ordinary 404, so there
 * is no default credential to guess.
 */
export function createAdminRouter(deps: AppDeps): Router {
  const router = Router();
  const adminToken = deps.config.adminToken;
  if (!adminToken) return router;
  // Comparing HMACs gives equal lengths, so the comparison time says nothing about the token.
  const expected = hashSecret(deps.config.secretPepper, adminToken);

  const requireAdmin: RequestHandler = (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const given = hashSecret(deps.config.secretPepper, match?.[1]?.trim() ?? '');
    if (!match || !digestsEqual(given, expected)) throw new UnauthorizedError();
    next();
  };

  router.use(requireAdmin, parseJsonBody('64kb'));

  router.post('/classrooms', async (req, res) => {
    const input = parseInput(AdminClassroomInput, req.body, 'body');
    const created = await registerClassroom(deps.pool, deps.config.secretPepper, input);
    res.locals.log.info({ classroomId: created.classroomId, teacherId: created.teacherId }, 'classroom created by admin');
    res.status(201).json({
      classroomId: created.classroomId,
      teacherId: created.teacherId,
      webhookUrl: buildWebhookUrl(deps.config.publicUrl, created.classroomId),
      apiToken: created.apiToken,
    });
  });

  router.post('/teachers', async (req, res) => {
    const input = parseInput(AdminTeacherInput, req.body, 'body');
    const created = await registerTeacher(deps.pool, deps.config.secretPepper, input);
    res.locals.log.info({ teacherId: created.teacherId }, 'teacher created by admin');
    res.status(201).json({ teacherId: created.teacherId, apiToken: created.apiToken });
  });

  return router;
}

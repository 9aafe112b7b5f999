import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { buildWebhookUrl, digestsEqual, hashSecret, registerClassroom, registerTeacher } from '@crosscheck/db';
import type { AppDeps } from '../deps.js';
import { UnauthorizedError, ValidationError } from '../errors.js';
import { parseJsonBody } from '../input.js';

const classroomBody = z.object({
  name: z.string().trim().min(1).max(200),
  secret: z.string().min(1).max(1024),
  teacherName: z.string().trim().min(1).max(200).optional(),
  teacherEmail: z.string().trim().min(3).max(320).optional(),
});

const teacherBody = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().min(3).max(320).optional(),
  isAdmin: z.boolean().optional(),
});

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
    throw new ValidationError('invalid request body', details);
  }
  return parsed.data;
}

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
    const input = parseBody(classroomBody, req.body);
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
    const input = parseBody(teacherBody, req.body);
    const created = await registerTeacher(deps.pool, deps.config.secretPepper, input);
    res.locals.log.info({ teacherId: created.teacherId }, 'teacher created by admin');
    res.status(201).json({ teacherId: created.teacherId, apiToken: created.apiToken });
  });

  return router;
}

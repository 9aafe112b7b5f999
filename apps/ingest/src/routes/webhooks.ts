import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { recordDelivery } from '@crosscheck/db';
import type { AppDeps } from '../deps.js';
import { ingestDelivery } from '../ingest.js';

/** Classroom ids are bigserial numbers; anything else names no classroom (404, never a 500). */
export function parseClassroomId(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9]\d{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

export function createWebhookRouter(deps: AppDeps): Router {
  const router = Router();
  // Any content type is read as JSON: senders differ, and a body that is not JSON gets a clear 400.
  const readJson = express.json({ limit: deps.config.maxBodyBytes, type: () => true });

  const handle: RequestHandler = async (req, res) => {
    const classroomId = parseClassroomId(req.params.classroomId);
    const result = await ingestDelivery({ ...deps, log: res.locals.log ?? deps.log }, classroomId, req.body);
    if (result.error) throw result.error;
    res.status(result.httpStatus).json(result.response ?? {});
  };

  // Bodies too large or not JSON never reach the handler; they are still deliveries to account for.
  const logUnreadable: ErrorRequestHandler = async (err, req, res, next) => {
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large' || e.type === 'entity.parse.failed' || e.type === 'encoding.unsupported') {
      const reason = e.type === 'entity.too.large' ? 'body too large' : 'unreadable body';
      try {
        await recordDelivery(deps.pool, {
          classroomId: parseClassroomId(req.params.classroomId),
          outcome: 'rejected',
          reason,
          httpStatus: e.status ?? 400,
        });
      } catch (logErr) {
        (res.locals.log ?? deps.log).warn({ err: { message: (logErr as Error).message } }, 'could not record a rejected delivery');
      }
    }
    next(err);
  };

  router.post('/replit/:classroomId', readJson, handle, logUnreadable);
  return router;
}

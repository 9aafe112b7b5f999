import { Router } from 'express';
import { deleteClassroom, listDeliveryLog, rotateClassroomSecret } from '@crosscheck/db';
import type { AppDeps } from '../deps.js';
import { authenticate, getTeacher, requireResourceRole } from '../auth.js';
import { NotFoundError } from '../errors.js';
import { parseJsonBody } from '../input.js';
import { SecretInput } from '../openapi/account-routes.js';
import { parseInput } from '../review/validate.js';
import { decodeCursor, queryAfterCursor, readLimit, toPage } from '../pagination.js';
import { recoverQuarantinedDeliveries } from '../secret-recovery.js';

// Postgres's text form of a timestamptz, as the delivery log's cursor carries it.
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

function isDeliveryKey(value: unknown): value is [string, number] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && PG_TIMESTAMP.test(value[0])
    && Number.isSafeInteger(value[1]) && value[1] > 0;
}

/** Webhook settings (owners and assistants, as on the platform), the delivery log, and deleting a classroom. */
export function createClassroomSettingsRouter(deps: AppDeps): Router {
  const router = Router();
  const auth = authenticate(deps);
  // Parsed per route, after authentication: an anonymous caller cannot make us read a body.
  const json = parseJsonBody('64kb');

  router.put('/classrooms/:id/secret', auth, json, async (req, res) => {
    const { id } = await requireResourceRole(deps, getTeacher(res).id, 'classroom', req.params.id, 'assistant');
    const { secret } = parseInput(SecretInput, req.body, 'body');
    const rotated = await rotateClassroomSecret(deps.pool, deps.config.secretPepper, id, secret, deps.config.secretGraceMinutes);
    if (!rotated) throw new NotFoundError();
    // Deliveries the platform already sent with this secret (refreshed there first) were kept; take them in now.
    const recoveredDeliveries = await recoverQuarantinedDeliveries(deps, id, secret);
    res.locals.log.info({ classroomId: id, recoveredDeliveries }, rotated.changed ? 'webhook secret rotated' : 'webhook secret unchanged');
    res.json({ rotatedAt: rotated.rotatedAt, previousValidUntil: rotated.previousValidUntil, recoveredDeliveries });
  });

  router.get('/classrooms/:id/deliveries', auth, async (req, res) => {
    const { id } = await requireResourceRole(deps, getTeacher(res).id, 'classroom', req.params.id, 'assistant');
    const limit = readLimit(req.query.limit);
    const before = decodeCursor(req.query.cursor, isDeliveryKey);
    const rows = await queryAfterCursor(before, () => listDeliveryLog(deps.pool, id, { before, limit: limit + 1 }));
    res.json(toPage(rows, limit, (r) => r.sortKey, ({ sortKey: _key, ...entry }) => entry));
  });

  router.delete('/classrooms/:id', auth, async (req, res) => {
    const { id } = await requireResourceRole(deps, getTeacher(res).id, 'classroom', req.params.id, 'owner');
    if (!(await deleteClassroom(deps.pool, id))) throw new NotFoundError();
    res.locals.log.info({ classroomId: id }, 'classroom deleted');
    res.status(204).end();
  });

  return router;
}

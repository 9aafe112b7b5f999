import { Router } from 'express';
import {
  createComparisonGroup, deleteComparisonGroup, findAssignmentRoles, findComparisonGroup, findGroupRoles,
  requeueLatestSubmissions, type AssignmentRole, type ComparisonGroup, type GroupLinkKind,
} from '@crosscheck/db';
import { enqueueAssignmentReanalysis, enqueueRescore, RESCORE_QUEUE, createQueue, type RescoreJob } from '@crosscheck/queue';
import type { AppDeps } from '../deps.js';
import { authenticate, getTeacher, parseId } from '../auth.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { parseJsonBody } from '../input.js';
import { GroupInput } from '../openapi/group-routes.js';
import { parseInput } from '../review/validate.js';

interface Link { id: number; kind: GroupLinkKind }

/** `{ assignments: [{ id, kind? }] }`: at least two distinct assignments, at least one active. */
export function readGroupLinks(raw: unknown): Link[] {
  return parseInput(GroupInput, raw, 'body').assignments.map((l) => ({ id: l.id, kind: l.kind ?? 'active' }));
}

/**
 * Only an owner of every classroom involved links or unlinks (issue 4 item 1). A classroom the
 * caller has no role in answers like a missing id (404); one they only assist in is 403.
 */
function requireOwnerOfAll(roles: AssignmentRole[], expected: number): void {
  if (roles.length < expected || roles.some((r) => r.role === null)) throw new NotFoundError();
  if (roles.some((r) => r.role !== 'owner')) throw new ForbiddenError('linking assignments needs the owner role in every classroom involved');
}

/** A group as one caller sees it: names only for assignments of classrooms where they have a role. */
function presentGroup(group: ComparisonGroup, roles: AssignmentRole[]): Record<string, unknown> {
  const visible = new Set(roles.filter((r) => r.role !== null).map((r) => r.classroomId));
  return {
    id: group.id,
    createdAt: group.createdAt,
    assignments: group.assignments.map((a) => ({
      id: a.id, kind: a.kind, classroomId: a.classroomId, name: visible.has(a.classroomId) ? a.name : null,
    })),
  };
}

/** Comparison groups (issue 4 item 3): link assignments so their submissions are compared. */
export function createGroupsRouter(deps: AppDeps): Router {
  const router = Router();
  const auth = authenticate(deps);
  const json = parseJsonBody('64kb');
  // Shares the app's producer connection; it holds no connection of its own to close.
  const rescoreQueue = createQueue<RescoreJob>(RESCORE_QUEUE, deps.redis, deps.config.queuePrefix, deps.log);

  router.post('/groups', auth, json, async (req, res) => {
    const teacher = getTeacher(res);
    const links = readGroupLinks(req.body);
    requireOwnerOfAll(await findAssignmentRoles(deps.pool, teacher.id, links.map((l) => l.id)), links.length);
    const groupId = await createComparisonGroup(deps.pool, teacher.id, links);
    if (groupId === null) throw new ConflictError('an assignment belongs to at most one comparison group; one of these is already linked');
    // Backfill: the active assignments' latest submissions are marked queued first (durable, the
    // sweeper's safety net), then one fan-out job re-analyses them against the whole group.
    const active = links.filter((l) => l.kind === 'active').map((l) => l.id);
    const requeued = await requeueLatestSubmissions(deps.pool, active);
    try {
      await enqueueAssignmentReanalysis(deps.analyzeQueue, active, 'group-linked');
    } catch (err) {
      res.locals.log.warn({ groupId, err: { message: (err as Error).message } }, 'group backfill not queued; the sweeper will');
    }
    res.locals.log.info({ groupId, assignments: links.length, requeued: requeued.length }, 'comparison group created');
    const group = await findComparisonGroup(deps.pool, groupId);
    res.status(201).json(presentGroup(group!, await findGroupRoles(deps.pool, teacher.id, groupId)));
  });

  router.get('/groups/:id', auth, async (req, res) => {
    const id = parseId(req.params.id);
    const roles = await findGroupRoles(deps.pool, getTeacher(res).id, id);
    if (!roles.some((r) => r.role !== null)) throw new NotFoundError();
    const group = await findComparisonGroup(deps.pool, id);
    if (!group) throw new NotFoundError();
    res.json(presentGroup(group, roles));
  });

  router.delete('/groups/:id', auth, async (req, res) => {
    const id = parseId(req.params.id);
    const roles = await findGroupRoles(deps.pool, getTeacher(res).id, id);
    if (!roles.some((r) => r.role !== null)) throw new NotFoundError();
    requireOwnerOfAll(roles, roles.length);
    const assignmentIds = await deleteComparisonGroup(deps.pool, id);
    res.locals.log.info({ groupId: id }, 'comparison group deleted');
    // Each assignment is its own scope again: its backgrounds and flags are stale. Best effort,
    // as the group is gone and a retried DELETE would 404; the next analysis rescores anyway.
    try {
      await Promise.all(assignmentIds.map((a) => enqueueRescore(rescoreQueue, { assignmentId: a }, `a${a}`)));
    } catch (err) {
      res.locals.log.warn({ groupId: id, err: { message: (err as Error).message } }, 'rescore after unlinking not queued');
    }
    res.status(204).end();
  });

  return router;
}

import { Router } from 'express';
import {
  buildWebhookUrl, createClassroomWithOwner, getTeacher as findTeacher, getTeacherClassroom, issueToken, listMembers,
  listTeacherClassrooms, listTokens, removeMember, revokeToken, setMember, type MemberKey, type TeacherClassroom,
} from '@crosscheck/db';
import type { AppDeps } from '../deps.js';
import { authenticate, getTeacher, parseId, requireClassroomRole } from '../auth.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { parseJsonBody } from '../input.js';
import { ClassroomInput, MemberInput, TokenInput } from '../openapi/account-routes.js';
import { decodeCursor, isPositiveInt, readLimit, toPage } from '../pagination.js';
import { parseInput } from '../review/validate.js';
import { createClassroomSettingsRouter } from './classroom-settings.js';
import { createStudentsRouter } from './students.js';

function isMemberKey(value: unknown): value is MemberKey {
  return Array.isArray(value) && value.length === 2 && (value[0] === 'owner' || value[0] === 'assistant') && isPositiveInt(value[1]);
}

function presentClassroom(deps: AppDeps, c: TeacherClassroom) {
  return { ...c, webhookUrl: buildWebhookUrl(deps.config.publicUrl, c.id) };
}

/** The caller's account, tokens, classrooms and their members. Every route needs a token. */
export function createAccountsRouter(deps: AppDeps): Router {
  const router = Router();
  const auth = authenticate(deps);
  // Parsed per route, after authentication: an anonymous caller cannot make us read a body.
  const json = parseJsonBody('64kb');

  router.get('/me', auth, async (_req, res) => {
    const caller = getTeacher(res);
    const teacher = await findTeacher(deps.pool, caller.id);
    if (!teacher) throw new NotFoundError();
    res.json({ ...teacher, tokenId: caller.tokenId });
  });

  router.get('/tokens', auth, async (req, res) => {
    const limit = readLimit(req.query.limit);
    const beforeId = decodeCursor(req.query.cursor, isPositiveInt);
    const rows = await listTokens(deps.pool, getTeacher(res).id, { beforeId, limit: limit + 1 });
    res.json(toPage(rows, limit, (t) => t.id, (t) => t));
  });

  router.post('/tokens', auth, json, async (req, res) => {
    const label = parseInput(TokenInput, req.body, 'body').label ?? '';
    const { id, token } = await issueToken(deps.pool, deps.config.secretPepper, getTeacher(res).id, label);
    res.status(201).json({ id, label, token });
  });

  router.delete('/tokens/:id', auth, async (req, res) => {
    // Someone else's token answers like a missing one.
    if (!(await revokeToken(deps.pool, getTeacher(res).id, parseId(req.params.id)))) throw new NotFoundError();
    res.status(204).end();
  });

  router.get('/classrooms', auth, async (req, res) => {
    const limit = readLimit(req.query.limit);
    const afterId = decodeCursor(req.query.cursor, isPositiveInt);
    const rows = await listTeacherClassrooms(deps.pool, getTeacher(res).id, { afterId, limit: limit + 1 });
    res.json(toPage(rows, limit, (c) => c.id, (c) => presentClassroom(deps, c)));
  });

  router.post('/classrooms', auth, json, async (req, res) => {
    const { name, secret, platformId } = parseInput(ClassroomInput, req.body, 'body');
    const { id } = await createClassroomWithOwner(deps.pool, deps.config.secretPepper, {
      name, secret, platformId: platformId ?? undefined, ownerId: getTeacher(res).id,
    });
    res.status(201).json({ classroomId: id, webhookUrl: buildWebhookUrl(deps.config.publicUrl, id) });
  });

  router.get('/classrooms/:id', auth, async (req, res) => {
    const teacherId = getTeacher(res).id;
    await requireClassroomRole(deps, teacherId, req.params.id, 'assistant');
    const classroom = await getTeacherClassroom(deps.pool, teacherId, parseId(req.params.id));
    if (!classroom) throw new NotFoundError();
    res.json(presentClassroom(deps, classroom));
  });

  router.get('/classrooms/:id/members', auth, async (req, res) => {
    await requireClassroomRole(deps, getTeacher(res).id, req.params.id, 'assistant');
    const limit = readLimit(req.query.limit);
    const after = decodeCursor(req.query.cursor, isMemberKey);
    const rows = await listMembers(deps.pool, parseId(req.params.id), { after, limit: limit + 1 });
    res.json(toPage(rows, limit, (m): MemberKey => [m.role, m.teacherId], (m) => m));
  });

  router.post('/classrooms/:id/members', auth, json, async (req, res) => {
    await requireClassroomRole(deps, getTeacher(res).id, req.params.id, 'owner');
    const { teacherId, role } = parseInput(MemberInput, req.body, 'body');
    const outcome = await setMember(deps.pool, parseId(req.params.id), teacherId, role);
    if (outcome === 'no_teacher') throw new NotFoundError();
    if (outcome === 'last_owner') throw new ConflictError('a classroom keeps at least one owner');
    res.status(outcome === 'added' ? 201 : 200).json({ teacherId, role });
  });

  router.delete('/classrooms/:id/members/:teacherId', auth, async (req, res) => {
    await requireClassroomRole(deps, getTeacher(res).id, req.params.id, 'owner');
    const outcome = await removeMember(deps.pool, parseId(req.params.id), parseId(req.params.teacherId));
    if (outcome === 'not_member') throw new NotFoundError();
    if (outcome === 'last_owner') throw new ConflictError('a classroom keeps at least one owner');
    res.status(204).end();
  });

  router.use(createClassroomSettingsRouter(deps));
  router.use(createStudentsRouter(deps));
  return router;
}

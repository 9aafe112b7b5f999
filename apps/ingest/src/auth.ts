import type { RequestHandler, Response } from 'express';
import { findResourceRoles, findTeacherByToken, type ClassroomRole, type ResourceKind } from '@crosscheck/db';
import type { AppDeps } from './deps.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from './errors.js';

/** The authenticated caller, set on res.locals.teacher by authenticate(). */
export interface AuthTeacher {
  id: number;
  tokenId: number;
  isAdmin: boolean;
}

export type MinRole = ClassroomRole;

export interface ResourceAccess {
  id: number;
  /** The classroom through which the caller reached the resource. */
  classroomId: number;
  role: ClassroomRole;
  /** Every classroom of the resource (two for a cross-classroom pair) with the caller's role there. */
  classrooms: { classroomId: number; role: ClassroomRole | null }[];
}

// RFC 6750 b64token; our tokens are `cct_` + base64url, but any well-formed token is looked up.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const NUMERIC_ID = /^[1-9][0-9]{0,15}$/;

/**
 * Bearer token -> res.locals.teacher. Missing, malformed, unknown and revoked tokens all answer
 * the same 401, so a caller learns nothing about which tokens exist. Runs the lookup once per
 * request even when several routers apply it.
 */
export function authenticate(deps: AppDeps): RequestHandler {
  return async (req, res, next) => {
    if (res.locals.teacher) return next();
    const match = BEARER.exec(req.headers.authorization ?? '');
    if (!match) throw new UnauthorizedError();
    const owner = await findTeacherByToken(deps.pool, deps.config.secretPepper, match[1]);
    if (!owner) throw new UnauthorizedError();
    const teacher: AuthTeacher = { id: owner.teacherId, tokenId: owner.tokenId, isAdmin: owner.isAdmin };
    res.locals.teacher = teacher;
    next();
  };
}

/** The caller set by authenticate(); a route that forgot it fails closed. */
export function getTeacher(res: Response): AuthTeacher {
  const teacher = res.locals.teacher as AuthTeacher | undefined;
  if (!teacher) throw new UnauthorizedError();
  return teacher;
}

/** URL ids are positive integers; anything else is a resource that cannot exist: the same 404. */
export function parseId(raw: unknown): number {
  const s = String(raw ?? '');
  if (!NUMERIC_ID.test(s)) throw new NotFoundError();
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new NotFoundError();
  return n;
}

function satisfies(role: ClassroomRole | null, min: MinRole): boolean {
  return role === 'owner' || (role === 'assistant' && min === 'assistant');
}

/**
 * The one access check every route goes through: maps the resource to its classroom(s) and the
 * caller's role there. No role (or no resource, or a malformed id) -> the same NotFoundError;
 * a role too weak for the action on a resource the caller can see -> ForbiddenError.
 * A pair spanning two classrooms is reachable through either side.
 */
export async function requireResourceRole(
  deps: AppDeps,
  teacherId: number,
  kind: ResourceKind,
  rawId: unknown,
  minRole: MinRole,
): Promise<ResourceAccess> {
  const id = parseId(rawId);
  const classrooms = await findResourceRoles(deps.pool, teacherId, kind, id);
  const visible = classrooms.filter((c) => c.role !== null);
  if (visible.length === 0) throw new NotFoundError();
  const allowed = visible.find((c) => satisfies(c.role, minRole));
  if (!allowed) throw new ForbiddenError(`this action needs the ${minRole} role`);
  return { id, classroomId: allowed.classroomId, role: allowed.role as ClassroomRole, classrooms };
}

export async function requireClassroomRole(
  deps: AppDeps,
  teacherId: number,
  classroomId: unknown,
  minRole: MinRole,
): Promise<ClassroomRole> {
  return (await requireResourceRole(deps, teacherId, 'classroom', classroomId, minRole)).role;
}

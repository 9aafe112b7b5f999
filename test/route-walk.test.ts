import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Router } from 'express';
import { createApiRouter } from '../apps/ingest/src/routes/api.js';
import { buildDelivery, createApiFixture, type ApiFixture } from './support/api-fixture.js';

// Issue 4 Must-show: every API route, found by walking the routers Express actually serves (not a
// hand-kept list), is called with no token, a revoked token, and the token of a teacher who owns
// another classroom. The answers are 401, 401 and 404, and each 404 is byte for byte the answer
// for an id that does not exist.

interface ApiRoute { method: string; path: string }

/** Routes of the /api router and of the routers mounted in it at '/'. */
function listRoutes(router: Router, prefix = '/api'): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const layer of (router as unknown as { stack: any[] }).stack) {
    if (layer.route) {
      const paths = ([] as string[]).concat(layer.route.path);
      for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
        for (const path of paths) routes.push({ method, path: prefix + path });
      }
    } else if (layer.handle?.stack) {
      // A sub-router mounted under a path would hide that path from this walk: fail loudly instead.
      if (!layer.slash) throw new Error(`a router is mounted under a path in /api (${String(layer.rawPath)}); extend listRoutes`);
      routes.push(...listRoutes(layer.handle, prefix));
    }
  }
  return routes;
}

// Routes that answer about the caller only, and the public document: no resource id to hide.
const PUBLIC = new Set(['get /api/openapi.json']);
const NOT_SCOPED = new Set(['get /api/me', 'get /api/tokens', 'post /api/tokens', 'get /api/classrooms', 'post /api/classrooms']);
const MISSING_ID = '987654321';

let f: ApiFixture;
let routes: ApiRoute[];
let owner: { id: number; token: string; tokenId: number };
let outsider: { id: number; token: string; tokenId: number };
let revoked: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  f = await createApiFixture();
  routes = listRoutes(createApiRouter(f.deps));
  owner = await f.addTeacher('Owner');
  outsider = await f.addTeacher('Outsider');
  await f.addClassroom(outsider.id, 'outsider-secret', 'Outsider class');
  const gone = await f.addTeacher('Gone');
  await request(f.app).delete(`/api/tokens/${gone.tokenId}`).set('Authorization', `Bearer ${gone.token}`).expect(204);
  revoked = gone.token;

  ids.classroom = await f.addClassroom(owner.id, 'owner-secret', 'Owner class');
  const one = await request(f.app).post(`/webhooks/replit/${ids.classroom}`).send(buildDelivery({ secret: 'owner-secret', studentId: 1, submissionId: 11 })).expect(202);
  const two = await request(f.app).post(`/webhooks/replit/${ids.classroom}`).send(buildDelivery({ secret: 'owner-secret', studentId: 2, submissionId: 12 })).expect(202);
  const row = async (sql: string, params: unknown[]) => (await f.db.pool.query(sql, params)).rows[0];
  await request(f.app).post(`/webhooks/replit/${ids.classroom}`)
    .send(buildDelivery({ secret: 'owner-secret', studentId: 1, submissionId: 13, assignmentId: 7002 })).expect(202);
  const sub = await row('SELECT assignment_id, student_id FROM submissions WHERE id = $1', [one.body.submissionId]);
  const other = await row('SELECT student_id FROM submissions WHERE id = $1', [two.body.submissionId]);
  ids.assignment = sub.assignment_id;
  ids.otherAssignment = (await row('SELECT id FROM assignments WHERE classroom_id = $1 AND id <> $2', [ids.classroom, ids.assignment])).id;
  ids.student = sub.student_id;
  ids.submission = one.body.submissionId;
  const [a, b] = [[sub.student_id, one.body.submissionId], [other.student_id, two.body.submissionId]].sort((x, y) => x[0] - y[0]);
  ids.pair = (await row(
    `INSERT INTO pairs (assignment_id, student_a, student_b, submission_a, submission_b, similarity, longest_tokens, longest_lines, overlap, engine_version)
     VALUES ($1, $2, $3, $4, $5, 0.9, 10, 3, 20, 'test') RETURNING id`,
    [ids.assignment, a[0], b[0], a[1], b[1]],
  )).id;
  ids.token = owner.tokenId;
  ids.teacher = owner.id;
  ids.group = (await row('INSERT INTO comparison_groups (owner_teacher_id) VALUES ($1) RETURNING id', [owner.id])).id;
  await f.db.pool.query("INSERT INTO comparison_group_assignments (assignment_id, group_id, kind) VALUES ($1, $2, 'active')", [ids.assignment, ids.group]);
});
afterAll(async () => {
  await f?.close();
});

const RESOURCE_OF: Record<string, string> = {
  classrooms: 'classroom', assignments: 'assignment', students: 'student', submissions: 'submission',
  pairs: 'pair', tokens: 'token', groups: 'group', members: 'teacher',
};

/** The route's path with each parameter replaced by a real id of the owner's classroom (or a missing one). */
function fillPath(path: string, missing: boolean): string {
  const segments = path.split('/');
  return segments.map((segment, i) => {
    if (!segment.startsWith(':')) return segment;
    const resource = RESOURCE_OF[segments[i - 1]];
    if (!resource || ids[resource] === undefined) throw new Error(`no fixture id for ${segment} in ${path}; extend RESOURCE_OF`);
    return missing ? MISSING_ID : String(ids[resource]);
  }).join('/');
}

// Routes whose resources are named in the body, not the path: a body naming the owner's resources, or missing ones.
const BODY_OF: Record<string, (missing: boolean) => object> = {
  'post /api/groups': (missing) => ({
    assignments: missing ? [{ id: Number(MISSING_ID) }, { id: Number(MISSING_ID) + 1 }] : [{ id: ids.assignment }, { id: ids.otherAssignment }],
  }),
};

function call(method: string, path: string, token?: string, missing = false) {
  const url = fillPath(path, missing);
  const req = (request(f.app) as unknown as Record<string, (p: string) => request.Test>)[method](url);
  if (token) req.set('Authorization', `Bearer ${token}`);
  if (!['post', 'put', 'patch'].includes(method)) return req;
  return req.send(BODY_OF[`${method} ${path}`]?.(missing) ?? {});
}

describe('every API route', () => {
  it('is found by the walk (the account, classroom and student routes at least)', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(expect.arrayContaining([
      'get /api/me', 'delete /api/tokens/:id', 'put /api/classrooms/:id/secret', 'get /api/classrooms/:id/deliveries',
      'delete /api/classrooms/:id/members/:teacherId', 'get /api/students/:id', 'delete /api/students/:id',
    ]));
  });

  it('answers 401 without a token and with a revoked token', async () => {
    for (const { method, path } of routes) {
      if (PUBLIC.has(`${method} ${path}`)) continue;
      for (const token of [undefined, revoked]) {
        const res = await call(method, path, token);
        expect({ route: `${method} ${path}`, token: token ? 'revoked' : 'none', status: res.status })
          .toEqual({ route: `${method} ${path}`, token: token ? 'revoked' : 'none', status: 401 });
        expect(res.body.error.code).toBe('unauthorized');
      }
    }
  });

  it("answers another classroom's teacher exactly as for an id that does not exist", async () => {
    let walked = 0;
    for (const { method, path } of routes) {
      const name = `${method} ${path}`;
      if (PUBLIC.has(name) || NOT_SCOPED.has(name)) continue;
      const hidden = await call(method, path, outsider.token);
      const missing = await call(method, path, outsider.token, true);
      expect({ route: name, status: hidden.status, body: hidden.text }).toEqual({ route: name, status: 404, body: missing.text });
      expect(missing.status).toBe(404);
      walked++;
    }
    expect(walked).toBeGreaterThanOrEqual(10);
  });

  it('still lets the owner reach the resources the walk used (the ids are real)', async () => {
    for (const path of ['/api/classrooms/:id', '/api/students/:id']) {
      expect((await call('get', path, owner.token)).status).toBe(200);
    }
  });
});

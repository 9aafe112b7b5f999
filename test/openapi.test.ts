import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApiFixture, type ApiFixture } from './support/api-fixture.js';
import { createResponseValidator, listAppRoutes, listOperations, type OpenApiDoc } from './support/openapi-check.js';
import { DISGUISED, INDEPENDENT, ORIGINAL, bearer, createInlineWorker, deliver, makeDelivery, type InlineWorker } from './support/review-data.js';

// Issue 4 Must-show: real responses of every route validated against the OpenAPI document's
// schema for their status, and no route served without a documented path.
//
// Fixture: classroom C (owner, secret 'c-secret'), assignment "Lab 1" with students 1 (original),
// 2 (disguised copy) and 3 (independent), analysed by the worker's functions; "Lab 2" with one
// spare student; a spare classroom and token for the routes that delete.

const ADMIN_TOKEN = 'admin-token-for-openapi-test-0123';
const MISSING = '987654321';

let f: ApiFixture;
let worker: InlineWorker;
let doc: OpenApiDoc;
let check: ReturnType<typeof createResponseValidator>;
let owner: { id: number; token: string; tokenId: number };
let colleague: { id: number; token: string; tokenId: number };
const ids: Record<string, number> = {};

beforeAll(async () => {
  f = await createApiFixture({ ADMIN_TOKEN });
  worker = createInlineWorker(f);
  owner = await f.addTeacher('Owner');
  colleague = await f.addTeacher('Colleague');
  ids.classroom = await f.addClassroom(owner.id, 'c-secret', 'Class C');
  ids.spareClassroom = await f.addClassroom(owner.id, 'spare-secret', 'Spare');
  const lab = { id: 7001, name: 'Lab 1' };
  const subs = [
    await deliver(f, ids.classroom, { secret: 'c-secret', studentId: 1, submissionId: 101, content: ORIGINAL, assignment: lab }),
    await deliver(f, ids.classroom, { secret: 'c-secret', studentId: 2, submissionId: 102, content: DISGUISED, assignment: lab }),
    await deliver(f, ids.classroom, { secret: 'c-secret', studentId: 3, submissionId: 103, content: INDEPENDENT, assignment: lab }),
  ];
  ids.spareStudentSubmission = await deliver(f, ids.classroom, { secret: 'c-secret', studentId: 9, submissionId: 109, content: 'print(1)\n', assignment: { id: 7002, name: 'Lab 2' } });
  await worker.analyze(subs);
  const row = async (sql: string, params: unknown[]) => (await f.db.pool.query(sql, params)).rows[0];
  const first = await row('SELECT assignment_id, student_id FROM submissions WHERE id = $1', [subs[0]]);
  ids.assignment = first.assignment_id;
  ids.student = first.student_id;
  ids.submission = subs[0];
  const spare = await row('SELECT student_id, assignment_id FROM submissions WHERE id = $1', [ids.spareStudentSubmission]);
  ids.spareStudent = spare.student_id;
  ids.spareAssignment = spare.assignment_id;
  await worker.rescore(ids.assignment);
  ids.pair = (await row('SELECT id FROM pairs WHERE assignment_id = $1 ORDER BY similarity DESC LIMIT 1', [ids.assignment])).id;

  const res = await request(f.app).get('/api/openapi.json').expect(200);
  doc = res.body;
  check = createResponseValidator(doc);
});
afterAll(async () => {
  await worker?.close();
  await f?.close();
});

interface Case {
  op: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: () => string;
  auth?: 'owner' | 'admin' | 'none';
  body?: () => unknown;
  status: number;
  /** Keeps ids a later case needs. */
  keep?: (body: any) => void;
}

function send(c: { method: string; path: string; auth?: string; body?: unknown }) {
  const req = (request(f.app) as any)[c.method](c.path) as request.Test;
  if (c.auth === 'owner') req.set(...bearer(owner.token));
  if (c.auth === 'admin') req.set(...bearer(ADMIN_TOKEN));
  return c.body === undefined ? req : req.send(c.body as object);
}

// In order: the cases that delete come last and delete only spare resources.
const CASES: Case[] = [
  { op: 'health', method: 'get', path: () => '/healthz', auth: 'none', status: 200 },
  { op: 'readiness', method: 'get', path: () => '/readyz', auth: 'none', status: 200 },
  { op: 'openapi', method: 'get', path: () => '/api/openapi.json', auth: 'none', status: 200 },
  {
    op: 'receiveSubmission', method: 'post', path: () => `/webhooks/replit/${ids.classroom}`, auth: 'none', status: 202,
    body: () => makeDelivery({ secret: 'c-secret', studentId: 4, submissionId: 104, content: 'x = 1\n' }),
  },
  {
    op: 'receiveSubmission', method: 'post', path: () => `/webhooks/replit/${ids.classroom}`, auth: 'none', status: 200,
    body: () => makeDelivery({ secret: 'c-secret', studentId: 4, submissionId: 104, content: 'x = 1\n' }),
  },
  {
    op: 'adminCreateClassroom', method: 'post', path: () => '/admin/classrooms', auth: 'admin', status: 201,
    body: () => ({ name: 'Admin made', secret: 'admin-made-secret' }),
  },
  { op: 'adminCreateTeacher', method: 'post', path: () => '/admin/teachers', auth: 'admin', status: 201, body: () => ({ name: 'New teacher' }) },
  { op: 'getMe', method: 'get', path: () => '/api/me', status: 200 },
  { op: 'listTokens', method: 'get', path: () => '/api/tokens', status: 200 },
  { op: 'createToken', method: 'post', path: () => '/api/tokens', status: 201, body: () => ({ label: 'spare' }), keep: (b) => { ids.spareToken = b.id; } },
  { op: 'listClassrooms', method: 'get', path: () => '/api/classrooms?limit=1', status: 200 },
  { op: 'createClassroom', method: 'post', path: () => '/api/classrooms', status: 201, body: () => ({ name: 'Made by API', secret: 'made-secret' }) },
  { op: 'getClassroom', method: 'get', path: () => `/api/classrooms/${ids.classroom}`, status: 200 },
  { op: 'listMembers', method: 'get', path: () => `/api/classrooms/${ids.classroom}/members`, status: 200 },
  {
    op: 'setMember', method: 'post', path: () => `/api/classrooms/${ids.spareClassroom}/members`, status: 201,
    body: () => ({ teacherId: colleague.id, role: 'assistant' }),
  },
  {
    op: 'setMember', method: 'post', path: () => `/api/classrooms/${ids.spareClassroom}/members`, status: 200,
    body: () => ({ teacherId: colleague.id, role: 'owner' }),
  },
  { op: 'rotateSecret', method: 'put', path: () => `/api/classrooms/${ids.spareClassroom}/secret`, status: 200, body: () => ({ secret: 'spare-secret-2' }) },
  { op: 'listDeliveries', method: 'get', path: () => `/api/classrooms/${ids.classroom}/deliveries?limit=2`, status: 200 },
  { op: 'getStudent', method: 'get', path: () => `/api/students/${ids.student}`, status: 200 },
  { op: 'listAssignments', method: 'get', path: () => `/api/classrooms/${ids.classroom}/assignments`, status: 200 },
  { op: 'getAssignment', method: 'get', path: () => `/api/assignments/${ids.assignment}`, status: 200 },
  { op: 'updateAssignment', method: 'patch', path: () => `/api/assignments/${ids.assignment}`, status: 200, body: () => ({ flagThreshold: 0.4, minLongest: null }) },
  {
    op: 'replaceStarterCode', method: 'put', path: () => `/api/assignments/${ids.assignment}/starter`, status: 200,
    body: () => ({ files: [{ name: 'main.py', content: 'if __name__ == "__main__":\n    pass\n' }] }),
  },
  { op: 'getStarterCode', method: 'get', path: () => `/api/assignments/${ids.assignment}/starter`, status: 200 },
  { op: 'listPairs', method: 'get', path: () => `/api/assignments/${ids.assignment}/pairs?flagged=true&sort=longest&limit=1`, status: 200 },
  { op: 'listCopyRings', method: 'get', path: () => `/api/assignments/${ids.assignment}/rings`, status: 200 },
  { op: 'getPair', method: 'get', path: () => `/api/pairs/${ids.pair}`, status: 200 },
  { op: 'setVerdict', method: 'put', path: () => `/api/pairs/${ids.pair}/verdict`, status: 200, body: () => ({ verdict: 'confirmed', note: 'same program' }) },
  { op: 'exportPairsJson', method: 'get', path: () => `/api/assignments/${ids.assignment}/export.json`, status: 200 },
  { op: 'exportPairsCsv', method: 'get', path: () => `/api/assignments/${ids.assignment}/export.csv`, status: 200 },
  { op: 'getSubmission', method: 'get', path: () => `/api/submissions/${ids.submission}`, status: 200 },
  {
    op: 'createGroup', method: 'post', path: () => '/api/groups', status: 201,
    body: () => ({ assignments: [{ id: ids.assignment }, { id: ids.spareAssignment, kind: 'reference' }] }), keep: (b) => { ids.group = b.id; },
  },
  { op: 'getGroup', method: 'get', path: () => `/api/groups/${ids.group}`, status: 200 },
  { op: 'deleteGroup', method: 'delete', path: () => `/api/groups/${ids.group}`, status: 204 },
  { op: 'removeMember', method: 'delete', path: () => `/api/classrooms/${ids.spareClassroom}/members/${colleague.id}`, status: 204 },
  { op: 'revokeToken', method: 'delete', path: () => `/api/tokens/${ids.spareToken}`, status: 204 },
  { op: 'deleteStudent', method: 'delete', path: () => `/api/students/${ids.spareStudent}`, status: 204 },
  { op: 'deleteClassroom', method: 'delete', path: () => `/api/classrooms/${ids.spareClassroom}`, status: 204 },
];

// One invalid request per route that takes input: the 400 must match the documented error body.
const INVALID: Case[] = [
  { op: 'listPairs', method: 'get', path: () => `/api/assignments/${ids.assignment}/pairs?sort=random`, status: 400 },
  { op: 'listPairs', method: 'get', path: () => `/api/assignments/${ids.assignment}/pairs?cursor=bm90LWEtY3Vyc29y`, status: 400 },
  { op: 'listAssignments', method: 'get', path: () => `/api/classrooms/${ids.classroom}/assignments?limit=0`, status: 400 },
  { op: 'updateAssignment', method: 'patch', path: () => `/api/assignments/${ids.assignment}`, status: 400, body: () => ({ flagThreshold: 2 }) },
  {
    op: 'replaceStarterCode', method: 'put', path: () => `/api/assignments/${ids.assignment}/starter`, status: 400,
    body: () => ({ files: [{ name: 'a.py', content: '' }, { name: 'a.py', content: 'x' }] }),
  },
  { op: 'setVerdict', method: 'put', path: () => `/api/pairs/${ids.pair}/verdict`, status: 400, body: () => ({ verdict: 'maybe' }) },
  { op: 'createClassroom', method: 'post', path: () => '/api/classrooms', status: 400, body: () => ({ name: '' }) },
  { op: 'receiveSubmission', method: 'post', path: () => `/webhooks/replit/${ids.classroom}`, auth: 'none', status: 400, body: () => ({ classroom: { webhook_secret: 'c-secret' } }) },
  { op: 'receiveSubmission', method: 'post', path: () => `/webhooks/replit/${MISSING}`, auth: 'none', status: 404, body: () => ({}) },
  { op: 'receiveSubmission', method: 'post', path: () => `/webhooks/replit/${ids.classroom}`, auth: 'none', status: 401, body: () => makeDelivery({ secret: 'wrong', studentId: 5, submissionId: 105, content: 'y' }) },
  { op: 'adminCreateTeacher', method: 'post', path: () => '/admin/teachers', auth: 'none', status: 401, body: () => ({ name: 'x' }) },
];

async function runCase(c: Case): Promise<string[]> {
  const res = await send({ method: c.method, path: c.path(), auth: c.auth ?? 'owner', body: c.body?.() });
  const problems = check(c.op, res);
  if (res.status !== c.status) problems.unshift(`${c.op} ${c.method} ${c.path()}: expected ${c.status}, got ${res.status} ${res.text.slice(0, 300)}`);
  if (res.status === c.status) c.keep?.(res.body);
  return problems;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and documents exactly the routes the app serves', () => {
    expect((doc as any).openapi).toBe('3.1.0');
    const documented = listOperations(doc).map((o) => `${o.method} ${o.path}`).sort();
    expect(listAppRoutes(f.app)).toEqual(documented);
  });

  it('describes request bodies and query parameters with schemas', () => {
    const pairs = doc.paths['/api/assignments/{id}/pairs'].get.parameters!.map((p: any) => p.name);
    expect(pairs).toEqual(expect.arrayContaining(['id', 'flagged', 'verdict', 'minSimilarity', 'sort', 'limit', 'cursor']));
    for (const op of listOperations(doc)) {
      const raw = doc.paths[op.path][op.method];
      if (['post', 'put', 'patch'].includes(op.method)) expect({ op: op.operationId, body: !!raw.requestBody }).toEqual({ op: op.operationId, body: true });
    }
  });
});

describe('real responses', () => {
  it('of every route match the schema documented for their status', async () => {
    const problems: string[] = [];
    for (const c of CASES) problems.push(...(await runCase(c)));
    expect(problems).toEqual([]);
    const exercised = new Set(CASES.map((c) => c.op));
    expect(listOperations(doc).map((o) => o.operationId).filter((op) => !exercised.has(op))).toEqual([]);
  });

  it('of invalid requests are documented errors', async () => {
    const problems: string[] = [];
    for (const c of INVALID) problems.push(...(await runCase(c)));
    expect(problems).toEqual([]);
  });

  it('without a token (401) and for a missing id (404) are documented errors on every bearer route', async () => {
    const problems: string[] = [];
    for (const op of listOperations(doc).filter((o) => o.bearer)) {
      const path = op.path.replace(/\{\w+\}/g, MISSING);
      const anonymous = await send({ method: op.method, path, auth: 'none', body: op.method === 'get' || op.method === 'delete' ? undefined : {} });
      if (anonymous.status !== 401) problems.push(`${op.operationId}: ${anonymous.status} without a token`);
      problems.push(...check(op.operationId, anonymous));
      if (!op.path.includes('{')) continue;
      const missing = await send({ method: op.method, path, auth: 'owner', body: op.method === 'get' || op.method === 'delete' ? undefined : {} });
      if (missing.status !== 404) problems.push(`${op.operationId}: ${missing.status} for a missing id`);
      problems.push(...check(op.operationId, missing));
    }
    expect(problems).toEqual([]);
  });
});

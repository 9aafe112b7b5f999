import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApiFixture, type ApiFixture } from './support/api-fixture.js';
import { listOperations, type Operation } from './support/openapi-check.js';
import { DISGUISED, ORIGINAL, bearer, createInlineWorker, deliver, type InlineWorker } from './support/review-data.js';

// Issue 4 Must-show: every API route of the OpenAPI document, called with no token, a revoked
// token and the token of a teacher of another classroom, answers 401, 401 and 404; each 404
// is the same status and the same bytes as for an id that does not exist (and for a
// non-numeric id), so a hidden resource cannot be told from a missing one.
//
// Fixture: the owner's classroom with assignments "Lab 1" (a copied pair, analysed) and "Lab 2",
// linked into a comparison group; the outsider owns a classroom of their own.

const MISSING = '987654321';

let f: ApiFixture;
let worker: InlineWorker;
let operations: Operation[];
let owner: { id: number; token: string; tokenId: number };
let outsider: { id: number; token: string; tokenId: number };
let revoked: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  f = await createApiFixture();
  worker = createInlineWorker(f);
  owner = await f.addTeacher('Owner');
  outsider = await f.addTeacher('Outsider');
  await f.addClassroom(outsider.id, 'outsider-secret', 'Outsider class');
  const gone = await f.addTeacher('Gone');
  await request(f.app).delete(`/api/tokens/${gone.tokenId}`).set(...bearer(gone.token)).expect(204);
  revoked = gone.token;

  ids.classroom = await f.addClassroom(owner.id, 'owner-secret', 'Owner class');
  const subs = [
    await deliver(f, ids.classroom, { secret: 'owner-secret', studentId: 1, submissionId: 11, content: ORIGINAL, assignment: { id: 1, name: 'Lab 1' } }),
    await deliver(f, ids.classroom, { secret: 'owner-secret', studentId: 2, submissionId: 12, content: DISGUISED, assignment: { id: 1, name: 'Lab 1' } }),
    await deliver(f, ids.classroom, { secret: 'owner-secret', studentId: 2, submissionId: 13, content: 'print(2)\n', assignment: { id: 2, name: 'Lab 2' } }),
  ];
  await worker.analyze(subs);
  const row = async (sql: string, params: unknown[]) => (await f.db.pool.query(sql, params)).rows[0];
  const first = await row('SELECT assignment_id, student_id FROM submissions WHERE id = $1', [subs[0]]);
  Object.assign(ids, {
    assignment: first.assignment_id,
    otherAssignment: (await row('SELECT assignment_id FROM submissions WHERE id = $1', [subs[2]])).assignment_id,
    student: first.student_id,
    submission: subs[0],
    pair: (await row('SELECT id FROM pairs WHERE assignment_id = $1', [first.assignment_id])).id,
    token: owner.tokenId,
    teacher: owner.id,
  });
  const group = await request(f.app).post('/api/groups').set(...bearer(owner.token))
    .send({ assignments: [{ id: ids.assignment }, { id: ids.otherAssignment }] }).expect(201);
  ids.group = group.body.id;
  operations = listOperations((await request(f.app).get('/api/openapi.json').expect(200)).body);
});
afterAll(async () => {
  await worker?.close();
  await f?.close();
});

// The resource each path parameter names, by the segment before it.
const RESOURCE_OF: Record<string, string> = {
  classrooms: 'classroom', assignments: 'assignment', pairs: 'pair', submissions: 'submission', students: 'student',
  tokens: 'token', groups: 'group', members: 'teacher',
};

// Routes about the caller alone: no resource of a classroom to hide, only the 401s apply.
const CALLER_ONLY = new Set(['getMe', 'listTokens', 'createToken', 'listClassrooms', 'createClassroom']);

/** A body that would succeed for the owner, so only access decides the answer; `id` fills the ids it names. */
function validBody(op: Operation, id: (resource: string) => number | string): unknown {
  switch (op.operationId) {
    case 'createGroup': return { assignments: [{ id: Number(id('assignment')) }, { id: Number(id('otherAssignment')) }] };
    case 'createToken': return { label: 'x' };
    case 'createClassroom': return { name: 'x', secret: 'x-secret' };
    case 'setMember': return { teacherId: outsider.id, role: 'assistant' };
    case 'rotateSecret': return { secret: 'rotated-secret' };
    case 'updateAssignment': return { flagThreshold: 0.5 };
    case 'replaceStarterCode': return { files: [] };
    case 'setVerdict': return { verdict: 'dismissed' };
    default: return ['post', 'put', 'patch'].includes(op.method) ? {} : undefined;
  }
}

function fill(op: Operation, value: (resource: string) => number | string): string {
  const segments = op.path.split('/');
  return segments.map((segment, i) => {
    if (!segment.startsWith('{')) return segment;
    const resource = RESOURCE_OF[segments[i - 1]];
    if (!resource) throw new Error(`no resource for ${segment} in ${op.path}: extend RESOURCE_OF`);
    return String(value(resource));
  }).join('/');
}

async function call(op: Operation, token: string | undefined, value: (resource: string) => number | string) {
  const req = (request(f.app) as any)[op.method](fill(op, value)) as request.Test;
  if (token) req.set(...bearer(token));
  const body = validBody(op, value);
  return body === undefined ? req : req.send(body as object);
}

const real = (resource: string) => {
  if (ids[resource] === undefined) throw new Error(`no fixture id for ${resource}`);
  return ids[resource];
};

describe('every API route of the OpenAPI document', () => {
  it('includes the review, account and group routes', () => {
    const bearerOps = operations.filter((o) => o.bearer).map((o) => o.operationId);
    expect(bearerOps).toEqual(expect.arrayContaining([
      'listAssignments', 'getAssignment', 'updateAssignment', 'getStarterCode', 'replaceStarterCode', 'listPairs', 'getPair',
      'setVerdict', 'listCopyRings', 'exportPairsCsv', 'exportPairsJson', 'getSubmission', 'getClassroom', 'rotateSecret',
      'listDeliveries', 'getStudent', 'deleteStudent', 'createGroup', 'getGroup', 'deleteGroup',
    ]));
  });

  it('answers 401 without a token and with a revoked token', async () => {
    const wrong: string[] = [];
    for (const op of operations.filter((o) => o.bearer)) {
      for (const [label, token] of [['none', undefined], ['revoked', revoked]] as const) {
        const res = await call(op, token, real);
        if (res.status !== 401 || res.body?.error?.code !== 'unauthorized') wrong.push(`${op.operationId} (${label} token): ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("answers another classroom's teacher exactly as for a missing or non-numeric id", async () => {
    const wrong: string[] = [];
    let walked = 0;
    for (const op of operations.filter((o) => o.bearer && !CALLER_ONLY.has(o.operationId))) {
      const hidden = await call(op, outsider.token, real);
      const missing = await call(op, outsider.token, (resource) => (resource === 'otherAssignment' ? `${MISSING}1` : MISSING));
      // A non-numeric id only applies to ids in the path; ids in a body are validated as numbers first.
      const malformed = op.path.includes('{') ? [await call(op, outsider.token, () => 'abc')] : [];
      const seen = [hidden, missing, ...malformed].map((r) => `${r.status} ${r.text}`);
      if (hidden.status !== 404 || new Set(seen).size !== 1) wrong.push(`${op.operationId}: ${seen.join(' | ')}`);
      walked++;
    }
    expect(wrong).toEqual([]);
    expect(walked).toBeGreaterThanOrEqual(25);
  });

  it('lets the owner reach every resource the walk used (the ids are real)', async () => {
    for (const path of [`/api/assignments/${ids.assignment}`, `/api/pairs/${ids.pair}`, `/api/submissions/${ids.submission}`, `/api/groups/${ids.group}`]) {
      expect({ path, status: (await request(f.app).get(path).set(...bearer(owner.token))).status }).toEqual({ path, status: 200 });
    }
  });
});

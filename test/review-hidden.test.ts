import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { WorkerRuntime } from '../apps/worker/src/index.js';
import { createApiFixture, type ApiFixture } from './support/api-fixture.js';
import { createResponseValidator } from './support/openapi-check.js';
import { startTestWorker, stopTestWorker, waitForWorkerIdle } from './support/worker.js';
import { DISGUISED, ORIGINAL, bearer, deliver } from './support/review-data.js';

// Issue 4 item 3: in a cross-classroom pair, each side's names and files are shown only to
// callers with a role in that side's classroom.
//
// Fixture: the owner owns sections A and B, linked by a comparison group; A has student 1
// (ORIGINAL), B has student 2 (DISGUISED, a copy). The assistant has a role in A only.

let f: ApiFixture;
let runtime: WorkerRuntime;
let owner: { id: number; token: string };
let assistant: { id: number; token: string };
let check: ReturnType<typeof createResponseValidator>;
const room: Record<string, number> = {};
const assignment: Record<string, number> = {};
const submission: Record<string, number> = {};
let pairId: number;

const get = (path: string, token: string) => request(f.app).get(path).set(...bearer(token));

beforeAll(async () => {
  f = await createApiFixture();
  owner = await f.addTeacher('Owner');
  assistant = await f.addTeacher('Assistant');
  room.A = await f.addClassroom(owner.id, 'secret-a', 'Section A');
  room.B = await f.addClassroom(owner.id, 'secret-b', 'Section B');
  await request(f.app).post(`/api/classrooms/${room.A}/members`).set(...bearer(owner.token))
    .send({ teacherId: assistant.id, role: 'assistant' }).expect(201);
  runtime = await startTestWorker(f.db.pool, f.deps.config.queuePrefix);
  submission.A = await deliver(f, room.A, { secret: 'secret-a', studentId: 1, submissionId: 501, content: ORIGINAL, assignment: { id: 8001, name: 'Lab' }, firstName: 'Ana', lastName: 'A' });
  submission.B = await deliver(f, room.B, { secret: 'secret-b', studentId: 2, submissionId: 502, content: DISGUISED, assignment: { id: 8002, name: 'Lab' }, firstName: 'Ben', lastName: 'B' });
  for (const side of ['A', 'B']) assignment[side] = (await get(`/api/submissions/${submission[side]}`, owner.token).expect(200)).body.assignment.id;
  await request(f.app).post('/api/groups').set(...bearer(owner.token))
    .send({ assignments: [{ id: assignment.A }, { id: assignment.B }] }).expect(201);
  await waitForWorkerIdle(f.db.pool, runtime);
  check = createResponseValidator((await request(f.app).get('/api/openapi.json').expect(200)).body);
});
afterAll(async () => {
  await stopTestWorker(runtime);
  await f?.close();
});

describe('a cross-classroom pair', () => {
  it('shows both sides to a teacher with a role in both classrooms', async () => {
    const list = await get(`/api/assignments/${assignment.A}/pairs`, owner.token).expect(200);
    expect(list.body.items).toHaveLength(1);
    const row = list.body.items[0];
    pairId = row.id;
    expect(new Set([row.studentA.name, row.studentB.name])).toEqual(new Set(['Ana A', 'Ben B']));
    // Listed under both linked assignments.
    expect((await get(`/api/assignments/${assignment.B}/pairs`, owner.token).expect(200)).body.items.map((p: any) => p.id)).toEqual([pairId]);
    const detail = await get(`/api/pairs/${pairId}`, owner.token).expect(200);
    expect(check('getPair', detail)).toEqual([]);
    expect(detail.body.a.files).toHaveLength(1);
    expect(detail.body.b.files).toHaveLength(1);
    expect(detail.body.diffs).toHaveLength(1);
    expect(detail.body.fragments.every((fr: any) => fr.fileA === 'main.py' && fr.fileB === 'main.py')).toBe(true);
  });

  it("hides the other classroom's side from a teacher with a role in one classroom only", async () => {
    const list = await get(`/api/assignments/${assignment.A}/pairs`, assistant.token).expect(200);
    expect(check('listPairs', list)).toEqual([]);
    const row = list.body.items[0];
    const [mine, theirs] = row.studentA.name === 'Ana A' ? [row.studentA, row.studentB] : [row.studentB, row.studentA];
    expect(mine).toMatchObject({ name: 'Ana A', hidden: false });
    expect(theirs).toMatchObject({ name: null, hidden: true });

    const detail = await get(`/api/pairs/${pairId}`, assistant.token).expect(200);
    expect(check('getPair', detail)).toEqual([]);
    const sides = [detail.body.a, detail.body.b];
    const visible = sides.find((s) => !s.student.hidden)!;
    const hidden = sides.find((s) => s.student.hidden)!;
    expect(visible.files.map((x: any) => x.content)).toEqual([ORIGINAL]);
    expect(hidden.files).toBeUndefined();
    expect(hidden.student.name).toBeNull();
    expect(detail.body.diffs).toEqual([]);
    const hiddenKey = hidden === detail.body.a ? 'fileA' : 'fileB';
    expect(detail.body.fragments.length).toBeGreaterThan(0);
    expect(detail.body.fragments.every((fr: any) => fr[hiddenKey] === null)).toBe(true);
    expect(JSON.stringify(detail.body)).not.toContain('Ben');
    expect(JSON.stringify(detail.body)).not.toContain('marks');
  });

  it('hides the side in rings and exports too, and keeps its submission and assignment out of reach', async () => {
    await request(f.app).patch(`/api/assignments/${assignment.A}`).set(...bearer(owner.token)).send({ flagThreshold: 0 }).expect(200);
    await waitForWorkerIdle(f.db.pool, runtime);
    const rings = await get(`/api/assignments/${assignment.A}/rings`, assistant.token).expect(200);
    expect(rings.body.items).toHaveLength(1);
    expect(rings.body.items[0].students.map((s: any) => s.name).sort()).toEqual(['Ana A', null]);
    const csv = await get(`/api/assignments/${assignment.A}/export.csv`, assistant.token).expect(200);
    expect(csv.text).toContain('Ana A');
    expect(csv.text).not.toContain('Ben');
    expect((await get(`/api/submissions/${submission.B}`, assistant.token)).status).toBe(404);
    expect((await get(`/api/assignments/${assignment.B}/pairs`, assistant.token)).status).toBe(404);
  });

  it('still takes a verdict from either side', async () => {
    const res = await request(f.app).put(`/api/pairs/${pairId}/verdict`).set(...bearer(assistant.token)).send({ verdict: 'confirmed' }).expect(200);
    expect(res.body).toMatchObject({ verdict: 'confirmed', verdictBy: assistant.id });
    expect(JSON.stringify(res.body)).not.toContain('Ben');
  });
});

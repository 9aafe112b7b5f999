import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { updatePairScores } from '../packages/db/src/index.js';
import type { WorkerRuntime } from '../apps/worker/src/index.js';
import { createApiFixture, type ApiFixture } from './support/api-fixture.js';
import { startTestWorker, stopTestWorker, waitForWorkerIdle } from './support/worker.js';
import {
  DISGUISED, INDEPENDENT, INDEPENDENT_COPY, ORIGINAL, PARTIAL, bearer, deliver, type DeliveryInput,
} from './support/review-data.js';

// Issue 4 Must-show, end to end through the webhook and the worker's BullMQ consumers: replay
// deliveries, dismiss a pair, replay again and rescore -> still dismissed; a resubmission that
// copies more -> reopened. Then the review features on the same data: filters, sorts, cursor
// pagination, copy rings on a known graph, CSV formula escaping.
//
// Fixture, assignment "Lab 1" (platform students 1-6, one submission each, a minute apart):
//   1 ORIGINAL       2 DISGUISED (full copy of 1, named like a spreadsheet formula)
//   3 PARTIAL (the first half of 1)      4 INDEPENDENT      5 INDEPENDENT_COPY (copy of 4)
//   6 PARTIAL (so some pairs stay partial after student 3 copies more)

const SECRET = 'flow-secret';
const LAB = { id: 4242, name: 'Lab 1' };
const FORMULA_NAME = '=HYPERLINK("http://evil.example")';

let f: ApiFixture;
let runtime: WorkerRuntime;
let owner: { id: number; token: string };
let classroomId: number;
let assignmentId: number;
const student: Record<number, number> = {};

const deliveries: DeliveryInput[] = [
  { studentId: 1, content: ORIGINAL },
  { studentId: 2, content: DISGUISED, firstName: FORMULA_NAME, lastName: '' },
  { studentId: 3, content: PARTIAL },
  { studentId: 4, content: INDEPENDENT },
  { studentId: 5, content: INDEPENDENT_COPY },
  { studentId: 6, content: PARTIAL },
].map((d, i) => ({
  secret: SECRET, assignment: LAB, submissionId: 1000 + i, timeSubmitted: `2024-05-01T10:0${i}:00.000Z`, lastName: `S${d.studentId}`, ...d,
}));

const api = (path: string) => request(f.app).get(path).set(...bearer(owner.token));

async function replayAll(): Promise<number[]> {
  const ids: number[] = [];
  for (const d of deliveries) ids.push(await deliver(f, classroomId, d));
  return ids;
}

async function listPairs(query = ''): Promise<any[]> {
  const res = await api(`/api/assignments/${assignmentId}/pairs?limit=200${query}`).expect(200);
  expect(res.body.nextCursor).toBeNull();
  return res.body.items;
}

async function pairOf(a: number, b: number): Promise<any> {
  const [x, y] = [student[a], student[b]].sort((p, q) => p - q);
  const pair = (await listPairs()).find((p) => p.studentA.id === x && p.studentB.id === y);
  if (!pair) throw new Error(`no pair for platform students ${a} and ${b}`);
  return pair;
}

beforeAll(async () => {
  f = await createApiFixture();
  owner = await f.addTeacher('Owner');
  classroomId = await f.addClassroom(owner.id, SECRET, 'Flow class');
  runtime = await startTestWorker(f.db.pool, f.deps.config.queuePrefix);
});
afterAll(async () => {
  await stopTestWorker(runtime);
  await f?.close();
});

describe('a dismissed pair', () => {
  it('is found after the deliveries are replayed', async () => {
    const ids = await replayAll();
    await waitForWorkerIdle(f.db.pool, runtime);
    for (const [i, id] of ids.entries()) {
      const sub = await api(`/api/submissions/${id}`).expect(200);
      expect(sub.body.analysisStatus).toBe('analysed');
      student[deliveries[i].studentId] = sub.body.student.id;
      assignmentId = sub.body.assignment.id;
    }
    const partial = await pairOf(1, 3);
    expect(partial.similarity).toBeGreaterThan(0.3);
    expect(partial.similarity).toBeLessThan(0.95);
  });

  it('records who dismissed it, when, and at which similarity', async () => {
    const pair = await pairOf(1, 3);
    const res = await request(f.app).put(`/api/pairs/${pair.id}/verdict`).set(...bearer(owner.token))
      .send({ verdict: 'dismissed', note: 'both used the lecture example' }).expect(200);
    expect(res.body).toMatchObject({ id: pair.id, verdict: 'dismissed', verdictNote: 'both used the lecture example', verdictBy: owner.id, dismissedSimilarity: pair.similarity });
    expect(Date.parse(res.body.verdictAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('stays dismissed when the deliveries are replayed, the scope rescored, and the same work resubmitted', async () => {
    const before = await pairOf(1, 3);
    await replayAll();
    // A settings change makes the worker rescore the whole scope.
    await request(f.app).patch(`/api/assignments/${assignmentId}`).set(...bearer(owner.token)).send({ minLongest: 8 }).expect(200);
    await deliver(f, classroomId, { ...deliveries[2], submissionId: 1100, timeSubmitted: '2024-05-01T11:00:00.000Z' });
    await waitForWorkerIdle(f.db.pool, runtime);
    const after = await pairOf(1, 3);
    expect(after).toMatchObject({ id: before.id, verdict: 'dismissed', similarity: before.similarity });
    expect(after.submissionB).not.toBe(before.submissionB);
  });

  it('reopens when a resubmission copies more', async () => {
    const before = await pairOf(1, 3);
    await deliver(f, classroomId, { ...deliveries[2], content: DISGUISED, submissionId: 1101, timeSubmitted: '2024-05-01T12:00:00.000Z' });
    await waitForWorkerIdle(f.db.pool, runtime);
    const after = await pairOf(1, 3);
    expect(after.id).toBe(before.id);
    expect(after.similarity).toBeGreaterThan(before.similarity);
    expect(after.verdict).toBe('open');
  });
});

describe('pair lists', () => {
  it('answer 400 (never 500) to a verdict note with a NUL', async () => {
    const pair = await pairOf(1, 3);
    const res = await request(f.app).put(`/api/pairs/${pair.id}/verdict`).set(...bearer(owner.token))
      .send({ verdict: 'confirmed', note: 'a\u0000b' }).expect(400);
    expect(res.body.error.details).toEqual([{ path: 'note', message: expect.stringContaining('NUL') }]);
    expect((await pairOf(1, 3)).verdictNote).toBe(pair.verdictNote);
  });

  it('walk every row exactly once with limit=1, in every sort', async () => {
    for (const sort of ['similarity', 'longest', 'newest']) {
      const all = await listPairs(`&sort=${sort}`);
      expect(all.length).toBeGreaterThanOrEqual(4);
      const walked: number[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await api(`/api/assignments/${assignmentId}/pairs?limit=1&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
        expect(res.body.items.length).toBe(1);
        walked.push(res.body.items[0].id);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect({ sort, walked }).toEqual({ sort, walked: all.map((p) => p.id) });
    }
  });

  it.each([
    ['newest', 'not a date'], ['newest', 5], ['similarity', 1e308], ['longest', 1.5], ['longest', 1e30],
  ])('answer 400 (never 500) to a forged %s cursor at %s, which Postgres cannot read', async (sort, value) => {
    const cursor = Buffer.from(JSON.stringify([sort, value, 1])).toString('base64url');
    const res = await api(`/api/assignments/${assignmentId}/pairs?sort=${sort}&cursor=${cursor}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'cursor' }] });
  });

  it('sort by similarity, longest fragment or newest submission, descending', async () => {
    const bySimilarity = await listPairs();
    expect(bySimilarity.map((p) => p.similarity)).toEqual([...bySimilarity.map((p) => p.similarity)].sort((a, b) => b - a));
    const byLongest = await listPairs('&sort=longest');
    expect(byLongest.map((p) => p.longestTokens)).toEqual([...byLongest.map((p) => p.longestTokens)].sort((a, b) => b - a));
    const byNewest = await listPairs('&sort=newest');
    const newest = async (p: any) => {
      const times = await Promise.all([p.submissionA, p.submissionB].map(async (id: number) => Date.parse((await api(`/api/submissions/${id}`)).body.timeSubmitted)));
      return Math.max(...times);
    };
    const times = await Promise.all(byNewest.map(newest));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Student 3's last resubmission is the newest work: its pairs come first.
    expect([byNewest[0].studentA.id, byNewest[0].studentB.id]).toContain(student[3]);
  });

  it('filter by flag, verdict and minimum similarity', async () => {
    const all = await listPairs();
    const copy = await pairOf(4, 5);
    await request(f.app).put(`/api/pairs/${copy.id}/verdict`).set(...bearer(owner.token)).send({ verdict: 'confirmed' }).expect(200);
    expect((await listPairs('&verdict=confirmed')).map((p) => p.id)).toEqual([copy.id]);
    expect((await listPairs('&verdict=open')).map((p) => p.id)).toEqual(all.filter((p) => p.id !== copy.id).map((p) => p.id));
    const flagged = await listPairs('&flagged=true');
    expect(flagged.map((p) => p.id)).toEqual(all.filter((p) => p.flagged).map((p) => p.id));
    expect(flagged.length).toBeGreaterThan(0);
    expect((await listPairs('&flagged=false')).every((p) => !p.flagged)).toBe(true);
    const high = await listPairs('&minSimilarity=0.9');
    expect(high.map((p) => p.id)).toEqual(all.filter((p) => p.similarity >= 0.9).map((p) => p.id));
    expect(high.length).toBeLessThan(all.length);
  });
});

describe('copy rings', () => {
  it('are the connected components of flagged pairs, largest first', async () => {
    // A known graph: flag exactly 1-2, 2-3 and 4-5 (1-3 stays unflagged), as a rescore would.
    const all = await listPairs();
    const edges = [await pairOf(1, 2), await pairOf(2, 3), await pairOf(4, 5)];
    const keep = new Set(edges.map((p) => p.id));
    await updatePairScores(f.db.pool, all.map((p) => ({ id: p.id, weightedSimilarity: p.similarity, rankScore: p.rankScore, flagged: keep.has(p.id) })));
    const res = await api(`/api/assignments/${assignmentId}/rings`).expect(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((r: any) => ({ size: r.size, students: r.students.map((s: any) => s.id), pairIds: r.pairIds }))).toEqual([
      { size: 3, students: [student[1], student[2], student[3]].sort((a, b) => a - b), pairIds: [edges[0].id, edges[1].id].sort((a, b) => a - b) },
      { size: 2, students: [student[4], student[5]].sort((a, b) => a - b), pairIds: [edges[2].id] },
    ]);
    const names = res.body.items[0].students.map((s: any) => s.name);
    expect(names).toContain(FORMULA_NAME);
  });
});

describe('export', () => {
  it('escapes CSV cells that would start a spreadsheet formula', async () => {
    const pair = await pairOf(1, 2);
    await request(f.app).put(`/api/pairs/${pair.id}/verdict`).set(...bearer(owner.token)).send({ verdict: 'confirmed', note: '@SUM(A1:A9)' }).expect(200);
    const res = await api(`/api/assignments/${assignmentId}/export.csv`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0].split(',')).toEqual(expect.arrayContaining(['pair_id', 'student_a_name', 'similarity', 'verdict', 'verdict_note']));
    expect(lines.length).toBe(1 + (await listPairs()).length);
    const row = lines.find((l) => l.startsWith(`${pair.id},`))!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(row).toContain(",'@SUM(A1:A9),");
    // No text cell anywhere starts with a formula character. A cell that is a whole number is
    // data, not a formula, and stays a number so the spreadsheet can sort it: a pair below the
    // class background has a negative rank score (-0.006), and '-0.006 would turn it into text.
    expect(res.text).not.toMatch(/(?:^|,|\r\n)"?(?!-\d+(?:\.\d+)?(?:e[-+]?\d+)?(?:,|\r\n|$))[=+\-@\t]/);
  });

  it('gives the same pairs as JSON', async () => {
    const res = await api(`/api/assignments/${assignmentId}/export.json`).expect(200);
    expect(res.body.assignment).toEqual({ id: assignmentId, name: 'Lab 1' });
    expect(res.body.pairs.map((p: any) => p.id)).toEqual((await listPairs()).map((p) => p.id));
  });
});

describe('assignment settings', () => {
  it('are left alone by a PATCH whose body is not sent as JSON (it used to answer 200 having changed nothing)', async () => {
    const before = (await api(`/api/assignments/${assignmentId}`).expect(200)).body;
    const res = await request(f.app).patch(`/api/assignments/${assignmentId}`).set(...bearer(owner.token))
      .set('content-type', 'text/plain').send(JSON.stringify({ flagThreshold: before.flagThreshold === 0.1 ? 0.2 : 0.1 })).expect(400);
    expect(res.body.error.message).toBe('body must be JSON');
    expect((await api(`/api/assignments/${assignmentId}`).expect(200)).body).toEqual(before);
  });
});

describe('starter code', () => {
  it('answers 400 (never 500) to names Postgres would store alike, or a NUL in a file', async () => {
    const put = (files: unknown) => request(f.app).put(`/api/assignments/${assignmentId}/starter`).set(...bearer(owner.token))
      .set('content-type', 'application/json').send(JSON.stringify({ files }));
    const twins = await put([{ name: 'a\uD800.py', content: '1' }, { name: 'a\uDFFF.py', content: '2' }]).expect(400);
    expect(twins.body.error.details).toEqual([{ path: 'files.0.name', message: expect.stringContaining('surrogate') }]);
    const nul = await put([{ name: 'main.py', content: 'x = 1\u0000' }]).expect(400);
    expect(nul.body.error.details).toEqual([{ path: 'files.0.content', message: expect.stringContaining('NUL') }]);
    expect((await api(`/api/assignments/${assignmentId}/starter`).expect(200)).body.files).toEqual([]);
  });

  it('is stored, re-analysed without it, and marked in the pair detail', async () => {
    const before = await pairOf(1, 6);
    const starter = ORIGINAL.split('def average')[0];
    const put = await request(f.app).put(`/api/assignments/${assignmentId}/starter`).set(...bearer(owner.token))
      .send({ files: [{ name: 'main.py', content: starter }] }).expect(200);
    expect(put.body.files.map((x: any) => [x.name, x.content])).toEqual([['main.py', starter]]);
    expect((await api(`/api/assignments/${assignmentId}/starter`).expect(200)).body.files.map((x: any) => x.content)).toEqual([starter]);
    await waitForWorkerIdle(f.db.pool, runtime);
    // Student 6 shares the starter function and one more with student 1: less is left once the starter is out.
    const after = await pairOf(1, 6);
    expect(after.similarity).toBeLessThan(before.similarity);
    const detail = await api(`/api/pairs/${after.id}`).expect(200);
    const original = [detail.body.a, detail.body.b].find((s) => s.student.id === student[1]).files[0];
    // read_scores is lines 1-7 of ORIGINAL; nothing after line 8 is starter code.
    expect(original.starter.length).toBeGreaterThan(0);
    expect(original.starter[0].startLine).toBe(1);
    expect(Math.max(...original.starter.map((r: any) => r.endLine))).toBeGreaterThanOrEqual(6);
    expect(Math.max(...original.starter.map((r: any) => r.endLine))).toBeLessThanOrEqual(9);
  });
});

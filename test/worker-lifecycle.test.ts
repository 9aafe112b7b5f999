import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDelivery, createApiFixture, type ApiFixture } from './support/api-fixture.js';
import { startTestWorker, stopTestWorker, waitForWorkerIdle } from './support/worker.js';
import type { WorkerRuntime } from '../apps/worker/src/index.js';

// A pair's life as submissions change: lost jobs come back through the sweeper; a resubmission
// re-pairs the student; an abandoned resubmission hands the student back to the earlier one; a
// dismissed pair stays dismissed until a resubmission copies more.
const SECRET = 'lifecycle-secret-31';
const ORIGINAL = `def mean(xs):
    return sum(xs) / len(xs)

def variance(xs):
    m = mean(xs)
    return sum((x - m) ** 2 for x in xs) / len(xs)

def report(xs):
    print("n =", len(xs))
    print("mean =", round(mean(xs), 3))
    print("variance =", round(variance(xs), 3))
    print("min/max =", min(xs), max(xs))

values = [float(v) for v in input("numbers: ").split()]
if values:
    report(values)
else:
    print("nothing to do")
`;
// Copies the first two functions only, then goes its own way.
const PARTIAL = `def mean(xs):
    return sum(xs) / len(xs)

def variance(xs):
    m = mean(xs)
    return sum((x - m) ** 2 for x in xs) / len(xs)

line = input("numbers: ")
parts = line.split(",")
nums = []
for p in parts:
    p = p.strip()
    if p:
        nums.append(int(p))
total = 0
for n in nums:
    total = total + n
print(total, len(nums))
`;
const OWN = `word = input("word: ")
reversed_word = ""
for ch in word:
    reversed_word = ch + reversed_word
verdict = "is" if word.lower() == reversed_word.lower() else "is not"
print(word, verdict, "a palindrome")
`;

let fx: ApiFixture;
let runtime: WorkerRuntime | undefined;
let classroomId: number;

const post = (opts: { studentId: number; submissionId: number; content: string; time: string; status?: string }) =>
  request(fx.app).post(`/webhooks/replit/${classroomId}`).send(buildDelivery({
    secret: SECRET, assignmentId: 7300, studentId: opts.studentId, submissionId: opts.submissionId,
    content: opts.content, timeSubmitted: `2024-05-01T${opts.time}:00.000Z`, status: opts.status,
  }));

async function thePair(): Promise<{ id: number; similarity: number; verdict: string; submissions: number[] } | undefined> {
  const { rows } = await fx.db.pool.query('SELECT id, similarity, verdict, submission_a, submission_b FROM pairs');
  expect(rows.length).toBeLessThanOrEqual(1);
  const r = rows[0];
  return r && { id: r.id, similarity: r.similarity, verdict: r.verdict, submissions: [r.submission_a, r.submission_b].sort((a, b) => a - b) };
}

beforeAll(async () => {
  fx = await createApiFixture();
  const teacher = await fx.addTeacher('Owner');
  classroomId = await fx.addClassroom(teacher.id, SECRET, 'Lifecycle class');
});
afterAll(async () => {
  await stopTestWorker(runtime);
  await fx?.close();
});

describe('a pair over time', () => {
  let original: number;
  let partial: number;

  it('comes back through the sweeper when Redis lost the jobs', async () => {
    original = (await post({ studentId: 1, submissionId: 1001, content: ORIGINAL, time: '09:00' })).body.submissionId;
    partial = (await post({ studentId: 2, submissionId: 2001, content: PARTIAL, time: '09:30' })).body.submissionId;
    // Redis restarted: the jobs are gone, Postgres still says queued, and it has been a while.
    await fx.deps.analyzeQueue.obliterate({ force: true });
    await fx.db.pool.query("UPDATE submissions SET updated_at = now() - interval '10 minutes'");
    runtime = await startTestWorker(fx.db.pool, fx.deps.config.queuePrefix, { tuning: { sweepAfterSeconds: 180 } });
    expect(await runtime.sweeper.sweepOnce()).toBe(2);
    await waitForWorkerIdle(fx.db.pool, runtime);
    const pair = await thePair();
    expect(pair?.submissions).toEqual([original, partial].sort((a, b) => a - b));
    expect(pair!.similarity).toBeGreaterThan(0.2);
    expect(pair!.similarity).toBeLessThan(0.9);
  });

  it('stays dismissed through re-deliveries and rescoring', async () => {
    const before = await thePair();
    await fx.db.pool.query("UPDATE pairs SET verdict = 'dismissed', dismissed_similarity = similarity, verdict_at = now()");
    expect((await post({ studentId: 2, submissionId: 2001, content: PARTIAL, time: '09:30' })).status).toBe(200);
    await runtime!.analyzeQueue.add('analyze', { submissionId: partial, revision: 1 }, { jobId: 'forced-reanalysis' });
    await waitForWorkerIdle(fx.db.pool, runtime!);
    expect(await thePair()).toEqual({ ...before, verdict: 'dismissed' });
  });

  it('reopens when a resubmission copies more', async () => {
    const full = (await post({ studentId: 2, submissionId: 2002, content: ORIGINAL, time: '10:00' })).body.submissionId;
    await waitForWorkerIdle(fx.db.pool, runtime!);
    const pair = await thePair();
    expect(pair).toMatchObject({ verdict: 'open', similarity: 1, submissions: [original, full].sort((a, b) => a - b) });
    const { rows } = await fx.db.pool.query('SELECT analysis_status, analysis_reason FROM submissions WHERE id = $1', [partial]);
    expect(rows[0].analysis_status).toBe('analysed');
  });

  it('goes when a resubmission shares nothing, and comes back when that one is abandoned', async () => {
    await post({ studentId: 2, submissionId: 2003, content: OWN, time: '11:00' });
    await waitForWorkerIdle(fx.db.pool, runtime!);
    expect(await thePair()).toBeUndefined();
    // The platform re-sends the newest submission as abandoned: the student is their 10:00 copy again.
    expect((await post({ studentId: 2, submissionId: 2003, content: OWN, time: '11:00', status: 'abandoned' })).status).toBe(200);
    await waitForWorkerIdle(fx.db.pool, runtime!);
    expect(await thePair()).toMatchObject({ similarity: 1, verdict: 'open' });
  });
});

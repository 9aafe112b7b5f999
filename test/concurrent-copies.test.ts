import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDelivery, createApiFixture, type ApiFixture } from './support/api-fixture.js';
import { startTestWorker, stopTestWorker, waitForWorkerIdle } from './support/worker.js';
import type { WorkerRuntime } from '../apps/worker/src/index.js';

// Two students submit the same program at the same instant and the worker analyses both at once
// (concurrency 2). Each analysis commits its fingerprints before querying the index, so the
// later query always sees the earlier commit and the pair cannot slip between them (DESIGN 6).
const SECRET = 'concurrent-secret-77';
const PROGRAM = `def collatz_steps(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps

best, best_n = 0, 1
for start in range(1, 10000):
    s = collatz_steps(start)
    if s > best:
        best, best_n = s, start
print("longest chain below 10000 starts at", best_n, "with", best, "steps")
`;
const ROUNDS = 8;

let fx: ApiFixture;
let runtime: WorkerRuntime;
let classroomId: number;

beforeAll(async () => {
  fx = await createApiFixture();
  const teacher = await fx.addTeacher('Owner');
  classroomId = await fx.addClassroom(teacher.id, SECRET, 'Concurrent class');
  runtime = await startTestWorker(fx.db.pool, fx.deps.config.queuePrefix, { concurrency: 2 });
});
afterAll(async () => {
  await stopTestWorker(runtime);
  await fx?.close();
});

const post = (body: Record<string, unknown>) => request(fx.app).post(`/webhooks/replit/${classroomId}`).send(body);

describe('two copies posted at the same moment', () => {
  it('are paired in every round, whichever analysis commits first', async () => {
    // Each round is its own assignment, both copies posted together; all rounds at once.
    const rounds = Array.from({ length: ROUNDS }, (_, r) => [0, 1].map((side) => buildDelivery({
      secret: SECRET,
      assignmentId: 9100 + r,
      studentId: 300 + side,
      submissionId: 500 + r * 2 + side,
      content: PROGRAM,
    })));
    const answers = await Promise.all(rounds.flat().map((body) => post(body)));
    expect(answers.map((a) => a.status)).toEqual(Array(ROUNDS * 2).fill(202));
    await waitForWorkerIdle(fx.db.pool, runtime);

    const { rows } = await fx.db.pool.query(
      `SELECT a.platform_id AS assignment, p.similarity, p.flagged,
              ARRAY[p.submission_a, p.submission_b] AS submissions
         FROM pairs p JOIN assignments a ON a.id = p.assignment_id ORDER BY a.platform_id`,
    );
    expect(rows.map((r) => r.assignment)).toEqual(Array.from({ length: ROUNDS }, (_, r) => 9100 + r));
    for (const [r, row] of rows.entries()) {
      const expected = answers.slice(r * 2, r * 2 + 2).map((a) => a.body.submissionId).sort((x: number, y: number) => x - y);
      expect(row.submissions.map(Number).sort((x: number, y: number) => x - y)).toEqual(expected);
      expect(row.similarity).toBe(1);
      expect(row.flagged).toBe(true);
    }
  });
});

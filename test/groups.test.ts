import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDelivery, createApiFixture, type ApiFixture } from './support/api-fixture.js';
import { startTestWorker, stopTestWorker, waitForWorkerIdle } from './support/worker.js';
import type { WorkerRuntime } from '../apps/worker/src/index.js';

// Issue 4 Must-show, comparison groups. One teacher owns three classrooms: two sections of this
// term (A, B) and last term's class (R). Student a1 in A and b1 in B hand in the same program;
// r1 and r2 copied each other last term. Linking A and B (active) with R (reference):
//   the copy across the two sections is flagged; r1 and r2 are never paired with each other;
//   linking a classroom the caller cannot see answers like a missing id.
const PRIMES = `def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True

count = 0
for k in range(2, 5000):
    if is_prime(k):
        count += 1
print("primes below 5000:", count)
`;
// The same program with every name changed, as a copier would hand it in.
const PRIMES_RENAMED = PRIMES.replace(/is_prime/g, 'check').replace(/\bd\b/g, 'div').replace(/count/g, 'total').replace(/\bk\b/g, 'x');
const WORDS = `text = input("sentence: ")
words = text.split()
longest = ""
for w in words:
    if len(w) > len(longest):
        longest = w
vowels = sum(1 for ch in text.lower() if ch in "aeiou")
print("words:", len(words))
print("longest:", longest)
print("vowels:", vowels)
`;
const TEMPS = `readings = []
while True:
    line = input("temperature (blank to stop): ")
    if line == "":
        break
    readings.append(float(line))
if readings:
    avg = sum(readings) / len(readings)
    above = [r for r in readings if r > avg]
    print("average", round(avg, 2), "above average:", len(above))
else:
    print("no readings")
`;
const OLD_TERM = `import random
secret = random.randint(1, 100)
tries = 0
while True:
    guess = int(input("guess: "))
    tries += 1
    if guess < secret:
        print("higher")
    elif guess > secret:
        print("lower")
    else:
        print("got it in", tries, "tries")
        break
`;

let fx: ApiFixture;
let runtime: WorkerRuntime;
let owner: { id: number; token: string };
let outsider: { id: number; token: string };
const classrooms: Record<string, number> = {};
const assignments: Record<string, number> = {};
let groupId: number;

const deliver = async (room: string, secret: string, assignmentId: number, studentId: number, submissionId: number, content: string) => {
  const res = await request(fx.app).post(`/webhooks/replit/${classrooms[room]}`)
    .send(buildDelivery({ secret, assignmentId, studentId, submissionId, content }));
  expect(res.status).toBe(202);
  return res.body.submissionId as number;
};
const assignmentOf = async (submissionId: number): Promise<number> =>
  (await fx.db.pool.query('SELECT assignment_id FROM submissions WHERE id = $1', [submissionId])).rows[0].assignment_id;
const api = (method: 'get' | 'post' | 'delete', path: string, token: string) =>
  request(fx.app)[method](path).set('Authorization', `Bearer ${token}`);

/** Pairs as "platform student id ~ platform student id", with the classroom of each side. */
async function listPairs(): Promise<Map<string, { flagged: boolean; home: number; similarity: number; cross: boolean }>> {
  const { rows } = await fx.db.pool.query(
    `SELECT sa.platform_id AS a, sb.platform_id AS b, p.flagged, p.assignment_id, p.similarity,
            xa.assignment_id <> xb.assignment_id AS cross
       FROM pairs p JOIN students sa ON sa.id = p.student_a JOIN students sb ON sb.id = p.student_b
       JOIN submissions xa ON xa.id = p.submission_a JOIN submissions xb ON xb.id = p.submission_b`,
  );
  return new Map(rows.map((r) => [[r.a, r.b].sort().join(' ~ '), { flagged: r.flagged, home: r.assignment_id, similarity: r.similarity, cross: r.cross }]));
}

beforeAll(async () => {
  fx = await createApiFixture();
  owner = await fx.addTeacher('Owner');
  outsider = await fx.addTeacher('Outsider');
  for (const room of ['A', 'B', 'R']) classrooms[room] = await fx.addClassroom(owner.id, `secret-${room}-123`, `Section ${room}`);
  classrooms.X = await fx.addClassroom(outsider.id, 'secret-X-123', 'Not yours');
  classrooms.Y = await fx.addClassroom(outsider.id, 'secret-Y-123', 'You assist');
  await fx.db.pool.query("INSERT INTO classroom_members (classroom_id, teacher_id, role) VALUES ($1, $2, 'assistant')", [classrooms.Y, owner.id]);
  runtime = await startTestWorker(fx.db.pool, fx.deps.config.queuePrefix);

  assignments.A = await assignmentOf(await deliver('A', 'secret-A-123', 7101, 1, 101, PRIMES));
  await deliver('A', 'secret-A-123', 7101, 2, 102, WORDS);
  assignments.B = await assignmentOf(await deliver('B', 'secret-B-123', 7102, 3, 103, PRIMES_RENAMED));
  await deliver('B', 'secret-B-123', 7102, 4, 104, TEMPS);
  assignments.R = await assignmentOf(await deliver('R', 'secret-R-123', 7103, 5, 105, WORDS.replace('vowels', 'v')));
  assignments.X = await assignmentOf(await deliver('X', 'secret-X-123', 7104, 6, 106, PRIMES));
  assignments.Y = await assignmentOf(await deliver('Y', 'secret-Y-123', 7105, 7, 107, PRIMES));
  await waitForWorkerIdle(fx.db.pool, runtime);
});
afterAll(async () => {
  await stopTestWorker(runtime);
  await fx?.close();
});

describe('comparison groups', () => {
  it('compares nothing across classrooms before they are linked', async () => {
    expect((await listPairs()).has('1 ~ 3')).toBe(false);
  });

  it('refuses to link a classroom the caller cannot see, exactly like a missing assignment', async () => {
    const hidden = await api('post', '/api/groups', owner.token).send({ assignments: [{ id: assignments.A }, { id: assignments.X }] });
    const missing = await api('post', '/api/groups', owner.token).send({ assignments: [{ id: assignments.A }, { id: 987654321 }] });
    expect(hidden.status).toBe(404);
    expect({ status: hidden.status, body: hidden.text }).toEqual({ status: missing.status, body: missing.text });
    const assisted = await api('post', '/api/groups', owner.token).send({ assignments: [{ id: assignments.A }, { id: assignments.Y }] });
    expect(assisted.status).toBe(403);
    const bad = await api('post', '/api/groups', owner.token).send({ assignments: [{ id: assignments.A, kind: 'reference' }, { id: assignments.R, kind: 'reference' }] });
    expect(bad.status).toBe(400);
    const { rows } = await fx.db.pool.query('SELECT count(*)::int AS n FROM comparison_groups');
    expect(rows[0].n).toBe(0);
  });

  it('links two sections and last term, and flags the copy across the sections', async () => {
    const res = await api('post', '/api/groups', owner.token).send({
      assignments: [{ id: assignments.A, kind: 'active' }, { id: assignments.B, kind: 'active' }, { id: assignments.R, kind: 'reference' }],
    });
    expect(res.status).toBe(201);
    groupId = res.body.id;
    expect(res.body.assignments.map((a: { id: number; kind: string }) => [a.id, a.kind])).toEqual(
      [[assignments.A, 'active'], [assignments.B, 'active'], [assignments.R, 'reference']],
    );
    // Last term's two copies arrive after the link.
    await deliver('R', 'secret-R-123', 7103, 8, 108, OLD_TERM);
    await deliver('R', 'secret-R-123', 7103, 9, 109, OLD_TERM);
    await waitForWorkerIdle(fx.db.pool, runtime);

    const pairs = await listPairs();
    const cross = pairs.get('1 ~ 3');
    expect(cross).toMatchObject({ flagged: true, home: Math.min(assignments.A, assignments.B) });
    expect(cross!.similarity).toBeGreaterThan(0.9);
    expect(pairs.has('8 ~ 9')).toBe(false);
    // A reference submission is still compared with this term's work (r0 wrote a variant of a2's program).
    expect(pairs.get('2 ~ 5')?.home).toBe(assignments.A);
  });

  it('answers an assignment already in a group with 409', async () => {
    const res = await api('post', '/api/groups', owner.token).send({ assignments: [{ id: assignments.A }, { id: assignments.R }] });
    expect(res.status).toBe(409);
  });

  it('shows the group to its owner and hides it from others like a missing one', async () => {
    const mine = await api('get', `/api/groups/${groupId}`, owner.token);
    expect(mine.status).toBe(200);
    expect(mine.body.assignments).toHaveLength(3);
    const hidden = await api('get', `/api/groups/${groupId}`, outsider.token);
    const missing = await api('get', '/api/groups/987654321', outsider.token);
    expect({ status: hidden.status, body: hidden.text }).toEqual({ status: 404, body: missing.text });
    expect((await api('delete', `/api/groups/${groupId}`, outsider.token)).status).toBe(404);
  });

  it('unlinks: pairs across assignments go, pairs inside one stay', async () => {
    const before = await listPairs();
    expect([...before.values()].filter((p) => p.cross).length).toBeGreaterThanOrEqual(2);
    expect((await api('delete', `/api/groups/${groupId}`, owner.token)).status).toBe(204);
    const after = await listPairs();
    expect([...after.keys()].sort()).toEqual([...before].filter(([, p]) => !p.cross).map(([k]) => k).sort());
    expect(after.has('1 ~ 3')).toBe(false);
    expect((await api('get', `/api/groups/${groupId}`, owner.token)).status).toBe(404);
  });
});

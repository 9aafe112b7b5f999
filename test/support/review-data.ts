import request from 'supertest';
import type { Queue } from 'bullmq';
import { createQueue, RESCORE_QUEUE, type RescoreJob } from '../../packages/queue/src/index.js';
import { analyzeSubmissionById, DEFAULT_TUNING, rescoreScope } from '../../apps/worker/src/index.js';
import { buildDelivery, type ApiFixture } from './api-fixture.js';

// Data for the review API tests: real webhook deliveries, analysed by the worker's own functions
// run in-process (no BullMQ consumer, so the tests decide exactly when analysis happens).

/** An original program, long enough for many fingerprints (k = 12 tokens). */
export const ORIGINAL = `def read_scores(path):
    scores = []
    with open(path) as handle:
        for line in handle:
            name, value = line.strip().split(",")
            scores.append((name, int(value)))
    return scores

def average(scores):
    total = 0
    for _, value in scores:
        total += value
    return total / len(scores) if scores else 0

def best(scores):
    top = None
    for name, value in scores:
        if top is None or value > top[1]:
            top = (name, value)
    return top

if __name__ == "__main__":
    data = read_scores("scores.csv")
    print("average", average(data))
    print("best", best(data))
`;

/** The original with renamed identifiers and changed layout: the same token stream. */
export const DISGUISED = ORIGINAL
  .replace(/scores/g, 'marks').replace(/handle/g, 'fh').replace(/value/g, 'v').replace(/top/g, 'winner')
  .replace(/total/g, 'acc').replace(/read_marks/g, 'load');

/** Half of the original: a copy of its first two functions only. */
export const PARTIAL = ORIGINAL.split('def best')[0].replace(/scores/g, 'items');

/** An independent solution of another task. */
export const INDEPENDENT = `import sys

class Stack:
    def __init__(self):
        self.items = []

    def push(self, item):
        self.items.append(item)

    def pop(self):
        if not self.items:
            raise IndexError("empty stack")
        return self.items.pop()

def balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = Stack()
    for ch in text:
        if ch in "([{":
            stack.push(ch)
        elif ch in pairs:
            try:
                if stack.pop() != pairs[ch]:
                    return False
            except IndexError:
                return False
    return not stack.items

for line in sys.stdin:
    print(balanced(line.strip()))
`;

export interface DeliveryInput {
  secret: string;
  studentId: number;
  submissionId: number;
  content: string;
  assignment?: { id: number; name: string };
  firstName?: string;
  lastName?: string;
  timeSubmitted?: string;
  status?: string;
}

/** A delivery body as the platform sends it, with the names and assignment the test chooses. */
export function makeDelivery(input: DeliveryInput): Record<string, any> {
  const body = buildDelivery({
    secret: input.secret, studentId: input.studentId, submissionId: input.submissionId, content: input.content,
    assignmentId: input.assignment?.id, timeSubmitted: input.timeSubmitted, status: input.status,
  }) as Record<string, any>;
  if (input.assignment) body.assignment.name = input.assignment.name;
  if (input.firstName !== undefined) body.student.first_name = input.firstName;
  if (input.lastName !== undefined) body.student.last_name = input.lastName;
  return body;
}

/** Posts a delivery through the webhook; the stored submission's id. */
export async function deliver(f: ApiFixture, classroomId: number, input: DeliveryInput): Promise<number> {
  const res = await request(f.app).post(`/webhooks/replit/${classroomId}`).send(makeDelivery(input));
  if (res.status !== 202 && res.status !== 200) throw new Error(`delivery answered ${res.status}: ${res.text}`);
  return res.body.submissionId as number;
}

export interface InlineWorker {
  analyze(submissionIds: number[]): Promise<void>;
  rescore(assignmentId: number): Promise<void>;
  close(): Promise<void>;
}

/** The worker's analysis and rescore, called directly on the fixture's database. */
export function createInlineWorker(f: ApiFixture): InlineWorker {
  const rescoreQueue: Queue<RescoreJob> = createQueue<RescoreJob>(RESCORE_QUEUE, f.deps.redis, f.deps.config.queuePrefix, f.deps.log);
  const deps = { pool: f.db.pool, log: f.deps.log, analyzeQueue: f.deps.analyzeQueue, rescoreQueue, tuning: { ...DEFAULT_TUNING } };
  return {
    async analyze(submissionIds) {
      // In order, as one worker would: each submission finds the ones analysed before it.
      for (const id of submissionIds) await analyzeSubmissionById(deps, id);
    },
    async rescore(assignmentId) {
      await rescoreScope(f.db.pool, assignmentId);
    },
    async close() {
      await rescoreQueue.obliterate({ force: true }).catch(() => undefined);
      await rescoreQueue.close();
    },
  };
}

export function bearer(token: string): [string, string] {
  return ['Authorization', `Bearer ${token}`];
}

/** The independent solution with renamed identifiers: a copy of it. */
export const INDEPENDENT_COPY = INDEPENDENT.replace(/stack/g, 'pile').replace(/Stack/g, 'Pile').replace(/items/g, 'elems').replace(/text/g, 's');

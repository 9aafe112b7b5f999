import { createLogger, loadConfig, type Config } from '../../packages/config/src/index.js';
import { createClassroomWithOwner, createTeacher, issueToken } from '../../packages/db/src/index.js';
import { ANALYZE_QUEUE, RESCORE_QUEUE, createProducerConnection, createQueue, type AnalyzeJob } from '../../packages/queue/src/index.js';
import { createApp, type AppDeps } from '../../apps/ingest/src/index.js';
import { createTestDatabase, uniquePrefix, type TestDatabase } from './database.js';
import { TEST_REDIS_URL } from './services.js';

export const TEST_PEPPER = 'test-pepper-for-crosscheck-0123456789';

export interface ApiFixture {
  db: TestDatabase;
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  /** A teacher with one token: `Authorization: Bearer ${token}`. */
  addTeacher(name: string, opts?: { isAdmin?: boolean }): Promise<{ id: number; token: string; tokenId: number }>;
  addClassroom(ownerId: number, secret: string, name?: string): Promise<number>;
  close(): Promise<void>;
}

/** The whole app on a fresh database and a unique queue prefix, for one test file. */
export async function createApiFixture(env: Record<string, string> = {}): Promise<ApiFixture> {
  const db = await createTestDatabase();
  const config: Config = loadConfig({
    NODE_ENV: 'test', DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, SECRET_PEPPER: TEST_PEPPER,
    LOG_LEVEL: 'silent', QUEUE_PREFIX: uniquePrefix(), PUBLIC_URL: 'http://crosscheck.test', ...env,
  });
  const log = createLogger({ level: 'silent' });
  const redis = createProducerConnection(config.redisUrl, log);
  const analyzeQueue = createQueue<AnalyzeJob>(ANALYZE_QUEUE, redis, config.queuePrefix, log);
  const deps: AppDeps = { config, log, pool: db.pool, redis, analyzeQueue };
  return {
    db,
    deps,
    app: createApp(deps),
    async addTeacher(name, opts = {}) {
      const { id } = await createTeacher(db.pool, { name, isAdmin: opts.isAdmin });
      const t = await issueToken(db.pool, TEST_PEPPER, id, 'test');
      return { id, token: t.token, tokenId: t.id };
    },
    async addClassroom(ownerId, secret, name = 'Class') {
      return (await createClassroomWithOwner(db.pool, TEST_PEPPER, { name, secret, ownerId })).id;
    },
    async close() {
      // Routes open the rescore queue on the shared connection; both queues live under this file's prefix.
      const rescoreQueue = createQueue(RESCORE_QUEUE, redis, config.queuePrefix, log);
      for (const queue of [analyzeQueue, rescoreQueue]) {
        await queue.obliterate({ force: true }).catch(() => undefined);
        await queue.close();
      }
      redis.disconnect();
      await db.drop();
    },
  };
}

/** A `student_submits_assignment` body with platform ids, as the real platform sends them. */
export function buildDelivery(opts: {
  secret: string;
  studentId: number;
  submissionId: number;
  assignmentId?: number;
  timeSubmitted?: string;
  content?: string;
  status?: string;
}): Record<string, unknown> {
  return {
    assignment: { id: opts.assignmentId ?? 7001, name: 'Lab 1', type: 'input_output' },
    classroom: { id: 5001, name: 'Test Class', webhook_secret: opts.secret },
    submission: {
      id: opts.submissionId,
      status: opts.status ?? 'complete',
      time_submitted: opts.timeSubmitted ?? '2024-03-05T15:20:00.000Z',
      time_created: '2024-03-05T15:00:00.000Z',
      files: [{ name: 'main.py', content: opts.content ?? `total = 0\nfor i in range(${opts.submissionId % 97}):\n    total += i\nprint(total)\n` }],
    },
    student: { id: opts.studentId, first_name: 'Test', last_name: `Student${opts.studentId}`, email: `${opts.studentId}@students.example.test` },
    event_name: 'student_submits_assignment',
  };
}

import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashSecret } from '@crosscheck/db';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { TEST_PG_ADMIN_URL, databaseUrl } from '../../../../test/support/services.js';
import { run } from './classroom.js';

const PEPPER = 'classroom-cli-test-pepper-0123456789';
let db: TestDatabase;
const emptyDb = `cc_t_empty_${process.pid}`;
const savedEnv = { ...process.env };

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  await admin(`CREATE DATABASE ${emptyDb}`);
});
afterAll(async () => {
  await db?.drop();
  await admin(`DROP DATABASE IF EXISTS ${emptyDb} WITH (FORCE)`);
});
afterEach(() => {
  process.env = { ...savedEnv };
  vi.restoreAllMocks();
});

function useEnv(url: string): { out: string[]; err: string[] } {
  process.env = { ...savedEnv, NODE_ENV: 'test', DATABASE_URL: url, SECRET_PEPPER: PEPPER, PUBLIC_URL: 'https://cc.example.test/' };
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  return { out, err };
}

describe('crosscheck classroom create', () => {
  it('creates the classroom, its owner and a token, and prints them as JSON', async () => {
    const { out } = useEnv(db.url);
    expect(await run(['create', '--name', 'Period 2', '--secret', 'cli-secret-1', '--teacher-name', 'Ms Example'])).toBe(0);
    const printed = JSON.parse(out.join('\n'));
    expect(printed).toEqual({
      classroomId: expect.any(Number),
      webhookUrl: `https://cc.example.test/webhooks/replit/${printed.classroomId}`,
      apiToken: expect.stringMatching(/^cct_/),
      teacherId: expect.any(Number),
    });
    const { rows } = await db.pool.query(
      `SELECT c.name, c.secret_hash, t.name AS teacher, m.role,
              (SELECT token_hash FROM api_tokens WHERE teacher_id = t.id) AS token_hash
         FROM classrooms c JOIN classroom_members m ON m.classroom_id = c.id JOIN teachers t ON t.id = m.teacher_id
        WHERE c.id = $1`,
      [printed.classroomId],
    );
    expect(rows).toEqual([{
      name: 'Period 2',
      secret_hash: hashSecret(PEPPER, 'cli-secret-1'),
      teacher: 'Ms Example',
      role: 'owner',
      token_hash: hashSecret(PEPPER, printed.apiToken),
    }]);
  });

  it.each([
    ['an empty database', () => databaseUrl(emptyDb), 'the database schema is missing'],
    ['a database that does not exist', () => databaseUrl('cc_t_never_created'), 'the database in DATABASE_URL does not exist yet'],
  ])('tells to migrate first on %s', async (_label, url, problem) => {
    const { err } = useEnv(url());
    expect(await run(['create', '--name', 'X', '--secret', 'y'])).toBe(1);
    expect(err.join('\n')).toContain(problem);
    expect(err.join('\n')).toContain('run `npm start` or `npx crosscheck migrate` first');
  });

  it('says which Postgres it could not reach', async () => {
    const { err } = useEnv('postgres://postgres@127.0.0.1:1/crosscheck');
    expect(await run(['create', '--name', 'X', '--secret', 'y'])).toBe(1);
    expect(err.join('\n')).toContain('Postgres is not reachable at postgres://postgres@127.0.0.1:1/crosscheck');
  });

  it('requires --name and --secret, and the create subcommand', async () => {
    useEnv(db.url);
    await expect(run(['create', '--name', 'X'])).rejects.toThrow('--secret is required');
    expect(await run(['delete'])).toBe(2);
  });
});

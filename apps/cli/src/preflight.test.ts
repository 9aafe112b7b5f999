/**
 * What `npm start`, `migrate` and `classroom create` say when a service is not there, tried against
 * the real local Postgres and Redis:
 *
 * | URL                                   | what happens                 | the message must say            |
 * | ------------------------------------- | ---------------------------- | ------------------------------- |
 * | Postgres, port 1                      | nothing listens              | not reachable, how to start it  |
 * | Postgres, its port, role that is none | the server answers, refuses  | running; check the URL's user   |
 * | Redis, port 1                         | nothing listens              | redis-server with --port 1      |
 * | Redis, its port, user that is none    | WRONGPASS                    | running; check the URL          |
 */
import { describe, expect, it } from 'vitest';
import { runPreflight } from './preflight.js';

const PG = new URL(process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const REDIS = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

function withUrl(base: URL, change: (u: URL) => void): string {
  const u = new URL(base.toString());
  change(u);
  return u.toString();
}

describe('runPreflight', () => {
  it('answers no problem when both services answer', async () => {
    expect(await runPreflight({ databaseUrl: PG.toString(), redisUrl: REDIS.toString() })).toEqual([]);
  });

  it('names each unreachable service with start commands for the port in its URL', async () => {
    const problems = await runPreflight({
      databaseUrl: withUrl(PG, (u) => { u.port = '1'; }),
      redisUrl: withUrl(REDIS, (u) => { u.port = '1'; }),
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^Postgres is not reachable at postgres:\/\/[^ ]*:1\/postgres \(DATABASE_URL\)/);
    expect(problems[0]).toContain('set port = 1 in its postgresql.conf');
    expect(problems[0]).toContain('POSTGRES_PUBLISH_PORT=1 docker compose up -d postgres');
    expect(problems[1]).toMatch(/^Redis is not reachable at redis:\/\/[^ ]*:1 \(REDIS_URL\)/);
    expect(problems[1]).toContain('redis-server --daemonize yes --bind 127.0.0.1 --port 1 --save "" --appendonly no');
    expect(problems[1]).toContain('REDIS_PUBLISH_PORT=1 docker compose up -d redis');
  });

  it('says a service that answered and refused is running, and never shows the password', async () => {
    const problems = await runPreflight({
      databaseUrl: withUrl(PG, (u) => { u.username = 'cc_no_such_role'; u.password = 'hunter2-secret'; }),
      redisUrl: withUrl(REDIS, (u) => { u.username = 'cc_no_such_user'; u.password = 'hunter2-secret'; }),
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^Postgres at postgres:\/\/cc_no_such_role:\*\*\*@.* answered but refused the connection: /);
    expect(problems[0]).toContain('check the user, password and database in DATABASE_URL');
    expect(problems[0]).not.toContain('pg_ctlcluster');
    expect(problems[1]).toMatch(/^Redis at redis:\/\/cc_no_such_user:\*\*\*@.* answered but refused the connection: WRONGPASS/);
    expect(problems[1]).not.toContain('redis-server');
    expect(problems.join('\n')).not.toContain('hunter2-secret');
  });

  it('gives no local start command for a service on another host', async () => {
    const [problem] = await runPreflight({ redisUrl: 'redis://cc-no-such-host.invalid:6379' });
    expect(problem).toContain('check that Redis runs on cc-no-such-host.invalid:6379');
    expect(problem).not.toContain('redis-server');
  });
});

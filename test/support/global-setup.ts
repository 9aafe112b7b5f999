import pg from 'pg';
import { Redis } from 'ioredis';
import { createPool, migrate } from '../../packages/db/src/index.js';
import type { TestProject } from 'vitest/node';
import { TEST_PG_ADMIN_URL, TEST_REDIS_URL, databaseUrl, runIdOf, templateName } from './services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    ccRunId: number;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Builds one migrated template database; each test file clones it (graphile-worker's
 * approach), so integration tests are isolated without re-running migrations.
 * Fails loudly when a service is down: these tests are never skipped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = process.pid;
  const TEMPLATE_DB = templateName(runId);
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `Postgres is not reachable at ${TEST_PG_ADMIN_URL} (${(err as Error).message}). Start it: ` +
        'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start, or docker compose up -d postgres',
    );
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `Redis is not reachable at ${TEST_REDIS_URL} (${(err as Error).message}). Start it: ` +
        'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no, or docker compose up -d redis',
    );
  } finally {
    redis.disconnect();
  }

  // Leftovers of interrupted earlier runs; databases of runs still going on are left alone.
  const stale = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'cc\\_t%'");
  for (const { datname } of stale.rows) {
    const owner = runIdOf(datname);
    if (owner !== null && !isAlive(owner)) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  const pool = createPool(databaseUrl(TEMPLATE_DB));
  await migrate(pool);
  await pool.end();
  await admin.end();
  project.provide('ccRunId', runId);

  return async () => {
    const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await c.connect();
    const mine = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'cc\\_t%'");
    for (const { datname } of mine.rows) {
      if (runIdOf(datname) === runId) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await c.end();
  };
}

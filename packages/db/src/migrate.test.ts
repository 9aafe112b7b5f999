import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPool, migrate } from './index.js';
import { TEST_PG_ADMIN_URL, databaseUrl } from '../../../test/support/services.js';

// Migrations are tested from empty, re-run, and run concurrently.
const name = `cc_t_migrate_${process.pid}`;
let admin: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
});
afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe('migrate', () => {
  it('applies every migration once, even when three processes race', async () => {
    const pools = [0, 1, 2].map(() => createPool(databaseUrl(name)));
    const results = await Promise.all(pools.map((p) => migrate(p)));
    const applied = results.flat();
    expect(applied.length).toBeGreaterThan(0);
    expect(new Set(applied).size).toBe(applied.length);
    expect(await migrate(pools[0])).toEqual([]);
    const tables = await pools[0].query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('submissions','fingerprints','pairs')");
    expect(tables.rows[0].n).toBe(3);
    await Promise.all(pools.map((p) => p.end()));
  });
});

import pg from 'pg';
import type { Logger } from '@crosscheck/config';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

// bigint (int8) and count(*) come back as strings; ids here stay below 2^53, so numbers are safe.
pg.types.setTypeParser(20, (v: string) => Number(v));

export function createPool(databaseUrl: string, log?: Logger, max = 10): Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process.
  pool.on('error', (err) => log?.error({ err }, 'postgres pool error'));
  return pool;
}

/** Runs fn in one transaction on one checked-out client, released in finally. */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

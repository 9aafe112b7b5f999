import pg from 'pg';
import { describeServiceFailure, readServiceAddress } from '@crosscheck/config';

/** `problem` is the whole message for an operator: which URL, why, and how to start Postgres or what to check. */
export type PostgresCheck = { ok: true; databaseMissing: boolean } | { ok: false; reason: string; problem: string };

// Postgres "invalid_catalog_name": the server answered, only the database is not there yet.
const DATABASE_MISSING = '3D000';

/**
 * Tells whether the Postgres server behind databaseUrl answers, before anything else
 * starts: a missing database still counts as reachable, since ensureDatabase creates it.
 */
export async function checkPostgres(databaseUrl: string, timeoutMs = 3000): Promise<PostgresCheck> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  // A server dropping the connection after connect must not crash the caller.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true, databaseMissing: false };
  } catch (err) {
    if ((err as { code?: string }).code === DATABASE_MISSING) return { ok: true, databaseMissing: true };
    const reason = describeError(err);
    // A DatabaseError is the server's own answer (no such role, bad password, no permission).
    const answered = err instanceof pg.DatabaseError;
    return { ok: false, reason, problem: describeServiceFailure({ service: 'Postgres', key: 'DATABASE_URL', url: databaseUrl, reason, answered, startHints: startPostgresHints(databaseUrl) }) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function describeError(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: { message?: string }[] };
  // Connecting to "localhost" tries IPv6 and IPv4; node reports both under an AggregateError with no message.
  const message = e.message || e.errors?.map((x) => x.message).join('; ') || String(err);
  return e.code && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}

/** How to start a Postgres that answers on the URL's port, on this host or with the repo's compose file. */
function startPostgresHints(databaseUrl: string): string[] {
  const { port, local } = readServiceAddress(databaseUrl, 5432);
  if (!local) return [];
  if (port === 5432) return ['pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start', 'docker compose up -d postgres'];
  return [
    `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start  (a default cluster listens on 5432: set port = ${port} in its postgresql.conf, or use 5432 in DATABASE_URL)`,
    `POSTGRES_PUBLISH_PORT=${port} docker compose up -d postgres`,
  ];
}

import pg from 'pg';

export type PostgresCheck = { ok: true; databaseMissing: boolean } | { ok: false; reason: string };

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
    return { ok: false, reason: describeError(err) };
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

/** Where the tests find Postgres and Redis; both must be real and reachable. */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Databases of one test run carry its id (the pid of vitest's main process), so runs going on
 * at the same time never drop each other's databases; leftovers of dead runs are cleaned up.
 */
export const TEST_DB_PREFIX = 'cc_t_';
export function templateName(runId: number): string {
  return `cc_tpl_${runId}`;
}
export function cloneName(runId: number, suffix: string): string {
  return `${TEST_DB_PREFIX}${runId}_${suffix}`;
}
/** The run id a test database name belongs to, or null for names made some other way. */
export function runIdOf(name: string): number | null {
  const m = /^cc_(?:t|tpl)_(\d+)(?:_|$)/.exec(name);
  return m ? Number(m[1]) : null;
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

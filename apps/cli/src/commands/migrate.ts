import { createLogger, loadConfig, type Logger } from '@crosscheck/config';
import { createPool, ensureDatabase, migrate } from '@crosscheck/db';
import { runPreflight } from '../preflight.js';

/** `crosscheck migrate`: create the database when missing and apply pending migrations. Needs Postgres only. */
export async function run(_argv: string[]): Promise<number> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, name: 'migrate' });
  const problems = await runPreflight({ databaseUrl: config.databaseUrl });
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    return 1;
  }
  await prepareDatabase(config.databaseUrl, log);
  return 0;
}

/** Shared with `start`: one code path creates and migrates the database wherever the service runs. */
export async function prepareDatabase(databaseUrl: string, log: Logger): Promise<void> {
  const created = await ensureDatabase(databaseUrl);
  const pool = createPool(databaseUrl, log, 1);
  try {
    const applied = await migrate(pool);
    log.info({ databaseCreated: created, applied }, 'database migrated');
  } finally {
    await pool.end();
  }
}

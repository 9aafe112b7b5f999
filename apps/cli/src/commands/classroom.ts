import { loadConfig } from '@crosscheck/config';
import { buildWebhookUrl, checkPostgres, createPool, registerClassroom } from '@crosscheck/db';
import { parseArgs, requireOption } from '../args.js';

const USAGE = 'usage: crosscheck classroom create --name NAME --secret SECRET [--teacher-name NAME] [--teacher-email EMAIL]';

// Postgres codes for "the database or its tables are not there yet": the fix is to migrate.
const SCHEMA_MISSING = new Set(['3D000', '42P01']);
const MIGRATE_HINT = 'the database schema is missing: run `npm start` or `npx crosscheck migrate` first';
const CREATE_HINT = 'the database in DATABASE_URL does not exist yet: run `npm start` or `npx crosscheck migrate` first (both create it)';

/**
 * `crosscheck classroom create`: registers a classroom, its owner (a new teacher) and the
 * owner's API token, and prints what the teacher needs as JSON. Connects only; never migrates,
 * so pointing it at the wrong database cannot create a schema there.
 */
export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'create') {
    console.error(USAGE);
    return 2;
  }
  const args = parseArgs(rest);
  const input = {
    name: requireOption(args, 'name'),
    secret: requireOption(args, 'secret'),
    teacherName: typeof args.options['teacher-name'] === 'string' ? args.options['teacher-name'] : undefined,
    teacherEmail: typeof args.options['teacher-email'] === 'string' ? args.options['teacher-email'] : undefined,
  };
  if (input.name.trim() === '') throw new Error('--name must not be blank');

  const config = loadConfig();
  const check = await checkPostgres(config.databaseUrl);
  if (!check.ok) {
    // Which URL was tried, and how to start Postgres or what to check in the URL.
    console.error(check.problem);
    return 1;
  }
  if (check.databaseMissing) {
    console.error(`crosscheck: ${CREATE_HINT}`);
    return 1;
  }

  const pool = createPool(config.databaseUrl, undefined, 1);
  try {
    const created = await registerClassroom(pool, config.secretPepper, input);
    const output = {
      classroomId: created.classroomId,
      webhookUrl: buildWebhookUrl(config.publicUrl, created.classroomId),
      apiToken: created.apiToken,
      teacherId: created.teacherId,
    };
    console.log(JSON.stringify(output, null, 2));
    return 0;
  } catch (err) {
    if (SCHEMA_MISSING.has((err as { code?: string }).code ?? '')) {
      console.error(`crosscheck: ${MIGRATE_HINT}`);
      return 1;
    }
    throw err;
  } finally {
    await pool.end();
  }
}

import { ConfigError, createLogger, loadConfig, type Config } from '@crosscheck/config';
import { checkPostgres } from '@crosscheck/db';
import { checkRedis } from '@crosscheck/queue';
import { startWorker, type RunningWorker } from './runtime.js';

/** Running jobs get this long to finish after a signal; then we exit anyway. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Names the unreachable service and how to bring it up, so an operator is not left reading
 * reconnect warnings; an empty list means both answer.
 */
async function findUnreachableServices(config: Config): Promise<string[]> {
  const [pg, redis] = await Promise.all([checkPostgres(config.databaseUrl), checkRedis(config.redisUrl)]);
  const problems: string[] = [];
  if (!pg.ok) {
    problems.push(`worker: ${pg.problem}`);
  } else if (pg.databaseMissing) {
    problems.push('worker: the database in DATABASE_URL does not exist yet; run `npx crosscheck migrate` first');
  }
  if (!redis.ok) problems.push(`worker: ${redis.problem}`);
  return problems;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, name: 'worker' });
  const problems = await findUnreachableServices(config);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  // Handlers go in before the worker starts: a signal that arrives right after 'worker ready'
  // (or during start-up) must drain, not kill the process mid-job.
  let stopping = false;
  let starting: Promise<RunningWorker> | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    // Ctrl-C reaches both `crosscheck start` and us, which forwards it again: drain once.
    if (stopping) return;
    stopping = true;
    if (!starting) process.exit(0);
    void starting.then((worker) => shutDown(worker, signal, log), () => process.exit(1));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  starting = startWorker(config, log);
  await starting;
}

async function shutDown(worker: RunningWorker, signal: NodeJS.Signals, log: ReturnType<typeof createLogger>): Promise<void> {
  log.info({ signal }, 'worker draining');
  const timer = setTimeout(() => {
    log.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting');
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  try {
    await worker.stop();
    clearTimeout(timer);
    log.info('worker stopped');
    process.exitCode = 0;
  } catch (err) {
    log.error({ err }, 'error while shutting down');
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(`worker failed to start: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});

import { once } from 'node:events';
import type { Server } from 'node:http';
import { ConfigError, createLogger, loadConfig, type Logger } from '@crosscheck/config';
import { createPool, type Pool } from '@crosscheck/db';
import { ANALYZE_QUEUE, createProducerConnection, createQueue, type AnalyzeJob } from '@crosscheck/queue';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createApp } from './app.js';

/** In-flight requests get this long to finish after a signal; then connections are cut and we exit anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;
const REDIS_WAIT_MS = 3_000;

/** The ingest process: config → logger → Postgres pool → Redis and queue → app → listen → drain on signal. */
async function startIngest(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, name: 'ingest' });
  const pool = createPool(config.databaseUrl, log);
  const redis = createProducerConnection(config.redisUrl, log);
  const analyzeQueue = createQueue<AnalyzeJob>(ANALYZE_QUEUE, redis, config.queuePrefix, log);

  // The producer connection has no offline queue: a delivery arriving before it connects would be
  // stored but left for the sweeper, minutes later. Wait briefly for it, but never block on a dead
  // Redis: deliveries are still accepted and stored without it.
  if (!(await waitForRedis(redis, REDIS_WAIT_MS))) log.warn({ waitedMs: REDIS_WAIT_MS }, 'redis not ready; listening anyway');

  const app = createApp({ config, log, pool, redis, analyzeQueue });
  const server = app.listen(config.port, config.host);

  // Handlers go in before we announce readiness: a SIGTERM sent the moment a supervisor sees
  // "listening" must drain, not kill the process with the default action.
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A terminal's Ctrl-C reaches both `crosscheck start` and us, which forwards it again: drain once.
    if (stopping) return;
    stopping = true;
    void shutDown({ signal, server, analyzeQueue, pool, redis, log });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  await once(server, 'listening');
  const address = server.address();
  log.info({ port: typeof address === 'object' && address ? address.port : config.port, env: config.env }, 'ingest listening');
}

function waitForRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => { redis.off('ready', onReady); resolve(false); }, timeoutMs);
    const onReady = () => { clearTimeout(timer); resolve(true); };
    redis.once('ready', onReady);
  });
}

interface Resources {
  signal: NodeJS.Signals;
  server: Server;
  analyzeQueue: Queue<AnalyzeJob>;
  pool: Pool;
  redis: Redis;
  log: Logger;
}

/** Stop accepting, let in-flight requests finish, then close the queue, the pool and Redis, in that order. */
async function shutDown({ signal, server, analyzeQueue, pool, redis, log }: Resources): Promise<void> {
  log.info({ signal }, 'ingest draining');
  const timer = setTimeout(() => {
    log.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting');
    server.closeAllConnections();
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  try {
    await new Promise<void>((resolve) => {
      // Also resolves when a signal came before the server was listening.
      server.close(() => resolve());
      // Keep-alive sockets with no request in flight would otherwise hold close() open.
      server.closeIdleConnections();
    });
    await analyzeQueue.close();
    await pool.end();
    await redis.quit().catch(() => redis.disconnect());
    log.info('ingest stopped');
    clearTimeout(timer);
    process.exitCode = 0;
  } catch (err) {
    log.error({ err }, 'error while shutting down');
    process.exit(1);
  }
}

startIngest().catch((err: unknown) => {
  // Configuration problems are the admin's to fix: print them plainly, all at once.
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(`ingest failed to start: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});

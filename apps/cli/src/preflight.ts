import { checkPostgres } from '@crosscheck/db';
import { checkRedis } from '@crosscheck/queue';

/** How to bring each service up: on this kind of machine (a local cluster), and anywhere Docker runs. */
const START_HINTS = {
  postgres: [
    'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    'docker compose up -d postgres',
  ],
  redis: [
    'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
    'docker compose up -d redis',
  ],
} as const;

export interface PreflightTargets {
  databaseUrl?: string;
  redisUrl?: string;
}

/**
 * Checks that the services a command needs answer, and returns one readable problem per
 * service that does not (which one, the URL tried, how to start it): an empty list means go.
 */
export async function runPreflight(targets: PreflightTargets): Promise<string[]> {
  const [pg, redis] = await Promise.all([
    targets.databaseUrl ? checkPostgres(targets.databaseUrl) : undefined,
    targets.redisUrl ? checkRedis(targets.redisUrl) : undefined,
  ]);
  const problems: string[] = [];
  if (pg && !pg.ok) problems.push(describeDown('Postgres', 'DATABASE_URL', targets.databaseUrl!, pg.reason, START_HINTS.postgres));
  if (redis && !redis.ok) problems.push(describeDown('Redis', 'REDIS_URL', targets.redisUrl!, redis.reason, START_HINTS.redis));
  return problems;
}

function describeDown(service: string, key: string, url: string, reason: string, hints: readonly string[]): string {
  return [
    `${service} is not reachable at ${redactUrl(url)} (${key}): ${reason}`,
    `  start it with:   ${hints[0]}`,
    `  or with Docker:  ${hints[1]}`,
    `  or point ${key} at a running ${service}.`,
  ].join('\n');
}

/** The URL as tried, minus any password: preflight messages end up in terminals and CI logs. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable URL)';
  }
}

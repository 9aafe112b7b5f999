import { checkPostgres } from '@crosscheck/db';
import { checkRedis } from '@crosscheck/queue';

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
  if (pg && !pg.ok) problems.push(pg.problem);
  if (redis && !redis.ok) problems.push(redis.problem);
  return problems;
}

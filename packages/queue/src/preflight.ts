import { Redis, ReplyError } from 'ioredis';
import { describeServiceFailure, readServiceAddress } from '@crosscheck/config';

/** `problem` is the whole message for an operator: which URL, why, and how to start Redis or what to check. */
export type RedisCheck = { ok: true } | { ok: false; reason: string; problem: string };

/**
 * Tells whether Redis answers PING, trying once: a process about to start should
 * say that Redis is down rather than retry forever in the background.
 */
export async function checkRedis(redisUrl: string, timeoutMs = 3000): Promise<RedisCheck> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  redis.on('error', (err: Error) => { lastError = err; });
  try {
    await redis.connect();
    await redis.ping();
    return { ok: true };
  } catch (err) {
    const e = (lastError ?? err) as { message?: string; errors?: { message?: string }[] };
    const reason = e.message || e.errors?.map((x) => x.message).join('; ') || String(err);
    // A reply error is Redis itself refusing (NOAUTH, WRONGPASS): it runs, the URL's credentials are wrong.
    const answered = err instanceof ReplyError || lastError instanceof ReplyError;
    return { ok: false, reason, problem: describeServiceFailure({ service: 'Redis', key: 'REDIS_URL', url: redisUrl, reason, answered, startHints: startRedisHints(redisUrl) }) };
  } finally {
    redis.disconnect();
  }
}

/** How to start a Redis that answers on the URL's port, on this host or with the repo's compose file. */
function startRedisHints(redisUrl: string): string[] {
  const { port, local } = readServiceAddress(redisUrl, 6379);
  if (!local) return [];
  return [
    `redis-server --daemonize yes --bind 127.0.0.1 --port ${port} --save "" --appendonly no`,
    port === 6379 ? 'docker compose up -d redis' : `REDIS_PUBLISH_PORT=${port} docker compose up -d redis`,
  ];
}

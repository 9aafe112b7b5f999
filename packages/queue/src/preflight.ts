import { Redis } from 'ioredis';

export type RedisCheck = { ok: true } | { ok: false; reason: string };

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
    return { ok: false, reason: e.message || e.errors?.map((x) => x.message).join('; ') || String(err) };
  } finally {
    redis.disconnect();
  }
}

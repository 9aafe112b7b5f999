import { Router } from 'express';
import type { AppDeps } from '../deps.js';

export function createHealthRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    // The timer is cleared once the check settles, so it never holds a shutting-down process open.
    const withTimeout = <T>(p: Promise<T>): Promise<T> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, rej) => { timer = setTimeout(() => rej(new Error('timeout')), 2000); });
      return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
    };
    const [pg, redis] = await Promise.allSettled([withTimeout(deps.pool.query('SELECT 1')), withTimeout(deps.redis.ping())]);
    const checks = { postgres: pg.status === 'fulfilled' ? 'ok' : 'unreachable', redis: redis.status === 'fulfilled' ? 'ok' : 'unreachable' };
    const ok = checks.postgres === 'ok' && checks.redis === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not_ready', checks });
  });
  return router;
}

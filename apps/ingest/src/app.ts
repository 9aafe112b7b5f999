import express, { type ErrorRequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { AppDeps } from './deps.js';
import { HttpError, isDatabaseUnavailable } from './errors.js';
import { createHealthRouter } from './routes/health.js';
import { createWebhookRouter } from './routes/webhooks.js';
import { createAdminRouter } from './routes/admin.js';
import { createApiRouter } from './routes/api.js';

/** Builds the app without listening; main.ts wires it to a port. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);

  app.use((req, res, next) => {
    const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
    res.setHeader('x-request-id', id);
    res.locals.log = deps.log.child({ reqId: id });
    const started = process.hrtime.bigint();
    // originalUrl: inside a router req.path has lost the mount prefix (/admin, /webhooks).
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      res.locals.log.info({ method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(ms) }, 'request');
    });
    next();
  });

  app.use(createHealthRouter(deps));
  app.use('/webhooks', createWebhookRouter(deps));
  app.use('/admin', createAdminRouter(deps));
  app.use('/api', createApiRouter(deps));

  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'not found' } });
  });

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const log = res.locals.log ?? deps.log;
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
      return;
    }
    // body-parser errors carry a status and a type.
    const e = err as { status?: number; type?: string; message?: string; limit?: unknown };
    if (e.type === 'entity.too.large') {
      // The limit of the parser that stopped this body: 64 KB on most /api and /admin routes,
      // MAX_BODY_BYTES on the webhook and starter code; one config value would misstate the others.
      const message = typeof e.limit === 'number' ? `body larger than ${e.limit} bytes` : 'body too large';
      res.status(413).json({ error: { code: 'payload_too_large', message } });
      return;
    }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid_json', message: 'body is not valid JSON' } });
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      // body-parser's own types (charset.unsupported, encoding.unsupported, ...) in the snake_case of every other code.
      const code = e.type ? e.type.split('.').reverse().join('_') : 'bad_request';
      res.status(e.status).json({ error: { code, message: e.message ?? 'bad request' } });
      return;
    }
    if (isDatabaseUnavailable(err)) {
      // The message and code only: a Postgres error's detail can quote row data.
      log.warn({ err: { message: (err as Error).message, code: (err as { code?: unknown }).code } }, 'database unavailable');
      res.status(503).json({ error: { code: 'unavailable', message: 'database unavailable, retry later' } });
      return;
    }
    log.error({ err }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
  app.use(onError);
  return app;
}

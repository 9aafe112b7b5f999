import { z } from 'zod';
import { ok, type RouteDoc } from './common.js';

const Health = z.object({ status: z.literal('ok') });
const Readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ postgres: z.enum(['ok', 'unreachable']), redis: z.enum(['ok', 'unreachable']) }),
});

/** Health probes (routes/health.ts) and the document itself. */
export const SYSTEM_ROUTES: RouteDoc[] = [
  {
    method: 'get', path: '/healthz', operationId: 'health', tag: 'system', auth: 'none',
    summary: 'Liveness: the process answers', responses: ok('Health', Health), errors: [],
  },
  {
    method: 'get', path: '/readyz', operationId: 'readiness', tag: 'system', auth: 'none',
    summary: 'Readiness: Postgres and Redis are reachable',
    responses: { ...ok('Readiness', Readiness, 'ready'), '503': { description: 'a dependency is unreachable', schema: ['Readiness', Readiness] } },
    errors: [],
  },
  {
    method: 'get', path: '/api/openapi.json', operationId: 'openapi', tag: 'system', auth: 'none',
    summary: 'This document (OpenAPI 3.1)',
    responses: ok('OpenApiDocument', z.object({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }).loose()), errors: [],
  },
];

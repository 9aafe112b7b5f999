import { z } from 'zod';
import { DEFAULT_LIMIT, LimitParam } from '../pagination.js';

// The route table the OpenAPI document is built from, and the shapes every route shares.

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export type Named = readonly [name: string, schema: z.ZodType];

export interface ResponseDoc {
  description: string;
  /** null: no body (204). */
  schema: Named | null;
  contentType?: 'application/json' | 'text/csv';
}

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form, parameters in braces: /api/pairs/{id}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: 'none' | 'bearer' | 'admin' | 'webhook';
  query?: z.ZodObject;
  body?: Named;
  /** Success responses by status. */
  responses: Record<string, ResponseDoc>;
  /** Error statuses this route can answer, all with the Error body. */
  errors: number[];
}

export const ListQuery = z.object({
  limit: LimitParam.optional().describe(`page size in plain decimal digits, default ${DEFAULT_LIMIT}`),
  cursor: z.string().max(512).optional().describe('nextCursor of the previous page'),
});

/** Errors of an authenticated route on one resource; 400 only where it takes input. */
export function bearerErrors(opts: { input?: boolean; forbidden?: boolean; conflict?: boolean; unavailable?: boolean } = {}): number[] {
  return [
    ...(opts.input ? [400] : []), 401, ...(opts.forbidden ? [403] : []), 404,
    ...(opts.conflict ? [409] : []), ...(opts.unavailable ? [503] : []),
  ];
}

export const ok = (name: string, schema: z.ZodType, description = 'OK'): Record<string, ResponseDoc> => ({ '200': { description, schema: [name, schema] } });

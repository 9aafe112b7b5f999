import Ajv2020 from 'ajv/dist/2020.js';
import type { Express } from 'express';
import type { Response } from 'supertest';

// Checking real responses against the OpenAPI document, and listing the routes the app serves.

export interface OpenApiDoc {
  paths: Record<string, Record<string, { operationId: string; security?: unknown[]; responses: Record<string, any>; parameters?: any[]; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown> };
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  bearer: boolean;
  responses: Record<string, any>;
}

export function listOperations(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method, path, operationId: op.operationId, responses: op.responses,
      bearer: JSON.stringify(op.security ?? []).includes('bearerToken'),
    })));
}

/** Every (method, path) the Express app serves, paths in OpenAPI form (`{id}`), found by walking its routers. */
export function listAppRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
          for (const path of ([] as string[]).concat(layer.route.path)) out.push(`${method} ${(prefix + path).replace(/:(\w+)/g, '{$1}')}`);
        }
      } else if (layer.handle?.stack) {
        if (!layer.slash && typeof layer.rawPath !== 'string') throw new Error('a router is mounted on a pattern this walk cannot read');
        walk(layer.handle.stack, layer.slash ? prefix : prefix + layer.rawPath);
      }
    }
  };
  walk((app as unknown as { router: { stack: any[] } }).router.stack, '');
  return [...new Set(out)].sort();
}

/** Validates bodies against the document's response schemas, by operation and status. */
export function createResponseValidator(doc: OpenApiDoc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // ajv-formats is not installed; date-time is the one format the document uses.
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)) });
  ajv.addSchema({ $id: 'openapi.json', components: doc.components });
  const byId = new Map(listOperations(doc).map((op) => [op.operationId, op]));

  /** Problems with this response (empty: it matches the document for its status). */
  return function check(operationId: string, res: Response): string[] {
    const op = byId.get(operationId);
    if (!op) return [`no operation ${operationId} in the document`];
    const documented = op.responses[String(res.status)];
    if (!documented) return [`${operationId}: status ${res.status} is not documented (${res.text.slice(0, 200)})`];
    const content = documented.content as Record<string, { schema: { $ref?: string } }> | undefined;
    if (!content) return res.text === '' ? [] : [`${operationId} ${res.status}: documented without a body, got ${res.text.slice(0, 100)}`];
    const type = String(res.headers['content-type'] ?? '').split(';')[0];
    const media = content[type];
    if (!media) return [`${operationId} ${res.status}: content-type ${type} is not documented`];
    if (type !== 'application/json') return typeof res.text === 'string' && res.text.length > 0 ? [] : [`${operationId}: empty ${type} body`];
    const ref = media.schema.$ref;
    if (!ref) return [`${operationId} ${res.status}: schema is not a component reference`];
    const validate = ajv.getSchema(`openapi.json${ref}`);
    if (!validate) return [`${operationId}: cannot compile ${ref}`];
    if (validate(res.body)) return [];
    return (validate.errors ?? []).map((e) => `${operationId} ${res.status}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

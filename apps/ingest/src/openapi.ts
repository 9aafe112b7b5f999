import { z } from 'zod';
import { ROUTE_DOCS, type RouteDoc } from './openapi/routes.js';
import { ErrorBody, type Named } from './openapi/common.js';

// The OpenAPI 3.1 document, built from the same zod schemas the routes validate requests with:
// each named schema becomes one component, so a shape is defined once and referenced everywhere.

export type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
}

const REF = (name: string) => `#/components/schemas/${name}`;

const STANDARD_ERRORS: Record<string, string> = {
  '400': 'invalid input: details name every failing field path',
  '401': 'missing, malformed, unknown or revoked token',
  '403': 'the caller can see the resource but their role does not allow this action',
  '404': 'no such resource, or one the caller cannot see (the two are indistinguishable)',
  '409': 'conflict with the current state',
  '413': 'body too large: the message states the limit (64 KB; MAX_BODY_BYTES for webhook deliveries and starter code)',
  '415': 'a Content-Encoding other than gzip, deflate or br, or a charset other than UTF-8 or UTF-16 (unsupported_encoding, unsupported_charset)',
  '503': 'a backing service is unavailable: retry',
};

/**
 * zod spells out what JSON Schema says with a keyword: the ISO date-time regex next to
 * `format: date-time`, and the safe-integer bounds on every integer. Dropping them keeps the
 * document readable (a client validates formats itself).
 */
const tidy = ({ jsonSchema }: { jsonSchema: JsonSchema }) => {
  if (jsonSchema.format === 'date-time') delete jsonSchema.pattern;
  if (jsonSchema.type === 'integer') {
    if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  }
};

function stripMeta(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function toComponents(schemas: Map<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of schemas) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, { io, uri: REF, unrepresentable: 'any', override: tidy }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(Object.entries(out).map(([id, s]) => [id, stripMeta(s)]));
}

function toParameters(route: RouteDoc): unknown[] {
  const params: unknown[] = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name, in: 'path', required: true, schema: { type: 'integer', minimum: 1 },
  }));
  for (const [name, field] of Object.entries(route.query?.shape ?? {})) {
    const schema = field as z.ZodType;
    params.push({
      name, in: 'query', required: !schema.safeParse(undefined).success,
      schema: stripMeta(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', override: tidy }) as JsonSchema),
    });
  }
  return params;
}

function toResponses(route: RouteDoc): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, res] of Object.entries(route.responses)) {
    if (res.schema === null) {
      responses[status] = { description: res.description };
      continue;
    }
    const content = res.contentType === 'text/csv'
      ? { 'text/csv': { schema: { type: 'string' } } }
      : { [res.contentType ?? 'application/json']: { schema: { $ref: REF(res.schema[0]) } } };
    responses[status] = { description: res.description, content };
  }
  // Every JSON body goes through a size-limited parser, so every route that takes one can answer 413
  // and 415; every route but the unauthenticated probes reads Postgres, so each can answer 503 when it is down.
  const implied = [...(route.body ? [413, 415] : []), ...(route.auth === 'none' ? [] : [503])];
  const errors = [...new Set([...route.errors, ...implied])].sort((a, b) => a - b);
  for (const status of errors) {
    responses[String(status)] = { description: STANDARD_ERRORS[status], content: { 'application/json': { schema: { $ref: REF('Error') } } } };
  }
  return responses;
}

const SECURITY: Record<RouteDoc['auth'], unknown[] | undefined> = {
  none: [],
  bearer: [{ bearerToken: [] }],
  admin: [{ adminToken: [] }],
  // The webhook's secret travels in the body (classroom.webhook_secret), as the platform sends it.
  webhook: [],
};

export function buildOpenApiDocument(serverUrl: string, routes: readonly RouteDoc[] = ROUTE_DOCS): OpenApiDocument {
  const requests = new Map<string, z.ZodType>();
  const responses = new Map<string, z.ZodType>([['Error', ErrorBody]]);
  const name = (map: Map<string, z.ZodType>, [id, schema]: Named) => {
    // One name, one shape: two different schemas under one component name would silently lose one.
    const known = map.get(id) ?? requests.get(id) ?? responses.get(id);
    if (known && known !== schema) throw new Error(`two schemas are named ${id} in the OpenAPI document`);
    map.set(id, schema);
  };
  for (const r of routes) {
    if (r.body) name(requests, r.body);
    for (const res of Object.values(r.responses)) if (res.schema && res.contentType !== 'text/csv') name(responses, res.schema);
  }
  const paths: OpenApiDocument['paths'] = {};
  for (const r of routes) {
    const operation: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      security: SECURITY[r.auth],
      parameters: toParameters(r),
      responses: toResponses(r),
    };
    if (r.description) operation.description = r.description;
    if (r.body) operation.requestBody = { required: true, content: { 'application/json': { schema: { $ref: REF(r.body[0]) } } } };
    (paths[r.path] ??= {})[r.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Crosscheck',
      version: '1',
      description: 'Cheat detection for programming classrooms: the Repl.it classroom webhook, the review API and administration.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { ...toComponents(requests, 'input'), ...toComponents(responses, 'output') },
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'a teacher API token' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN (admin routes exist only when it is set)' },
      },
    },
  };
}

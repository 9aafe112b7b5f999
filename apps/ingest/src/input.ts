import type { IncomingHttpHeaders } from 'node:http';
import express, { type RequestHandler } from 'express';
import { ValidationError } from './errors.js';

// A NUL (Postgres text cannot hold it) or an unpaired UTF-16 surrogate (the driver stores U+FFFD
// instead, so two distinct names can collide on a unique constraint). One pattern for both uses:
// the API refuses such text (findUnstorableText), the webhook stores it with U+FFFD in its place
// (webhook-payload.ts). Global for replace; search() ignores lastIndex, so sharing it is safe.
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Whether Postgres would refuse the string (a NUL) or store another one (an unpaired surrogate). */
export function hasUnstorableText(s: string): boolean {
  return s.search(UNSTORABLE_TEXT) !== -1;
}

/** The string with every NUL and unpaired surrogate replaced by U+FFFD, so it stores as it reads. */
export function toStorableText(s: string): string {
  return s.replace(UNSTORABLE_TEXT, '\uFFFD');
}

/** The dotted path of the first string or key in a parsed JSON value that Postgres cannot store as given; null when none. */
export function findUnstorableText(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (hasUnstorableText(node)) return path;
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    // Pushed last to first, so the first offending field in document order is the one named.
    for (const [key, child] of Object.entries(node).reverse()) {
      const childPath = path ? `${path}.${key}` : key;
      if (hasUnstorableText(key)) return childPath;
      stack.push([child, childPath]);
    }
  }
  return null;
}

/**
 * The API's JSON body parser: express.json, then every string and key must be storable text,
 * else a 400 naming the field (it used to reach Postgres and come back as a 500). A body sent
 * with another content type (curl -d sends a form) is a 400 too: express.json would skip it, and
 * the route would see no body at all, so a PATCH answered 200 having changed nothing.
 */
export function parseJsonBody(limit: number | string): RequestHandler {
  const json = express.json({ limit });
  return (req, res, next) => {
    json(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (req.body === undefined && hasBody(req.headers)) {
        return next(new ValidationError('body must be JSON', [{ path: '', message: 'send it with content-type: application/json' }]));
      }
      const path = findUnstorableText(req.body);
      if (path === null) return next();
      next(new ValidationError(`invalid ${path || 'body'}`, [{ path, message: 'contains a NUL character or an unpaired surrogate' }]));
    });
  };
}

/** Whether the request carries a non-empty body (a chunked one counts: its length is unknown). */
function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
}

export function readBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError('body must be a JSON object', [{ path: '', message: 'expected an object' }]);
  }
  return body as Record<string, unknown>;
}

export function readString(body: Record<string, unknown>, key: string, opts: { max: number; optional?: boolean; min?: number }): string | undefined {
  const value = body[key];
  if (value === undefined && opts.optional) return undefined;
  const min = opts.min ?? 1;
  if (typeof value !== 'string' || value.length < min || value.length > opts.max) {
    throw new ValidationError(`invalid ${key}`, [{ path: key, message: `a string of ${min} to ${opts.max} characters` }]);
  }
  return value;
}

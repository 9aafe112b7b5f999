import { z } from 'zod';
import { ValidationError } from './errors.js';
import { parseInput } from './review/validate.js';

// Lists answer { items, nextCursor }. The cursor is the last row's sort key, JSON in base64url:
// opaque to clients, stable under inserts (keyset pagination, never OFFSET).

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key in a cursor, or undefined when none was given; a cursor that fails `isKey` is a 400. */
export function decodeCursor<K>(raw: unknown, isKey: (value: unknown) => value is K): K | undefined {
  if (raw === undefined || raw === '') return undefined;
  let value: unknown;
  try {
    if (typeof raw !== 'string' || !/^[A-Za-z0-9_-]{1,512}$/.test(raw)) throw new Error('shape');
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError('invalid cursor', [{ path: 'cursor', message: 'not a cursor from this list' }]);
  }
  if (!isKey(value)) throw new ValidationError('invalid cursor', [{ path: 'cursor', message: 'not a cursor from this list' }]);
  return value;
}

/**
 * Runs a page query that starts after a client's cursor. decodeCursor checks the cursor's shape
 * only, so a forged sort key the database cannot read as its column type (a day that does not
 * exist, 1.5 for an integer, 1e308 for a real) fails there, with a data exception (SQLSTATE class
 * 22): that is the same 400 as any other bad cursor, not a 500.
 */
export async function queryAfterCursor<T>(cursor: unknown, query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (cursor !== undefined && typeof code === 'string' && code.startsWith('22')) {
      throw new ValidationError('invalid cursor', [{ path: 'cursor', message: 'not a cursor from this list' }]);
    }
    throw err;
  }
}

const LIMIT_RULE = { error: `an integer from 1 to ${MAX_LIMIT}` };

/**
 * A list's `limit` query value: plain decimal digits, 1 to MAX_LIMIT. Number() alone would take
 * '0x10', '1e1', ' 5' and '' (as 0); anything but digits stays a string here and fails as not a
 * number, so every refusal carries the one message. The OpenAPI document shows it as an integer.
 */
export const LimitParam = z.preprocess(
  (raw) => (typeof raw === 'string' && /^[0-9]+$/.test(raw) ? Number(raw) : raw),
  z.number(LIMIT_RULE).int(LIMIT_RULE).min(1, LIMIT_RULE).max(MAX_LIMIT, LIMIT_RULE),
);

/** The page size of a route without a query schema; absent is the default, anything else LimitParam refuses is the 400 of a query schema. */
export function readLimit(raw: unknown, fallback = DEFAULT_LIMIT): number {
  if (raw === undefined) return fallback;
  return parseInput(z.object({ limit: LimitParam }), { limit: raw }, 'query').limit;
}

/** Rows fetched with limit + 1: the extra row only says that another page exists. */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => unknown, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  return { items: items.map(map), nextCursor: more ? encodeCursor(keyOf(items[items.length - 1])) : null };
}

export function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

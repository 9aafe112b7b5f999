import { ValidationError } from './errors.js';

// Small readers for JSON bodies: each failure names the field, as the webhook's 400s do.

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

export function readEnum<T extends string>(body: Record<string, unknown>, key: string, values: readonly T[]): T {
  const value = body[key];
  if (typeof value !== 'string' || !values.includes(value as T)) {
    throw new ValidationError(`invalid ${key}`, [{ path: key, message: `one of ${values.join(', ')}` }]);
  }
  return value as T;
}

export function readPositiveInt(body: Record<string, unknown>, key: string, opts: { optional?: boolean } = {}): number | undefined {
  const value = body[key];
  if ((value === undefined || value === null) && opts.optional) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ValidationError(`invalid ${key}`, [{ path: key, message: 'a positive integer' }]);
  }
  return value;
}

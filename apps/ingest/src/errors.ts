/** The few errors handlers throw; mapped to status codes in one place (the error middleware). */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
    this.name = new.target.name;
  }
}
export class ValidationError extends HttpError {
  constructor(message: string, details?: unknown) { super(400, 'validation_failed', message, details); }
}
export class UnauthorizedError extends HttpError {
  constructor(message = 'missing or invalid credentials') { super(401, 'unauthorized', message); }
}
export class ForbiddenError extends HttpError {
  constructor(message = 'not allowed') { super(403, 'forbidden', message); }
}
export class NotFoundError extends HttpError {
  // One message for every missing or invisible resource: a hidden one must look exactly like a missing one.
  constructor(message = 'not found') { super(404, 'not_found', message); }
}
export class ConflictError extends HttpError {
  constructor(message: string) { super(409, 'conflict', message); }
}
export class UnavailableError extends HttpError {
  constructor(message: string) { super(503, 'unavailable', message); }
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN', 'EPIPE',
  '57P01', '57P02', '57P03', // the server is shutting down or starting
  '3D000', // the database is gone (being recreated, misconfigured): an operator fixes it, the caller retries
]);
// Postgres classes: 08 connection exception, 28 authorization failure, 53 insufficient resources
// (53300 too_many_connections among them).
const UNAVAILABLE_CLASSES = ['08', '28', '53'];

/**
 * Failures of the database rather than of the request (Postgres down, restarting, out of
 * connections; the pool timing out on connect): the error middleware answers them 503 on every
 * route, so the caller retries. A webhook sender must never see a 404 for them (the platform does
 * not retry those), and no caller a 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || UNAVAILABLE_CLASSES.includes(e.code.slice(0, 2)))) return true;
  if (Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|connection error|Connection refused/i.test(message);
}

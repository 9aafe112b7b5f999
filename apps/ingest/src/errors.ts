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

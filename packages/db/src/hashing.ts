import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets and tokens are stored as HMAC-SHA256 under a server-side pepper: fast to check on
 * every delivery, and useless to whoever gets a copy of the database without the pepper.
 */
export function hashSecret(pepper: string, value: string): string {
  return createHmac('sha256', pepper).update(value, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests of any length or content; never throws. */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(String(a), 'utf8');
  const y = Buffer.from(String(b), 'utf8');
  if (x.length !== y.length) {
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}

/** A new API token: a recognisable prefix and 32 random bytes. */
export function generateToken(prefix = 'cct'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

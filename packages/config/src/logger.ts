import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino censors wherever they appear in a log object. Student identity, file
 * contents and secrets must never reach the logs, even when a handler logs a whole body.
 */
export const REDACT_PATHS: string[] = [
  'secret', 'token', 'apiToken', 'adminToken', 'webhook_secret', 'password', 'authorization',
  'email', 'first_name', 'last_name', 'firstName', 'lastName', 'content', 'contents', 'body',
  '*.secret', '*.token', '*.apiToken', '*.webhook_secret', '*.password', '*.authorization',
  '*.email', '*.first_name', '*.last_name', '*.firstName', '*.lastName', '*.content', '*.body',
  'req.headers.authorization', 'req.headers.cookie', 'req.body',
  '*.*.webhook_secret', '*.*.email', '*.*.content',
];

export function createLogger(options: { level?: string; name?: string } = {}, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
    },
    destination,
  );
}

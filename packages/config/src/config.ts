import { z } from 'zod';

/** Thrown by loadConfig with every problem found, so an admin fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const DEV_PEPPER = 'crosscheck-development-pepper-not-for-production';

/**
 * A URL the drivers can use. Any other scheme parses as a URL too, and then fails later with a
 * misleading "not reachable" (ioredis reads http://host:6379 as a socket path).
 */
function urlWithScheme(schemes: string[], key: string) {
  return z.string().superRefine((value, ctx) => {
    if (!URL.canParse(value)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Invalid url' });
    else if (!schemes.includes(new URL(value).protocol)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${key} must start with ${schemes.map((x) => `${x}//`).join(' or ')}` });
    }
  });
}

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: urlWithScheme(['postgres:', 'postgresql:'], 'DATABASE_URL').default('postgres://postgres@127.0.0.1:5432/crosscheck'),
  REDIS_URL: urlWithScheme(['redis:', 'rediss:'], 'REDIS_URL').default('redis://127.0.0.1:6379'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
  SECRET_PEPPER: z.string().min(16, 'SECRET_PEPPER must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  QUEUE_PREFIX: z.string().min(1).default('crosscheck'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  SWEEP_AFTER_SECONDS: z.coerce.number().int().min(1).default(180),
  SECRET_GRACE_MINUTES: z.coerce.number().int().min(0).default(15),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
});

export interface Config {
  env: 'development' | 'test' | 'production';
  databaseUrl: string;
  redisUrl: string;
  port: number;
  host: string;
  publicUrl: string;
  adminToken: string | undefined;
  secretPepper: string;
  logLevel: string;
  queuePrefix: string;
  workerConcurrency: number;
  sweepAfterSeconds: number;
  secretGraceMinutes: number;
  maxBodyBytes: number;
}

/** The only reader of process.env: validates everything and reports all problems at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings in compose files or shells mean "not set", not "set to empty".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
  // Checked beside the schema's own problems, so an admin sees every one in a single run.
  if (cleaned.NODE_ENV === 'production' && !cleaned.SECRET_PEPPER) {
    problems.push('SECRET_PEPPER: required when NODE_ENV=production (secrets and tokens are hashed under it)');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    databaseUrl: c.DATABASE_URL,
    redisUrl: c.REDIS_URL,
    port: c.PORT,
    host: c.HOST,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    adminToken: c.ADMIN_TOKEN,
    secretPepper: c.SECRET_PEPPER ?? DEV_PEPPER,
    logLevel: c.LOG_LEVEL,
    queuePrefix: c.QUEUE_PREFIX,
    workerConcurrency: c.WORKER_CONCURRENCY,
    sweepAfterSeconds: c.SWEEP_AFTER_SECONDS,
    secretGraceMinutes: c.SECRET_GRACE_MINUTES,
    maxBodyBytes: c.MAX_BODY_BYTES,
  };
}

/** Every environment key loadConfig reads; the compose test checks services set only these. */
export const CONFIG_KEYS: readonly string[] = Object.keys(schema.shape);

import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { ConfigError, CONFIG_KEYS, createLogger, loadConfig } from './index.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/crosscheck');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.adminToken).toBeUndefined();
    expect(c.maxBodyBytes).toBe(10 * 1024 * 1024);
  });

  it('treats empty strings as unset, as compose passes them', () => {
    expect(loadConfig({ PORT: '', ADMIN_TOKEN: '' }).port).toBe(3000);
  });

  it('reports every problem in one error, the production pepper included', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'abc', DATABASE_URL: 'not a url', LOG_LEVEL: 'loud' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'SECRET_PEPPER']);
  });

  it('refuses a URL of another scheme for Postgres or Redis, naming the schemes it takes', () => {
    const problems = problemsOf({ REDIS_URL: 'http://127.0.0.1:6379', DATABASE_URL: 'mysql://root@127.0.0.1/crosscheck' });
    expect(problems).toEqual([
      'DATABASE_URL: DATABASE_URL must start with postgres:// or postgresql://',
      'REDIS_URL: REDIS_URL must start with redis:// or rediss://',
    ]);
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@db/x', REDIS_URL: 'rediss://cache:6380' }).redisUrl).toBe('rediss://cache:6380');
  });

  it('refuses a short admin token and accepts a production config with a pepper', () => {
    expect(problemsOf({ ADMIN_TOKEN: 'short' })).toHaveLength(1);
    expect(loadConfig({ NODE_ENV: 'production', SECRET_PEPPER: 'p'.repeat(32) }).secretPepper).toBe('p'.repeat(32));
  });

  it('strips a trailing slash from PUBLIC_URL so webhook URLs have one slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://cc.example.edu/' }).publicUrl).toBe('https://cc.example.edu');
  });

  it('lists the keys it reads', () => {
    expect(CONFIG_KEYS).toContain('SECRET_PEPPER');
    expect(CONFIG_KEYS).toContain('DATABASE_URL');
  });
});

describe('createLogger', () => {
  it('censors secrets, student identity and file contents, nested too', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const log = createLogger({ level: 'info' }, sink);
    log.info({
      secret: 's3cret-value', token: 'tok-value', email: 'kid@example.edu',
      student: { email: 'kid@example.edu', first_name: 'Ada', last_name: 'Lovelace' },
      classroom: { webhook_secret: 'hook-secret' },
      file: { content: 'print("private")' },
      submissionId: 42,
    }, 'submission stored');
    const out = lines.join('');
    for (const leaked of ['s3cret-value', 'tok-value', 'kid@example.edu', 'Ada', 'Lovelace', 'hook-secret', 'private']) {
      expect(out).not.toContain(leaked);
    }
    expect(JSON.parse(out).submissionId).toBe(42);
  });
});

/**
 * The compose file, checked without a Docker engine: its shape, then each project service's
 * command run as a real process against the local Postgres and Redis with the service's own
 * environment (host names rewritten to localhost).
 *
 * | service | command                          | comes up when                 |
 * |---------|----------------------------------|-------------------------------|
 * | migrate | node apps/cli/dist/main.js migrate | exits 0, schema in place    |
 * | ingest  | node apps/ingest/dist/main.js    | GET /readyz answers 200       |
 * | worker  | node apps/worker/dist/main.js    | logs `worker ready`           |
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '@crosscheck/config';
import { commandOf, interpolate, readComposeFile, resolveEnvironment, type ComposeFile } from './support/compose-file.js';
import { TEST_PG_ADMIN_URL, TEST_REDIS_URL, databaseUrl } from './support/services.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROJECT_SERVICES = ['migrate', 'ingest', 'worker'] as const;
// Generous: these bound waits for a condition, they are not what the test measures.
const COME_UP_MS = 30_000;
const EXIT_MS = 15_000;

const compose: ComposeFile = readComposeFile(path.join(ROOT, 'docker-compose.yml'));

describe('docker-compose.yml', () => {
  it('has the services a deployment needs, the project ones built from one image', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['ingest', 'migrate', 'postgres', 'redis', 'worker']);
    expect(compose.services.postgres.image).toMatch(/^postgres:16/);
    expect(compose.services.redis.image).toMatch(/^redis:7/);
    const images = new Set(PROJECT_SERVICES.map((s) => compose.services[s].image));
    expect(images.size).toBe(1);
    for (const s of PROJECT_SERVICES) expect(compose.services[s].build).toBe('.');
    expect(existsSync(path.join(ROOT, 'Dockerfile'))).toBe(true);
  });

  it('keeps Redis off disk and gates the app services on health and a finished migration', () => {
    expect(commandOf(compose.services.redis)).toEqual(['redis-server', '--save', '', '--appendonly', 'no']);
    expect(compose.services.postgres.healthcheck).toBeDefined();
    expect(compose.services.redis.healthcheck).toBeDefined();
    expect(compose.services.migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const s of ['ingest', 'worker'] as const) {
      expect(compose.services[s].depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    }
  });

  it.each(PROJECT_SERVICES)('%s runs a script of the project, with only keys the config knows', (name) => {
    const [bin, script] = commandOf(compose.services[name]);
    expect(bin).toBe('node');
    expect(script).toMatch(/^apps\/[a-z-]+\/dist\/[a-z-]+\.js$/);
    // The image builds dist from src; the source must be there even before a local build.
    expect(existsSync(path.join(ROOT, script.replace('/dist/', '/src/').replace(/\.js$/, '.ts')))).toBe(true);
    const env = resolveEnvironment(compose.services[name], {});
    for (const key of Object.keys(env)) expect(CONFIG_KEYS).toContain(key);
  });

  it.each(PROJECT_SERVICES)('%s has the defaults of `npm start` apart from the service host names', (name) => {
    const fromCompose = loadConfig(resolveEnvironment(compose.services[name], {}));
    const fromStart = loadConfig({});
    expect(new URL(fromCompose.databaseUrl).hostname).toBe('postgres');
    expect(new URL(fromCompose.redisUrl).hostname).toBe('redis');
    const strip = (c: typeof fromStart) => ({ ...c, databaseUrl: undefined, redisUrl: undefined });
    expect(strip(fromCompose)).toEqual(strip(fromStart));
  });

  it('publishes Postgres, Redis and ingest on the ports the shell chooses, loopback only for the data services', () => {
    const published = (name: string, env: Record<string, string>) => (compose.services[name].ports ?? []).map((p) => interpolate(p, env));
    expect(published('postgres', {})).toEqual(['127.0.0.1:5432:5432']);
    expect(published('redis', {})).toEqual(['127.0.0.1:6379:6379']);
    expect(published('ingest', {})).toEqual(['3000:3000']);
    const moved = { POSTGRES_PUBLISH_PORT: '5433', REDIS_PUBLISH_PORT: '6380', INGEST_PUBLISH_PORT: '8080' };
    expect([...published('postgres', moved), ...published('redis', moved), ...published('ingest', moved)])
      .toEqual(['127.0.0.1:5433:5432', '127.0.0.1:6380:6379', '8080:3000']);
  });

  it('refuses to run in production without a SECRET_PEPPER', () => {
    const env = resolveEnvironment(compose.services.ingest, { NODE_ENV: 'production' });
    expect(() => loadConfig(env)).toThrow(/SECRET_PEPPER/);
    const withPepper = resolveEnvironment(compose.services.ingest, { NODE_ENV: 'production', SECRET_PEPPER: 'a'.repeat(32) });
    expect(loadConfig(withPepper).env).toBe('production');
  });

  it('copies every workspace manifest into the image before npm ci', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const workspaces = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
    for (const ws of workspaces) expect(dockerfile).toContain(`COPY ${ws}/package.json ${ws}/`);
    const lastManifest = Math.max(...workspaces.map((ws) => dockerfile.indexOf(`COPY ${ws}/package.json`)));
    expect(dockerfile.indexOf('RUN npm ci')).toBeGreaterThan(lastManifest);
  });
});

describe('compose commands as local processes', () => {
  // Not the cc_t_ prefix: global-setup drops every cc_t_ database as a leftover, including those of
  // a run going on at the same time; this one must exist for the whole file.
  const dbName = `cc_compose_${randomBytes(4).toString('hex')}`;
  const prefix = `cc-test-compose-${randomBytes(4).toString('hex')}`;
  const running: ChildProcess[] = [];
  let port = 0;

  beforeAll(async () => {
    port = await findFreePort();
  });

  afterAll(async () => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  /** The service's compose environment, pointed at the local services; nothing inherited from this shell but PATH. */
  function localEnv(name: (typeof PROJECT_SERVICES)[number]): Record<string, string> {
    const env = resolveEnvironment(compose.services[name], {});
    env.DATABASE_URL = databaseUrl(dbName);
    env.REDIS_URL = TEST_REDIS_URL;
    env.QUEUE_PREFIX = prefix;
    env.LOG_LEVEL = 'info';
    if ('PORT' in env) env.PORT = String(port);
    return { PATH: process.env.PATH ?? '', ...env };
  }

  function startService(name: (typeof PROJECT_SERVICES)[number]): RunningProcess {
    const [bin, ...args] = commandOf(compose.services[name]);
    if (!existsSync(path.join(ROOT, args[0]))) throw new Error(`${args[0]} is not built: run \`npx tsc -b\` (npm test does it first)`);
    const proc = startProcess(bin === 'node' ? process.execPath : bin, args, localEnv(name));
    running.push(proc.child);
    return proc;
  }

  it('migrate creates the database, migrates it and exits 0, twice in a row', async () => {
    const first = await startService('migrate').exited;
    expect(first).toEqual({ code: 0, signal: null });
    const client = new pg.Client({ connectionString: databaseUrl(dbName) });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    await client.end();
    expect(rows[0].n).toBeGreaterThan(0);
    // Compose re-runs the one-shot service on every `up`: a second run must be a no-op, not a failure.
    expect(await startService('migrate').exited).toEqual({ code: 0, signal: null });
  });

  it('ingest answers /readyz 200, then drains on SIGTERM and exits 0', async () => {
    const ingest = startService('ingest');
    await ingest.waitForLog((l) => l.msg === 'ingest listening', COME_UP_MS);
    // Polled, as compose's healthcheck and any load balancer poll it.
    const res = await pollReady(`http://127.0.0.1:${port}/readyz`, COME_UP_MS);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ checks: { postgres: 'ok', redis: 'ok' } });
    ingest.child.kill('SIGTERM');
    expect(await withDeadline(ingest.exited, EXIT_MS, 'ingest to exit')).toEqual({ code: 0, signal: null });
  });

  it('worker logs that it is ready, then drains on SIGTERM and exits 0', async () => {
    const worker = startService('worker');
    await worker.waitForLog((l) => l.msg === 'worker ready', COME_UP_MS);
    worker.child.kill('SIGTERM');
    expect(await withDeadline(worker.exited, EXIT_MS, 'worker to exit')).toEqual({ code: 0, signal: null });
  });
});

interface RunningProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs: number): Promise<void>;
}

/** Spawns a process and reads its pino JSON lines, keeping its output for the failure message. */
function startProcess(bin: string, args: string[], env: Record<string, string>): RunningProcess {
  const child = spawn(bin, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const lines: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) {
      try { lines.push(JSON.parse(part) as Record<string, unknown>); } catch { /* not a log line */ }
    }
    for (const l of listeners) l();
  });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => { for (const l of listeners) l(); resolve({ code, signal }); });
  });
  return {
    child,
    exited,
    waitForLog(match, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (lines.some(match)) { done(); resolve(); } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`${args.join(' ')} exited before coming up:\n${output}`));
          }
        };
        const timer = setTimeout(() => { done(); reject(new Error(`${args.join(' ')} did not come up:\n${output}`)); }, timeoutMs);
        const done = () => { clearTimeout(timer); listeners.delete(check); };
        listeners.add(check);
        check();
      });
    },
  };
}

async function pollReady(url: string, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(url);
    const body: unknown = await res.json();
    if (res.status === 200 || Date.now() > deadline) return { status: res.status, body };
    await new Promise((r) => setTimeout(r, 100));
  }
}

function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms); });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

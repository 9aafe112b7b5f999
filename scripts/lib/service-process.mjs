/**
 * Runs the whole service (`crosscheck start`) as a child process on a database and queue prefix
 * of its own, for scripts that exercise it from outside: start, wait until ready, stop, clean up.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';

/** A free TCP port on loopback, found by letting the OS pick one. */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node apps/cli/dist/main.js start` from repoRoot with its own DATABASE_URL (same server as
 * baseDatabaseUrl, database `name`), a free PORT, an ADMIN_TOKEN and a unique QUEUE_PREFIX. Its log
 * goes to a file in the temp dir, never to ../shared or the repo.
 */
export async function startService({ repoRoot, name, baseDatabaseUrl, redisUrl, extraEnv = {} }) {
  const port = await findFreePort();
  const dbUrl = new URL(baseDatabaseUrl);
  dbUrl.pathname = `/${name}`;
  const adminToken = randomBytes(24).toString('hex');
  const queuePrefix = `${name}-${randomBytes(3).toString('hex')}`;
  const baseUrl = `http://127.0.0.1:${port}`;
  const logPath = path.join(tmpdir(), `${name}.log`);
  const logFile = createWriteStream(logPath);
  const child = spawn(process.execPath, [path.join(repoRoot, 'apps/cli/dist/main.js'), 'start'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: redisUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      ADMIN_TOKEN: adminToken,
      QUEUE_PREFIX: queuePrefix,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(logFile, { end: false });
  child.stderr.pipe(logFile, { end: false });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, port, baseUrl, adminToken, queuePrefix, databaseUrl: dbUrl.toString(), logPath };
}

/** Polls GET /readyz until it answers 200; fails early when the process has already exited. */
export async function waitUntilReady(service, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  service.exited.then((e) => { exited = e; });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the service exited (code ${exited.code}, signal ${exited.signal}) before it was ready; log: ${service.logPath}`);
    try {
      const res = await fetch(`${service.baseUrl}/readyz`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`the service was not ready after ${timeoutMs / 1000} s; log: ${service.logPath}`);
}

/** SIGTERM, then the exit status; SIGKILL if it does not drain in time. */
export async function stopService(service, timeoutMs = 30_000) {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return service.exited;
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), timeoutMs);
  const result = await service.exited;
  clearTimeout(timer);
  return result;
}

/** Drops the service's database and its queue keys, leaving the machine as it was. */
export async function cleanUpService(service, redisUrl) {
  const url = new URL(service.databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${service.queuePrefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

#!/usr/bin/env node
// Times GET /api/pairs/:id on the pairs that stalled the ingest service (two ~960 KB files with
// every line renamed, 400 KB and 150 KB of the same, 600 differently named files per side, 90,000
// stored fragments), and how long /healthz waited meanwhile: the app runs in a worker thread with
// its own event loop, and the main thread polls /healthz every 20 ms while the pair request is in
// flight. Builds a throwaway database next to DATABASE_URL's and drops it. Figures vary with
// machine load; compare runs on one machine only.
// Usage: npx tsc -b && node scripts/bench-pair-detail.mjs [scenario ...]
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { createClassroomWithOwner, createPool, createTeacher, ensureDatabase, issueToken, migrate, upsertPairs } from '../packages/db/dist/index.js';

const PEPPER = 'bench-pepper-for-crosscheck-0123456789';

/** A Python file of about `bytes` bytes, one assignment per line; `tag` renames every identifier. */
function renamedFile(bytes, tag) {
  const lines = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${tag}_${i} = ${tag}_f(${tag}_x${i}) + ${i % 97}\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

// About 1 KB: a short module of a few functions, as a student's helper file is.
const smallFile = (i, tag) => Array.from({ length: 12 }, (_, j) => `def ${tag}_f${i}_${j}(x, y):\n    return x * ${j} + y - ${i}\n`).join('');

const SCENARIOS = {
  // Under the per-file size limits: the diff itself runs, until maxEditLength stops it.
  'renamed-150k': () => ({
    a: [{ name: 'main.py', content: renamedFile(150_000, 'alpha') }],
    b: [{ name: 'main.py', content: renamedFile(150_000, 'beta') }],
    fragments: [],
  }),
  'renamed-400k': () => ({
    a: [{ name: 'main.py', content: renamedFile(400_000, 'alpha') }],
    b: [{ name: 'main.py', content: renamedFile(400_000, 'beta') }],
    fragments: [],
  }),
  'renamed-960k': () => ({
    a: [{ name: 'main.py', content: renamedFile(960_000, 'alpha') }],
    b: [{ name: 'copy.py', content: renamedFile(960_000, 'beta') }],
    fragments: [],
  }),
  'files-600': () => ({
    a: Array.from({ length: 600 }, (_, i) => ({ name: `src/a${i}.py`, content: smallFile(i, 'alpha') })),
    b: Array.from({ length: 600 }, (_, i) => ({ name: `lib/b${i}.py`, content: smallFile(i, 'beta') })),
    fragments: [],
  }),
  'fragments-90k': () => {
    const content = Array.from({ length: 3000 }, (_, i) => `x${i} = ${i}\n`).join('');
    const span = (line) => ({ startLine: line, startCol: 1, endLine: line + 1, endCol: 5 });
    return {
      a: [{ name: 'main.py', content }],
      b: [{ name: 'main.py', content }],
      fragments: Array.from({ length: 90_000 }, (_, i) => ({ fileA: 'main.py', fileB: 'main.py', a: span(1 + (i % 2999)), b: span(1 + ((i * 7) % 2999)), tokens: 12 + (i % 50) })),
    };
  },
};

async function insertSubmission(pool, classroomId, assignmentId, n, files) {
  const student = (await pool.query('INSERT INTO students (classroom_id, first_name) VALUES ($1, $2) RETURNING id', [classroomId, `s${n}`])).rows[0].id;
  const submission = (await pool.query(
    `INSERT INTO submissions (classroom_id, assignment_id, student_id, status, time_submitted, dedupe_key, content_hash, analysis_status)
     VALUES ($1, $2, $3, 'complete', now(), $4, 'x', 'analysed') RETURNING id`,
    [classroomId, assignmentId, student, `k${n}`],
  )).rows[0].id;
  for (const f of files) await pool.query('INSERT INTO files (submission_id, name, content) VALUES ($1, $2, $3)', [submission, f.name, f.content]);
  return { student, submission };
}

/** How many diffs were left out, by reason. */
function countOmitted(diffs) {
  const counts = {};
  for (const d of diffs) if (d.omitted) counts[d.omitted] = (counts[d.omitted] ?? 0) + 1;
  return counts;
}

async function runBench(selected) {
  const names = selected.length > 0 ? selected : Object.keys(SCENARIOS);
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/crosscheck');
  const url = new URL(base);
  url.pathname = `/cc_bench_pair_detail_${process.pid}`;
  await ensureDatabase(url.toString());
  const pool = createPool(url.toString());
  let worker;
  try {
    await migrate(pool);
    const teacher = await createTeacher(pool, { name: 'Bench' });
    const { token } = await issueToken(pool, PEPPER, teacher.id, 'bench');
    const { id: classroomId } = await createClassroomWithOwner(pool, PEPPER, { name: 'Bench', secret: 'bench-secret', ownerId: teacher.id });
    const pairIds = {};
    for (const [i, name] of names.entries()) {
      const s = SCENARIOS[name]();
      const assignmentId = (await pool.query('INSERT INTO assignments (classroom_id, name) VALUES ($1, $2) RETURNING id', [classroomId, name])).rows[0].id;
      const a = await insertSubmission(pool, classroomId, assignmentId, 2 * i, s.a);
      const b = await insertSubmission(pool, classroomId, assignmentId, 2 * i + 1, s.b);
      await upsertPairs(pool, [{
        assignmentId, studentA: a.student, studentB: b.student, submissionA: a.submission, submissionB: b.submission,
        similarity: 0.5, weightedSimilarity: 0.5, longestTokens: 50, longestLines: 2, overlap: 100, fragments: s.fragments, engineVersion: 'bench',
      }]);
      pairIds[name] = (await pool.query('SELECT id FROM pairs WHERE assignment_id = $1', [assignmentId])).rows[0].id;
    }
    worker = new Worker(new URL(import.meta.url), { workerData: { dbUrl: url.toString() } });
    const port = await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
    const origin = `http://127.0.0.1:${port}`;
    for (const name of names) {
      let done = false;
      let healthzMax = 0;
      const poll = (async () => {
        while (!done) {
          const t = performance.now();
          // A keep-alive socket the stalled server timed out resets: that wait counts too.
          await fetch(`${origin}/healthz`).then((r) => r.text()).catch(() => undefined);
          healthzMax = Math.max(healthzMax, performance.now() - t);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const started = performance.now();
      const res = await fetch(`${origin}/api/pairs/${pairIds[name]}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      const ms = performance.now() - started;
      done = true;
      await poll;
      const detail = JSON.parse(body);
      const summary = {
        status: res.status,
        ms: Math.round(ms),
        healthzMaxMs: Math.round(healthzMax),
        bytes: body.length,
        diffs: detail.diffs?.length,
        diffsComputed: detail.diffs?.filter((d) => typeof d.patch === 'string').length,
        omitted: countOmitted(detail.diffs ?? []),
        fragments: detail.fragments?.length,
        ...(detail.fragmentsTotal !== undefined ? { fragmentsTotal: detail.fragmentsTotal } : {}),
      };
      console.log(`${name}: ${JSON.stringify(summary)}`);
    }
  } finally {
    if (worker) {
      worker.postMessage('stop');
      await new Promise((r) => worker.once('exit', r));
    }
    await pool.end();
    const adminUrl = new URL(base);
    adminUrl.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
}

if (!isMainThread) {
  const { loadConfig, createLogger } = await import('../packages/config/dist/index.js');
  const { ANALYZE_QUEUE, createProducerConnection, createQueue } = await import('../packages/queue/dist/index.js');
  const { createApp } = await import('../apps/ingest/dist/index.js');
  const config = loadConfig({
    NODE_ENV: 'test', DATABASE_URL: workerData.dbUrl, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    SECRET_PEPPER: PEPPER, LOG_LEVEL: 'silent', QUEUE_PREFIX: `cc-bench-${process.pid}`, PUBLIC_URL: 'http://bench.test',
  });
  const log = createLogger({ level: 'silent' });
  const pool = createPool(config.databaseUrl);
  const redis = createProducerConnection(config.redisUrl, log);
  const analyzeQueue = createQueue(ANALYZE_QUEUE, redis, config.queuePrefix, log);
  const server = createApp({ config, log, pool, redis, analyzeQueue }).listen(0, '127.0.0.1', () => {
    parentPort.postMessage(server.address().port);
  });
  parentPort.on('message', async () => {
    server.close();
    await analyzeQueue.close();
    redis.disconnect();
    await pool.end();
    parentPort.close();
  });
} else {
  await runBench(process.argv.slice(2));
}

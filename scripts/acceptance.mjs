#!/usr/bin/env node
/**
 * `npm run acceptance`: the service end to end on real deliveries, from outside, as a teacher sees it.
 * Starts `crosscheck start` on a fresh database, registers the classroom through the admin API,
 * replays the real deliveries twice plus one planted copy made here (a disguised "Mid-Term Program"
 * under a new student), waits for the analysis, and checks through the review API: every submission
 * counted once, nobody paired with themselves, the planted copy flagged and ranked first.
 *
 *   node scripts/acceptance.mjs [--fixtures DIR] [--timeout SECONDS] [--keep]
 *
 * Exits 1 when a check fails. Reads the fixtures, writes only a log file in the temp dir.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ANALYZE_QUEUE, RESCORE_QUEUE } from '@crosscheck/queue';
import { disguisePython } from './lib/disguise.mjs';
import { cleanUpService, sleep, startService, stopService, waitUntilReady } from './lib/service-process.mjs';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECRET = '01234567890.140061';
const PLANT_ASSIGNMENT = 'Mid-Term Program';
const SHOWN_ASSIGNMENTS = ['Mid-Term Program', 'Quiz : 2019-11-13'];

const { values: opts } = parseArgs({
  options: {
    fixtures: { type: 'string', default: path.resolve(REPO_ROOT, '../shared/fixtures/replit-classroom') },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
  },
});
if (!existsSync(opts.fixtures)) {
  console.error(`acceptance: no deliveries at ${opts.fixtures}; pass --fixtures DIR (a folder of Repl.it webhook bodies, *.json)`);
  process.exit(2);
}
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const baseDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
  if (!ok) failures.push(what);
}

function loadFixtures(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no .json deliveries in ${dir}`);
  return files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
}

/**
 * The planted delivery: the earliest complete "Mid-Term Program" submission, disguised, sent by a
 * student who does not exist yet, with ids above every real one so nothing collides.
 */
function buildPlant(deliveries) {
  const candidates = deliveries
    .filter((d) => d.assignment?.name === PLANT_ASSIGNMENT && d.submission.status === 'complete' && d.submission.files.length > 0)
    .sort((a, b) => a.submission.time_submitted.localeCompare(b.submission.time_submitted));
  if (candidates.length === 0) throw new Error(`no complete "${PLANT_ASSIGNMENT}" submission to copy`);
  const source = candidates[0];
  const studentId = Math.max(...deliveries.map((d) => d.student.id ?? 0)) + 1000;
  const submissionId = Math.max(...deliveries.map((d) => d.submission.id ?? 0)) + 1000;
  const submitted = new Date(Date.parse(source.submission.time_submitted) + 2 * 86_400_000).toISOString();
  const body = structuredClone(source);
  body.student = { id: studentId, first_name: 'Rowan', last_name: 'Pike', email: `${studentId}@students.example.edu` };
  body.submission = {
    ...body.submission,
    id: submissionId,
    status: 'complete',
    time_submitted: submitted,
    time_created: submitted,
    teacher_url: `https://repl.it/teacher/submissions/${submissionId}`,
    student_url: `https://repl.it/student/submissions/${submissionId}`,
    files: source.submission.files.map((f) => ({ name: f.name, content: disguisePython(f.content, { header: 'Pike, Rowan - Mid Term Program' }) })),
  };
  return { body, sourcePlatformId: source.submission.id };
}

async function postJson(url, body, token) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* reported below with the status */ }
  return { status: res.status, json, text };
}

async function getAll(baseUrl, route, token) {
  const items = [];
  let cursor = null;
  do {
    const url = new URL(route, baseUrl);
    url.searchParams.set('limit', '200');
    if (cursor) url.searchParams.set('cursor', cursor);
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET ${route} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const page = await res.json();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Sends every body, `concurrency` at a time, and returns the answers in the same order. */
async function sendAll(url, bodies, concurrency) {
  const answers = new Array(bodies.length);
  let next = 0;
  const lanes = Array.from({ length: concurrency }, async () => {
    while (next < bodies.length) {
      const i = next++;
      answers[i] = await postJson(url, bodies[i]);
    }
  });
  await Promise.all(lanes);
  return answers;
}

/** Runs the project's own replay command, as a teacher or operator would. */
function runReplay(url, dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'apps/cli/dist/main.js'), 'replay', '--url', url, '--concurrency', '8', dir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

/** Jobs not finished yet in the service's queues; zero once analysis and rescoring have settled. */
async function countPendingJobs(queues) {
  let pending = 0;
  for (const q of queues) {
    const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    pending += Object.values(counts).reduce((a, b) => a + b, 0);
  }
  return pending;
}

/** Polls the assignments list until every submission has an outcome and the queues are empty. */
async function waitForAnalysis(service, classroom, expected, timeoutMs) {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = [ANALYZE_QUEUE, RESCORE_QUEUE].map((name) => new Queue(name, { connection, prefix: service.queuePrefix }));
  const deadline = Date.now() + timeoutMs;
  let last = '';
  try {
    for (;;) {
      const assignments = await getAll(service.baseUrl, `/api/classrooms/${classroom.classroomId}/assignments`, classroom.apiToken);
      const total = assignments.reduce((s, a) => s + a.submissions, 0);
      const done = assignments.reduce((s, a) => s + a.analysed + (a.skipped ?? 0) + (a.failed ?? 0), 0);
      const pending = await countPendingJobs(queues);
      const line = `analysed ${done}/${total} (expecting ${expected}), ${pending} jobs pending`;
      if (line !== last) { console.log(`  ${line}`); last = line; }
      if (total >= expected && done === total && pending === 0) return assignments;
      if (Date.now() > deadline) throw new Error(`analysis did not finish within ${timeoutMs / 1000} s: ${line}`);
      await sleep(250);
    }
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    connection.disconnect();
  }
}

function formatPair(p, rank, platformOf) {
  const f = (x, d = 3) => (typeof x === 'number' ? x.toFixed(d) : String(x));
  return `  #${rank} submissions ${p.submissionA} ↔ ${p.submissionB} (platform ${platformOf.get(p.submissionA) ?? '?'} ↔ ${platformOf.get(p.submissionB) ?? '?'})` +
    `  similarity ${f(p.similarity)}  rank ${f(p.rankScore)}  longest ${p.longestTokens ?? '?'} tokens${p.flagged ? '  FLAGGED' : ''}`;
}

async function runChecks(service, classroom, deliveries, plant) {
  const hook = classroom.webhookUrl;
  const expectedSubmissions = new Set(deliveries.map((d) => d.submission.id)).size + 1;
  const started = performance.now();

  console.log(`first pass: crosscheck replay --url ${hook} ${opts.fixtures}`);
  const replay = await runReplay(hook, opts.fixtures);
  check(replay.code === 0 && new RegExp(`202: ${deliveries.length}\\b`).test(replay.stdout),
    `first pass: the replay command exited ${replay.code}: ${replay.stdout.trim().split('\n').pop()}`);

  console.log(`second pass: the same ${deliveries.length} bodies again, 16 at a time`);
  const second = await sendAll(hook, deliveries, 16);
  check(second.every((a) => a.status === 200 && a.json?.duplicate === true && a.json?.submissionId),
    `second pass: all ${second.length} answered 200 as duplicates (${second.filter((a) => a.json?.duplicate).length} marked duplicate)`);
  const platformOf = new Map(second.map((a, i) => [a.json?.submissionId, deliveries[i].submission.id]));
  const distinct = new Set(second.map((a) => a.json?.submissionId)).size;
  check(distinct === expectedSubmissions - 1, `second pass: ${distinct} distinct submissions behind ${second.length} deliveries`);

  const planted = await postJson(hook, plant.body);
  check(planted.status === 202 && planted.json?.submissionId, `planted copy accepted (202, got ${planted.status})`);
  const plantedId = planted.json?.submissionId;
  platformOf.set(plantedId, plant.body.submission.id);
  const sourceId = second[deliveries.findIndex((d) => d.submission.id === plant.sourcePlatformId)].json?.submissionId;
  const sendSeconds = (performance.now() - started) / 1000;

  console.log('waiting for the analysis');
  const assignments = await waitForAnalysis(service, classroom, expectedSubmissions, Number(opts.timeout) * 1000);
  const analyseSeconds = (performance.now() - started) / 1000;

  const total = assignments.reduce((s, a) => s + a.submissions, 0);
  check(total === expectedSubmissions, `${total} submissions in the API, expected ${expectedSubmissions}`);
  const failed = assignments.reduce((s, a) => s + (a.failed ?? 0), 0);
  check(failed === 0, `no submission failed analysis (${failed} failed)`);

  const pairsByAssignment = new Map();
  for (const a of assignments) pairsByAssignment.set(a.name, await getAll(service.baseUrl, `/api/assignments/${a.id}/pairs`, classroom.apiToken));
  const allPairs = [...pairsByAssignment.values()].flat();
  const selfPairs = allPairs.filter((p) => p.studentA?.id === p.studentB?.id || p.submissionA === p.submissionB);
  check(allPairs.length > 0 && selfPairs.length === 0, `no pair joins a student with themselves (${allPairs.length} pairs, ${selfPairs.length} self-pairs)`);

  const mid = pairsByAssignment.get(PLANT_ASSIGNMENT) ?? [];
  const isPlant = (p) => new Set([p.submissionA, p.submissionB]).size === 2 && [p.submissionA, p.submissionB].includes(plantedId) && [p.submissionA, p.submissionB].includes(sourceId);
  const plantPair = mid.find(isPlant);
  check(Boolean(plantPair), `the planted copy (submission ${plantedId}) is paired with its source (submission ${sourceId})`);
  check(Boolean(plantPair?.flagged), 'the planted pair is flagged');
  // First in the list a teacher opens (sorted by similarity). A real copy in the class can tie with
  // it at full similarity; ties count as first, anything strictly above does not.
  const above = mid.filter((p) => !isPlant(p) && p.similarity > (plantPair?.similarity ?? Infinity));
  check(plantPair !== undefined && above.length === 0 && mid.indexOf(plantPair) === mid.findIndex((p) => p.similarity === plantPair.similarity),
    `the planted pair is ranked first in "${PLANT_ASSIGNMENT}" (similarity ${plantPair?.similarity}, position ${mid.indexOf(plantPair) + 1} of ${mid.length})`);
  const byRank = [...mid].sort((a, b) => (b.rankScore ?? 0) - (a.rankScore ?? 0));
  console.log(`      by rank score it is #${byRank.indexOf(plantPair) + 1} (${plantPair?.rankScore}); above it: ${
    byRank.slice(0, Math.max(0, byRank.indexOf(plantPair))).map((p) => `${p.submissionA}↔${p.submissionB} (similarity ${p.similarity}, rank ${p.rankScore})`).join(', ') || 'none'}`);

  for (const name of SHOWN_ASSIGNMENTS) {
    const pairs = pairsByAssignment.get(name) ?? [];
    const summary = assignments.find((a) => a.name === name);
    console.log(`\ntop 5 pairs of "${name}" (${summary?.submissions ?? 0} submissions, ${pairs.length} pairs, ${summary?.flaggedPairs ?? 0} flagged), by similarity:`);
    pairs.slice(0, 5).forEach((p, i) => console.log(formatPair(p, i + 1, platformOf)));
  }
  console.log(`\nsent ${deliveries.length * 2 + 1} deliveries in ${sendSeconds.toFixed(1)} s; everything analysed ${analyseSeconds.toFixed(1)} s after the first delivery`);
}

async function main() {
  const deliveries = loadFixtures(opts.fixtures);
  const plant = buildPlant(deliveries);
  const name = `crosscheck_acceptance_${process.pid}`;
  console.log(`starting the service (database ${name})`);
  const service = await startService({ repoRoot: REPO_ROOT, name, baseDatabaseUrl, redisUrl, extraEnv: { LOG_LEVEL: 'info' } });
  const interrupt = () => { failures.push('interrupted'); void stopService(service); };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    await waitUntilReady(service, 60_000);
    console.log(`service ready at ${service.baseUrl} (log: ${service.logPath})`);
    const created = await postJson(`${service.baseUrl}/admin/classrooms`, { name: 'Sample Classroom', secret: SECRET }, service.adminToken);
    if (created.status !== 201 && created.status !== 200) throw new Error(`POST /admin/classrooms answered ${created.status}: ${created.text.slice(0, 300)}`);
    console.log(`classroom ${created.json.classroomId} created; webhook ${created.json.webhookUrl}`);
    await runChecks(service, created.json, deliveries, plant);
  } catch (err) {
    failures.push(err.message);
    console.error(`FAIL  ${err.message}`);
  } finally {
    const stopped = await stopService(service);
    check(stopped.code === 0, `the service stopped cleanly on SIGTERM (code ${stopped.code}, signal ${stopped.signal})`);
    if (opts.keep) console.log(`kept database ${name} and queue prefix ${service.queuePrefix}`);
    else await cleanUpService(service, redisUrl);
  }
  if (failures.length > 0) {
    console.error(`\nacceptance FAILED (${failures.length}): see ${service.logPath}`);
    process.exitCode = 1;
  } else {
    console.log('\nacceptance passed');
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

// Times the worker's candidate query (findCandidates) on a synthetic scope, with and without the
// common-hash cut (DESIGN 6). Builds a throwaway database next to DATABASE_URL's and drops it.
// Usage: npx tsc -b && node scripts/bench-candidates.mjs [students=10000]
import pg from 'pg';
import { createPool, migrate, ensureDatabase, findCandidates } from '../packages/db/dist/index.js';

const N = Number(process.argv[2] ?? 10000);
const PER = 150; // fingerprints per submission
const COMMON = 30; // of which held by every student (boilerplate)
const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/crosscheck');
const url = new URL(base);
url.pathname = `/cc_bench_candidates_${process.pid}`;
await ensureDatabase(url.toString());
const pool = createPool(url.toString());
try {
  await migrate(pool);
  const cid = (await pool.query("INSERT INTO classrooms (name, secret_hash) VALUES ('bench', 'h') RETURNING id")).rows[0].id;
  const a = (await pool.query("INSERT INTO assignments (classroom_id, name) VALUES ($1, 'A') RETURNING id", [cid])).rows[0].id;
  const started = Date.now();
  await pool.query("INSERT INTO students (classroom_id, first_name) SELECT $1, 's' FROM generate_series(1, $2)", [cid, N]);
  await pool.query(`INSERT INTO submissions (classroom_id, assignment_id, student_id, status, time_submitted, dedupe_key, content_hash)
    SELECT $1, $2, id, 'complete', now(), 'k' || id, 'x' FROM students WHERE classroom_id = $1`, [cid, a]);
  await pool.query("INSERT INTO files (submission_id, name, content) SELECT id, 'main.py', '' FROM submissions WHERE assignment_id = $1", [a]);
  await pool.query(`INSERT INTO fingerprints (assignment_id, hash, submission_id, file_id, student_id, token_index, start_line, end_line, engine_version)
    SELECT $1, CASE WHEN g <= ${COMMON} THEN g ELSE 1000 + (hashtext(s.id::text || ':' || g) & 2147483647) % (40 * $2) END,
           s.id, f.id, s.student_id, g, g, g, 'bench'
      FROM submissions s JOIN files f ON f.submission_id = s.id, generate_series(1, ${PER}) g WHERE s.assignment_id = $1`, [a, N]);
  await pool.query('INSERT INTO hash_students SELECT DISTINCT assignment_id, hash, student_id FROM fingerprints WHERE assignment_id = $1', [a]);
  await pool.query('VACUUM ANALYZE');
  console.log(`scope: ${N} students, ${N * PER} fingerprint rows (built in ${Date.now() - started} ms)`);
  const me = (await pool.query('SELECT student_id, array_agg(hash) AS h FROM fingerprints WHERE assignment_id = $1 GROUP BY student_id LIMIT 1', [a])).rows[0];
  const hashes = me.h.map(Number);
  for (const [label, maxHolders] of [['common hashes left out', Math.max(200, Math.ceil(0.5 * N))], ['every hash queried', N + 1]]) {
    const times = [];
    let found = [];
    for (let i = 0; i < 7; i++) {
      const t = process.hrtime.bigint();
      found = await findCandidates(pool, {
        scopeAssignmentIds: [a], candidateAssignmentIds: [a], studentId: me.student_id, hashes, contentHashes: [],
        maxHolders, smallLimit: 0, smallTokens: 40, limit: 200,
      });
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((x, y) => x - y);
    console.log(`${label}: median of 7 ${times[3].toFixed(1)} ms, ${found.length} candidates`);
  }
} finally {
  await pool.end();
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
}

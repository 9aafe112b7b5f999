import { once } from 'node:events';
import type { Server } from 'node:http';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiFixture, type ApiFixture } from './support/api-fixture.js';
import { run as runImport } from '../apps/cli/src/commands/import.js';
import { run as runReplay } from '../apps/cli/src/commands/replay.js';

// A folder of code through the real pipeline: admin API creates the classroom, `import` turns
// the folder into webhook bodies, `replay` posts them to the running app, twice.
//   lab1/{ana,ben,cy}/main.py   lab1/dee.py   lab2/{ana,ben}/solution.py + helper.py for ana
const SOURCES: Record<string, string> = {
  'lab1/ana/main.py': 'n = int(input())\nprint(sum(range(n)))\n',
  'lab1/ben/main.py': 'n = int(input())\nprint(sum(range(n)))\n',
  'lab1/cy/main.py': 'total = 0\nfor i in range(int(input())):\n    total += i\nprint(total)\n',
  'lab1/dee.py': 'print(sum(range(int(input()))))\n',
  'lab2/ana/solution.py': 'from helper import rev\nprint(rev(input()))\n',
  'lab2/ana/helper.py': 'def rev(s):\n    return s[::-1]\n',
  'lab2/ben/solution.py': 'print(input()[::-1])\n',
};
const ADMIN_TOKEN = 'webhook-e2e-admin-token-0123456789';
const SECRET = 'import-secret-e2e';

let fx: ApiFixture;
let server: Server;
let base: string;
let root: string;

beforeAll(async () => {
  fx = await createApiFixture({ ADMIN_TOKEN });
  server = fx.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  root = await mkdtemp(join(tmpdir(), 'cc-webhook-e2e-'));
  for (const [path, content] of Object.entries(SOURCES)) {
    await mkdir(dirname(join(root, 'src', path)), { recursive: true });
    await writeFile(join(root, 'src', path), content);
  }
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(async () => {
  vi.restoreAllMocks();
  server?.close();
  await fx?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('import + replay through the running app', () => {
  it('stores every imported submission once, and a second replay only finds duplicates', async () => {
    const created = await fetch(`${base}/admin/classrooms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Imported labs', secret: SECRET }),
    });
    expect(created.status).toBe(201);
    const { classroomId, webhookUrl } = (await created.json()) as { classroomId: number; webhookUrl: string };
    const url = `${base}${new URL(webhookUrl).pathname}`;

    const out = join(root, 'bodies');
    expect(await runImport([join(root, 'src'), '--out', out, '--classroom', 'Imported labs', '--secret', SECRET, '--group-depth', '1'])).toBe(0);
    expect(await readdir(out)).toHaveLength(6);

    expect(await runReplay(['--url', url, out, '--concurrency', '3'])).toBe(0);
    const { rows } = await fx.db.pool.query(
      `SELECT a.name AS assignment, st.first_name AS student, s.analysis_status,
              (SELECT string_agg(f.name, ',' ORDER BY f.name) FROM files f WHERE f.submission_id = s.id) AS files
         FROM submissions s JOIN assignments a ON a.id = s.assignment_id JOIN students st ON st.id = s.student_id
        WHERE s.classroom_id = $1
        ORDER BY a.name, st.first_name`,
      [classroomId],
    );
    expect(rows).toEqual([
      { assignment: 'lab1', student: 'ana', analysis_status: 'queued', files: 'main.py' },
      { assignment: 'lab1', student: 'ben', analysis_status: 'queued', files: 'main.py' },
      { assignment: 'lab1', student: 'cy', analysis_status: 'queued', files: 'main.py' },
      { assignment: 'lab1', student: 'dee.py', analysis_status: 'queued', files: 'dee.py' },
      { assignment: 'lab2', student: 'ana', analysis_status: 'queued', files: 'helper.py,solution.py' },
      { assignment: 'lab2', student: 'ben', analysis_status: 'queued', files: 'solution.py' },
    ]);
    const students = await fx.db.pool.query('SELECT count(*)::int AS n FROM students WHERE classroom_id = $1', [classroomId]);
    expect(students.rows[0].n).toBe(4);
    expect(await fx.deps.analyzeQueue.count()).toBe(6);

    const log = vi.mocked(console.log);
    expect(await runReplay(['--url', url, out])).toBe(0);
    expect(log.mock.calls.at(-1)?.[0]).toBe('replayed 6/6 (202: 0, 200: 6, other: 0); by status 200: 6');
    const after = await fx.db.pool.query('SELECT count(*)::int AS n FROM submissions WHERE classroom_id = $1', [classroomId]);
    expect(after.rows[0].n).toBe(6);
    expect(await fx.deps.analyzeQueue.count()).toBe(6);
    const outcomes = await fx.db.pool.query(
      'SELECT outcome, count(*)::int AS n FROM deliveries WHERE classroom_id = $1 GROUP BY outcome ORDER BY outcome',
      [classroomId],
    );
    expect(outcomes.rows).toEqual([{ outcome: 'accepted', n: 6 }, { outcome: 'duplicate', n: 6 }]);
  });
});

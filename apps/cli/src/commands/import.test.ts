import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupSubmissions, placeFile, run } from './import.js';

describe('placeFile', () => {
  it.each([
    // path, group depth, student depth, expected
    ['hw1/alice/main.py', 1, undefined, { assignment: 'hw1', student: 'alice', name: 'main.py' }],
    ['hw1/bob.py', 1, undefined, { assignment: 'hw1', student: 'bob.py', name: 'bob.py' }],
    ['case-03/plagiarized/L1/01/Main.java', 1, undefined, { assignment: 'case-03', student: 'plagiarized/L1/01', name: 'Main.java' }],
    ['term/hw1/alice/src/Main.java', 2, 1, { assignment: 'term/hw1', student: 'alice', name: 'src/Main.java' }],
    ['hw1', 1, undefined, null],
    ['hw1/alice', 1, 1, null],
  ] as const)('places %s (depth %i, student depth %s)', (path, depth, studentDepth, expected) => {
    expect(placeFile(path, depth, studentDepth)).toEqual(expected);
  });
});

describe('groupSubmissions', () => {
  it('gives one submission per student and assignment, sorted, with that student\'s files', () => {
    const { submissions, unplaced } = groupSubmissions(
      [
        { path: 'hw2/alice/main.py', content: 'a2' },
        { path: 'hw1/alice/util.py', content: 'u' },
        { path: 'hw1/alice/main.py', content: 'a1' },
        { path: 'hw1/bob.py', content: 'b' },
        { path: 'README', content: 'r' },
      ],
      1,
    );
    expect(unplaced).toEqual(['README']);
    expect(submissions).toEqual([
      { assignment: 'hw1', student: 'alice', files: [{ name: 'main.py', content: 'a1' }, { name: 'util.py', content: 'u' }] },
      { assignment: 'hw1', student: 'bob.py', files: [{ name: 'bob.py', content: 'b' }] },
      { assignment: 'hw2', student: 'alice', files: [{ name: 'main.py', content: 'a2' }] },
    ]);
  });
});

describe('crosscheck import', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'cc-import-'));
    const put = async (path: string, content: string | Buffer) => {
      await mkdir(dirname(join(root, 'src', path)), { recursive: true });
      await writeFile(join(root, 'src', path), content);
    };
    await put('hw1/alice/main.py', 'print(1)\n');
    await put('hw1/alice/util.py', 'x = 2\n');
    await put('hw1/bob/main.py', 'print(3)\n');
    await put('hw2/alice/main.py', '');
    await put('hw1/.git/config', 'hidden');
    await put('hw1/carol/blob.bin', Buffer.from([1, 0, 2]));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  const importTo = (out: string) =>
    run([join(root, 'src'), '--out', out, '--classroom', 'Imported', '--secret', 'imp-secret', '--group-depth', '1']);

  it('writes one documented-shape body per submission, the same bytes on every run', async () => {
    expect(await importTo(join(root, 'a'))).toBe(0);
    expect(await importTo(join(root, 'b'))).toBe(0);
    const names = (await readdir(join(root, 'a'))).sort();
    expect(names).toEqual(['1-hw1-alice.json', '2-hw1-bob.json', '3-hw2-alice.json']);
    for (const name of names) {
      expect(await readFile(join(root, 'b', name), 'utf8')).toBe(await readFile(join(root, 'a', name), 'utf8'));
    }
    const first = JSON.parse(await readFile(join(root, 'a', names[0]), 'utf8'));
    expect(first.assignment).toEqual({ name: 'hw1', type: 'manual' });
    expect(first.classroom).toEqual({ name: 'Imported', webhook_secret: 'imp-secret' });
    expect(first.submission.files).toEqual([{ name: 'main.py', content: 'print(1)\n' }, { name: 'util.py', content: 'x = 2\n' }]);
    expect(first.submission.time_submitted).toBe('2020-01-06T09:00:00.000Z');
    expect(first.student.first_name).toBe('alice');
    const third = JSON.parse(await readFile(join(root, 'a', names[2]), 'utf8'));
    expect(third.student.email).toBe(first.student.email);
    expect(third.submission.time_submitted).toBe('2020-01-06T09:02:00.000Z');
    expect(console.log).toHaveBeenCalledWith(expect.stringContaining('imported 4 files as 3 submissions (2 assignments, 2 students)'));
  });

  it('refuses an output folder that already holds bodies', async () => {
    await importTo(join(root, 'a'));
    await expect(importTo(join(root, 'a'))).rejects.toThrow(/already holds \.json files/);
  });
});

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs, requireOption } from '../args.js';
import { listFiles } from './compare.js';

const USAGE = 'usage: crosscheck import DIR --out OUTDIR --classroom NAME --secret SECRET --group-depth N [--student-depth M]';

/** Larger files are data sets or build output, not something a student wrote. */
const MAX_FILE_BYTES = 1024 * 1024;
/** Imported submissions get made-up times, one minute apart from here, so two imports are byte-identical. */
const BASE_TIME = Date.UTC(2020, 0, 6, 9, 0, 0);

export interface ImportedSubmission {
  assignment: string;
  student: string;
  files: { name: string; content: string }[];
}

/**
 * Where a file belongs: its first groupDepth segments name the assignment; the student is the
 * next studentDepth segments when given, else the folder holding the file (or the file itself
 * when it sits directly in the assignment folder). Null when the path is too short for both.
 */
export function placeFile(path: string, groupDepth: number, studentDepth?: number): { assignment: string; student: string; name: string } | null {
  const parts = path.split('/');
  const rest = parts.slice(groupDepth);
  if (groupDepth < 1 || rest.length === 0) return null;
  const assignment = parts.slice(0, groupDepth).join('/');
  if (studentDepth !== undefined) {
    if (rest.length <= studentDepth) return null;
    return { assignment, student: rest.slice(0, studentDepth).join('/'), name: rest.slice(studentDepth).join('/') };
  }
  if (rest.length === 1) return { assignment, student: rest[0], name: rest[0] };
  return { assignment, student: rest.slice(0, -1).join('/'), name: rest[rest.length - 1] };
}

/** One submission per (assignment, student), sorted by both, files sorted by name. */
export function groupSubmissions(
  files: readonly { path: string; content: string }[],
  groupDepth: number,
  studentDepth?: number,
): { submissions: ImportedSubmission[]; unplaced: string[] } {
  const byKey = new Map<string, ImportedSubmission>();
  const unplaced: string[] = [];
  for (const file of files) {
    const place = placeFile(file.path, groupDepth, studentDepth);
    if (!place) {
      unplaced.push(file.path);
      continue;
    }
    const key = JSON.stringify([place.assignment, place.student]);
    const sub = byKey.get(key) ?? { assignment: place.assignment, student: place.student, files: [] };
    sub.files.push({ name: place.name, content: file.content });
    byKey.set(key, sub);
  }
  const submissions = [...byKey.values()].sort((a, b) => compareText(a.assignment, b.assignment) || compareText(a.student, b.student));
  for (const s of submissions) s.files.sort((a, b) => compareText(a.name, b.name));
  return { submissions, unplaced };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function slugify(text: string, max = 40): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max) || 'x';
}

/** A webhook body in the platform's documented shape (no ids), as `replay` will send it. */
export function buildImportBody(sub: ImportedSubmission, index: number, classroom: string, secret: string): Record<string, unknown> {
  const submitted = new Date(BASE_TIME + index * 60_000);
  const created = new Date(submitted.getTime() - 30 * 60_000);
  // A stable, unique, obviously fake address: the student's identity is their path.
  const email = `${slugify(sub.student)}.${createHash('sha256').update(sub.student).digest('hex').slice(0, 8)}@import.invalid`;
  return {
    assignment: { name: sub.assignment, type: 'manual' },
    classroom: { name: classroom, webhook_secret: secret },
    submission: {
      status: 'submitted',
      time_submitted: submitted.toISOString(),
      time_created: created.toISOString(),
      teacher_url: '',
      student_url: '',
      files: sub.files,
    },
    student: { first_name: sub.student, last_name: '', email },
    event_name: 'student_submits_assignment',
  };
}

/** Reads the source files under dir, leaving out hidden paths, binaries and oversized files. */
async function readSources(dir: string): Promise<{ files: { path: string; content: string }[]; skipped: string[] }> {
  const files: { path: string; content: string }[] = [];
  const skipped: string[] = [];
  for (const path of listFiles(dir)) {
    if (path.split('/').some((part) => part.startsWith('.'))) continue;
    const bytes = await readFile(join(dir, path));
    if (bytes.length > MAX_FILE_BYTES || bytes.subarray(0, 8000).includes(0)) {
      skipped.push(path);
      continue;
    }
    files.push({ path, content: bytes.toString('utf8') });
  }
  return { files, skipped };
}

function parsePositiveInt(value: string | true | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}

/** `crosscheck import`: one webhook body per student and assignment, written to OUTDIR for `replay`. */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const dir = args.positionals[0];
  if (!dir) {
    console.error(USAGE);
    return 2;
  }
  const out = requireOption(args, 'out');
  const classroom = requireOption(args, 'classroom');
  const secret = requireOption(args, 'secret');
  const groupDepth = parsePositiveInt(requireOption(args, 'group-depth'), 'group-depth')!;
  const studentDepth = parsePositiveInt(args.options['student-depth'], 'student-depth');

  await mkdir(out, { recursive: true });
  // replay sends every *.json of the folder: bodies left from another import would be sent too.
  if ((await readdir(out)).some((f) => f.endsWith('.json'))) throw new Error(`${out} already holds .json files; choose an empty folder`);

  const { files, skipped } = await readSources(dir);
  const { submissions, unplaced } = groupSubmissions(files, groupDepth, studentDepth);
  const width = String(submissions.length).length;
  for (const [i, sub] of submissions.entries()) {
    const name = `${String(i + 1).padStart(width, '0')}-${slugify(sub.assignment, 30)}-${slugify(sub.student, 50)}.json`;
    await writeFile(join(out, name), `${JSON.stringify(buildImportBody(sub, i, classroom, secret), null, 2)}\n`);
  }
  for (const path of unplaced) console.error(`  not placed (path shorter than the group depth): ${path}`);
  for (const path of skipped) console.error(`  skipped (binary or over ${MAX_FILE_BYTES} bytes): ${path}`);
  const assignments = new Set(submissions.map((s) => s.assignment)).size;
  const students = new Set(submissions.map((s) => s.student)).size;
  console.log(
    `imported ${files.length - unplaced.length} files as ${submissions.length} submissions ` +
      `(${assignments} assignments, ${students} students) into ${out}`,
  );
  return submissions.length > 0 ? 0 : 1;
}

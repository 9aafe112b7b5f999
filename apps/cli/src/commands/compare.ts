import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compareCorpus, groupOf, type CorpusItem, type CorpusPair, type SourceFile } from '@crosscheck/similarity';
import { parseArgs } from '../args.js';

/** Folders that hold tooling, not submissions. */
const IGNORED_DIRS = new Set(['.git', 'node_modules', '.svn', '.hg', '__pycache__']);

/** Every file under dir, as paths relative to it with `/` separators, sorted for a stable output. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.has(entry.name)) walk(join(d, entry.name));
      } else if (entry.isFile()) {
        out.push(relative(dir, join(d, entry.name)).split(sep).join('/'));
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** Each file of dir as one submission, grouped by its first groupDepth path segments. */
export function loadCorpus(dir: string, groupDepth: number): CorpusItem[] {
  return listFiles(dir).map((path) => ({
    id: path,
    group: groupOf(path, groupDepth),
    files: [{ name: path, content: readFileSync(join(dir, path), 'utf8') }],
  }));
}

/** Starter code from a file, or from every file under a folder. */
export function loadStarter(path: string): SourceFile[] {
  if (statSync(path).isDirectory()) return listFiles(path).map((p) => ({ name: p, content: readFileSync(join(path, p), 'utf8') }));
  return [{ name: path, content: readFileSync(path, 'utf8') }];
}

function quoteCsv(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Fixed decimals keep the CSV diff-able between runs and machines. */
export function formatPairsCsv(pairs: readonly CorpusPair[]): string {
  const lines = ['file_a,file_b,similarity,longest,overlap'];
  const sorted = pairs
    .filter((p) => p.evidence.similarity > 0)
    .sort((x, y) => y.evidence.similarity - x.evidence.similarity || compareText(x.a, y.a) || compareText(x.b, y.b));
  for (const p of sorted) {
    lines.push([quoteCsv(p.a), quoteCsv(p.b), p.evidence.similarity.toFixed(4), p.evidence.longestTokens, p.evidence.overlap].join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * A reader that stops early (`compare DIR | head`) closes the pipe; the CSV is then unwanted, not
 * failed, so the process ends quietly with 0 instead of an unhandled EPIPE stack trace.
 */
export function exitQuietlyOnEpipe(stream: NodeJS.WritableStream, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    exit(0);
  });
}

function writeStdout(chunk: string): void {
  if (process.stdout.listenerCount('error') === 0) exitQuietlyOnEpipe(process.stdout);
  process.stdout.write(chunk);
}

/**
 * `crosscheck compare DIR [--group-depth N] [--starter FILE]`: every file is one submission; pairs
 * within a group that share anything are printed as CSV. `write` is stdout unless a test passes its own.
 */
export async function run(argv: string[], write: (chunk: string) => void = writeStdout): Promise<number> {
  const args = parseArgs(argv);
  const [dir] = args.positionals;
  if (!dir) {
    console.error('usage: crosscheck compare DIR [--group-depth N] [--starter FILE]');
    return 2;
  }
  const depthOption = args.options['group-depth'];
  const groupDepth = typeof depthOption === 'string' ? Number(depthOption) : 0;
  if (!Number.isInteger(groupDepth) || groupDepth < 0) {
    console.error('--group-depth must be a non-negative integer');
    return 2;
  }
  const starterOption = args.options.starter;
  const starter = typeof starterOption === 'string' ? loadStarter(starterOption) : [];
  const pairs = compareCorpus(loadCorpus(dir, groupDepth), { starter });
  write(formatPairsCsv(pairs));
  return 0;
}

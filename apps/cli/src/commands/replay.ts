import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs, requireOption } from '../args.js';

const USAGE = 'usage: crosscheck replay --url WEBHOOK_URL DIR [--concurrency N]';

export interface ReplayTally {
  total: number;
  done: number;
  /** Answers by HTTP status; 0 counts requests that got no answer (connection refused, reset). */
  byStatus: Map<number, number>;
  failures: { file: string; status: number; detail: string }[];
}

/** `replayed 40/80 (202: 38, 200: 2, other: 0)`: the two answers a healthy replay gets, and the rest. */
export function formatProgress(t: ReplayTally): string {
  const accepted = t.byStatus.get(202) ?? 0;
  const ok = t.byStatus.get(200) ?? 0;
  return `replayed ${t.done}/${t.total} (202: ${accepted}, 200: ${ok}, other: ${t.done - accepted - ok})`;
}

/** Posts one body as the platform does: JSON, no signature header (the secret is in the body). */
async function postBody(url: string, body: string): Promise<{ status: number; detail: string }> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await res.text();
    return { status: res.status, detail: text.slice(0, 200) };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { status: 0, detail: cause?.code ?? cause?.message ?? (err as Error).message };
  }
}

/**
 * Sends every *.json file of dir (sorted by name) to url, `concurrency` at a time, reporting
 * progress through onProgress. Bodies are sent byte for byte as they are on disk.
 */
export async function replayDirectory(
  url: string,
  dir: string,
  concurrency: number,
  onProgress: (t: ReplayTally) => void = () => undefined,
): Promise<ReplayTally> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const tally: ReplayTally = { total: files.length, done: 0, byStatus: new Map(), failures: [] };
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++];
      const { status, detail } = await postBody(url, await readFile(join(dir, file), 'utf8'));
      tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
      if (status < 200 || status > 299) tally.failures.push({ file, status, detail });
      tally.done++;
      onProgress(tally);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, files.length)) }, lane));
  return tally;
}

/** `crosscheck replay --url URL DIR`: exit 0 when every delivery got a 2xx answer, else 1. */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const url = requireOption(args, 'url');
  const dir = args.positionals[0];
  if (!dir) {
    console.error(USAGE);
    return 2;
  }
  const concurrency = Number(args.options.concurrency ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error('--concurrency must be an integer from 1 to 64');

  const tty = process.stderr.isTTY === true;
  let lastLine = 0;
  const tally = await replayDirectory(url, dir, concurrency, (t) => {
    if (tty) {
      process.stderr.write(`\r${formatProgress(t)}`);
      return;
    }
    // Without a terminal, one line per tenth keeps CI logs short.
    const tenth = Math.floor((t.done * 10) / t.total);
    if (tenth !== lastLine && t.done < t.total) {
      lastLine = tenth;
      console.error(formatProgress(t));
    }
  });
  if (tty && tally.total > 0) process.stderr.write('\n');
  for (const f of tally.failures.slice(0, 20)) console.error(`  ${f.file}: ${f.status || 'no answer'} ${f.detail}`);
  if (tally.failures.length > 20) console.error(`  … and ${tally.failures.length - 20} more`);
  const statuses = [...tally.byStatus.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s || 'no answer'}: ${n}`);
  console.log(`${formatProgress(tally)}${statuses.length ? `; by status ${statuses.join(', ')}` : ''}`);
  return tally.failures.length > 0 ? 1 : 0;
}

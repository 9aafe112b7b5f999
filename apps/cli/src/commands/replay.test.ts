import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatProgress, replayDirectory, run } from './replay.js';

// A real HTTP server standing in for ingest: it answers by the body's "answer" field and
// records what it received, so the test sees exactly what replay sent.
let server: Server;
let url: string;
let dir: string;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(body);
      res.writeHead(JSON.parse(body).answer, { 'content-type': 'application/json' }).end('{"ok":1}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/webhooks/replit/1`;
  dir = await mkdtemp(join(tmpdir(), 'cc-replay-'));
  const answers = [202, 202, 200, 202, 500];
  for (const [i, answer] of answers.entries()) await writeFile(join(dir, `${i}.json`), JSON.stringify({ answer, i }));
  await writeFile(join(dir, 'notes.txt'), 'not a body');
});
afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('replayDirectory', () => {
  it('posts every .json body once and tallies the answers', async () => {
    received.length = 0;
    const seen: string[] = [];
    const tally = await replayDirectory(url, dir, 3, (t) => seen.push(formatProgress(t)));
    expect(received.map((b) => JSON.parse(b).i).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(formatProgress(tally)).toBe('replayed 5/5 (202: 3, 200: 1, other: 1)');
    expect(tally.failures.map((f) => [f.file, f.status])).toEqual([['4.json', 500]]);
    expect(seen).toHaveLength(5);
  });

  it('counts a server that does not answer as a failure', async () => {
    const tally = await replayDirectory('http://127.0.0.1:1/x', dir, 2);
    expect(tally.failures).toHaveLength(5);
    expect(tally.byStatus.get(0)).toBe(5);
  });
});

describe('crosscheck replay', () => {
  it('exits 1 when any delivery is not answered 2xx, and prints a summary', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await run(['--url', url, dir, '--concurrency', '1'])).toBe(1);
      expect(log.mock.calls.at(-1)?.[0]).toBe('replayed 5/5 (202: 3, 200: 1, other: 1); by status 200: 1, 202: 3, 500: 1');
      expect(err.mock.calls.some((c) => String(c[0]).includes('4.json: 500'))).toBe(true);
    } finally {
      vi.restoreAllMocks();
    }
  });
});

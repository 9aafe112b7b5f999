/**
 * The README shows `crosscheck compare DIR | head`: a reader that closes the pipe early must not
 * turn into an EPIPE stack trace and a failed exit status. Runs the built CLI as a real process
 * whose stdout has no reader left by the time it writes.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'apps/cli/dist/main.js');
const CORPUS = path.join(ROOT, 'test/fixtures/ir-plag/case-03');

function runWithClosedStdout(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is not built: run \`npx tsc -b\` (npm test does it first)`);
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  // Closed before the child has even loaded: every write it makes to stdout meets EPIPE.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('crosscheck compare into a closed pipe', () => {
  it('exits 0 without a stack trace', async () => {
    const result = await runWithClosedStdout(['compare', CORPUS]);
    expect(result.stderr).not.toMatch(/EPIPE|Error/);
    expect(result).toMatchObject({ code: 0, signal: null });
  });

  it('still reports a real error (a missing folder) with status 1', async () => {
    const result = await runWithClosedStdout(['compare', path.join(CORPUS, 'no-such-folder')]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`crosscheck: no such file or folder: ${path.join(CORPUS, 'no-such-folder')}`);
  });
});

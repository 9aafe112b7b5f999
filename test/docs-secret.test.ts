/**
 * The private fixtures' real webhook secret is needed by scripts/acceptance.mjs to replay them,
 * and nowhere else: docs and examples must show a made-up one, or anyone reading the repo can
 * sign deliveries for that classroom. The secret is read from the script, so this file does not
 * spread it further.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Where the secret belongs: the replay script, and CI, which runs it.
const ALLOWED = new Set(['scripts/acceptance.mjs', '.ci/run']);
// Not the project's text: installs, build output, git's own files, eval output (all gitignored).
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.eval-out', 'coverage']);

function fixtureSecret(): string {
  const m = /const SECRET = '([^']+)';/.exec(readFileSync(path.join(ROOT, 'scripts/acceptance.mjs'), 'utf8'));
  if (!m) throw new Error('scripts/acceptance.mjs no longer declares SECRET; update this test');
  return m[1];
}

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* files(rel);
    } else if (entry.isFile()) {
      yield rel;
    }
  }
}

describe('the fixtures\' webhook secret', () => {
  it('appears in no file but the acceptance replay', () => {
    const secret = fixtureSecret();
    const found = [...files('')].filter((rel) => !ALLOWED.has(rel) && readFileSync(path.join(ROOT, rel), 'latin1').includes(secret));
    expect(found).toEqual([]);
  });

  it('is checked in the docs and README this scan walks', () => {
    const walked = new Set(files(''));
    expect(walked.has('README.md') && walked.has('docs/webhooks.md')).toBe(true);
  });
});

/**
 * The README promises a two-command quick start, a row for every setting the config reads, and a
 * step list whose links land on sections of the workflow page. These drift silently when a
 * setting is added or a heading renamed, so they are checked here (text only, no service). Every
 * relative link must name a file git tracks: a doc left uncommitted exists in the author's tree
 * but not in a clone.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '@crosscheck/config';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The text of a `## ` section, up to the next one. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`no section "## ${title}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');
}

describe('README', () => {
  it('starts the service and runs the tests with one command each', () => {
    const blocks = [...section(readme, 'Quick start').matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].trim());
    expect(blocks).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });

  it('documents every setting the config reads, and no other', () => {
    const rows = [...section(readme, 'Configuration').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect([...rows].sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it('links each workflow step to a section of docs/api-review.md', () => {
    const review = readFileSync(path.join(ROOT, 'docs/api-review.md'), 'utf8');
    const anchors = new Set([...review.matchAll(/^#+ (.+)$/gm)].map((m) => anchorOf(m[1])));
    const links = [...section(readme, "The teacher's workflow").matchAll(/\(docs\/api-review\.md#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThanOrEqual(13);
    for (const link of links) expect(anchors, link).toContain(link);
  });
});

describe('links in README.md and docs/', () => {
  const tracked = new Set(execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean));
  const pages = [...tracked].filter((f) => f === 'README.md' || (f.startsWith('docs/') && f.endsWith('.md')));

  it('point at files the repository tracks', () => {
    expect(pages).toContain('docs/engine.md');
    const broken: string[] = [];
    for (const page of pages) {
      const text = readFileSync(path.join(ROOT, page), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/i.test(target)) continue;
        const file = path.posix.normalize(path.posix.join(path.posix.dirname(page), target));
        if (!tracked.has(file) && ![...tracked].some((t) => t.startsWith(`${file.replace(/\/$/, '')}/`))) broken.push(`${page} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

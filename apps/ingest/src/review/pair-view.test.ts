import { describe, expect, it } from 'vitest';
import type { Fragment, SourceFile, Span } from '@crosscheck/similarity';
import { DIFF_LIMITS, buildDiffs, buildFileViews, findStarterRegions, mergeSpans, numberFragments, pairFiles, type FileAnalyzer } from './pair-view.js';

const span = (startLine: number, startCol: number, endLine: number, endCol: number): Span => ({ startLine, startCol, endLine, endCol });

// A toy analyzer: one token per word (column from 1), k = 2, the k-gram hash is the two words joined.
// Hashes are numbers in the real engine; here a word pair maps to its index in a shared table.
const table = new Map<string, number>();
const toyAnalyze: FileAnalyzer = (file) => {
  const tokens: Span[] = [];
  const words: string[] = [];
  file.content.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/\S+/g)) {
      tokens.push(span(i + 1, m.index + 1, i + 1, m.index + m[0].length));
      words.push(m[0]);
    }
  });
  const kgrams: number[] = [];
  for (let j = 0; j + 1 < words.length; j++) {
    const key = `${words[j]} ${words[j + 1]}`;
    if (!table.has(key)) table.set(key, table.size + 1);
    kgrams.push(table.get(key)!);
  }
  return { language: 'toy', tokens, kgrams, k: 2 };
};

describe('numberFragments', () => {
  it('numbers the longest fragment 1 and keeps the same number for both sides', () => {
    const f = (tokens: number, line: number): Fragment => ({ fileA: 'a.py', fileB: 'b.py', a: span(line, 1, line, 5), b: span(line + 10, 1, line + 10, 5), tokens });
    const numbered = numberFragments([f(5, 3), f(20, 9), f(5, 1)]);
    expect(numbered.map((x) => [x.fragment, x.tokens, x.a.startLine])).toEqual([[1, 20, 9], [2, 5, 1], [3, 5, 3]]);
  });
});

describe('mergeSpans', () => {
  it('merges overlapping and touching spans and keeps gaps', () => {
    expect(mergeSpans([span(5, 1, 5, 4), span(1, 1, 2, 3), span(2, 1, 3, 9), span(3, 10, 3, 12)])).toEqual([span(1, 1, 3, 12), span(5, 1, 5, 4)]);
  });
});

describe('starter regions', () => {
  const starter: SourceFile = { name: 'main.py', content: 'def main ( ) :\n  pass' };
  const starterHashes = new Set(Array.from(toyAnalyze(starter).kgrams));

  it('marks the part of a file that is starter code and nothing else', () => {
    const file: SourceFile = { name: 'main.py', content: 'x = 1\ndef main ( ) :\n  pass\ny = 2' };
    // "1 def" is not a starter k-gram; "def main" .. ": pass" are; "pass y" is not.
    expect(findStarterRegions(toyAnalyze(file), starterHashes)).toEqual([span(2, 1, 3, 6)]);
  });

  it('finds nothing without starter code', () => {
    expect(findStarterRegions(toyAnalyze(starter), new Set())).toEqual([]);
  });
});

describe('buildFileViews', () => {
  it('puts each fragment on its own side, with its number', () => {
    const fragments = numberFragments([
      { fileA: 'a.py', fileB: 'b.py', a: span(1, 1, 2, 3), b: span(4, 1, 5, 3), tokens: 9 },
      { fileA: 'a.py', fileB: 'c.py', a: span(7, 1, 7, 3), b: span(1, 1, 1, 3), tokens: 4 },
    ]);
    const views = buildFileViews([{ name: 'b.py', content: 'x' }, { name: 'c.py', content: 'y' }], fragments, 'b', new Set(), toyAnalyze);
    expect(views.map((v) => [v.name, v.language, v.fragments])).toEqual([
      ['b.py', 'toy', [{ fragment: 1, ...span(4, 1, 5, 3) }]],
      ['c.py', 'toy', [{ fragment: 2, ...span(1, 1, 1, 3) }]],
    ]);
  });
});

describe('pairFiles and buildDiffs', () => {
  const a = [
    { name: 'main.py', content: 'print(1)\n' },
    { name: 'helpers.py', content: 'def add(a, b):\n    return a + b\n' },
    { name: 'notes.txt', content: 'zzzz qqqq\n' },
  ];
  const b = [
    { name: 'utils.py', content: 'def add(x, y):\n    return x + y\n' },
    { name: 'main.py', content: 'print(2)\n' },
  ];

  it('pairs by name first, then by content, and leaves the rest unpaired', () => {
    expect(pairFiles(a, b).pairs.map(([x, y]) => [x?.name ?? null, y?.name ?? null])).toEqual([
      ['main.py', 'main.py'],
      ['helpers.py', 'utils.py'],
      ['notes.txt', null],
    ]);
  });

  it('writes one unified diff per paired file', () => {
    const diffs = buildDiffs(a, b);
    expect(diffs[0]).toMatchObject({ fileA: 'main.py', fileB: 'main.py', omitted: null });
    expect(diffs[0].patch).toContain('--- a/main.py');
    expect(diffs[0].patch).toContain('-print(1)\n+print(2)');
    expect(diffs[2].patch).toContain('+++ /dev/null');
  });
});

describe('diff limits', () => {
  // Each input is the smallest that crosses one limit; a diff that would cross it is never run.
  const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}_${i} = ${tag}(${i})`).join('\n');
  const one = (name: string, content: string) => [{ name, content }];

  it.each([
    ['characters', 'x'.repeat(DIFF_LIMITS.maxFileChars + 1)],
    ['lines', '\n'.repeat(DIFF_LIMITS.maxFileLines)],
  ])('leaves out the diff of a file over the %s limit, and says so', (_what, content) => {
    const [diff] = buildDiffs(one('main.py', content), one('main.py', 'y\n'));
    expect(diff).toEqual({ fileA: 'main.py', fileB: 'main.py', patch: null, omitted: 'file_too_large' });
  });

  it('gives up on a renamed copy that changes more lines than maxEditLines, and says so', () => {
    // Every line differs: the edit script is 2 x 501 lines, just over the 1,000 allowed.
    const n = DIFF_LIMITS.maxEditLines / 2 + 1;
    const [diff] = buildDiffs(one('main.py', lines(n, 'alpha')), one('copy.py', lines(n, 'beta')));
    expect(diff).toEqual({ fileA: 'main.py', fileB: 'copy.py', patch: null, omitted: 'too_many_changes' });
    const [within] = buildDiffs(one('main.py', lines(n - 1, 'alpha')), one('copy.py', lines(n - 1, 'beta')));
    expect(within.omitted).toBeNull();
    expect(within.patch).toContain('+beta_0 = beta(0)');
  });

  it('still shows a long file without a partner, whose diff costs nothing to find', () => {
    const [diff] = buildDiffs(one('main.py', lines(DIFF_LIMITS.maxEditLines * 2, 'alpha')), []);
    expect(diff).toMatchObject({ fileA: 'main.py', fileB: null, omitted: null });
    expect(diff.patch).toContain('+++ /dev/null');
  });

  it('leaves out the diffs the response has no time left for, and says so', () => {
    const diffs = buildDiffs(one('main.py', 'a\n'), one('main.py', 'b\n'), { ...DIFF_LIMITS, timeBudgetMs: 0 });
    expect(diffs).toEqual([{ fileA: 'main.py', fileB: 'main.py', patch: null, omitted: 'timeout' }]);
  });
});

describe('many files', () => {
  // Names never match (src/a<i>.py against lib/b<i>.py), so every file is left for content matching.
  const side = (n: number, dir: string, tag: string) =>
    Array.from({ length: n }, (_, i) => ({ name: `${dir}/${tag}${i}.py`, content: `def ${tag}${i}(x):\n    return x + ${i}\n` }));
  const names = (diffs: { fileA: string | null; fileB: string | null }[]) => diffs.flatMap((d) => [d.fileA, d.fileB]).filter((n) => n !== null).sort();

  it('compares by content only the first maxMatched files of each side, and lists the rest as unmatched', () => {
    const { pairs, unmatched } = pairFiles(side(3, 'src', 'a'), side(4, 'lib', 'b'), 2);
    expect(pairs.map(([x, y]) => [x?.name, y?.name])).toEqual([['src/a0.py', 'lib/b0.py'], ['src/a1.py', 'lib/b1.py']]);
    expect(unmatched.map(([x, y]) => [x?.name ?? null, y?.name ?? null])).toEqual([['src/a2.py', null], [null, 'lib/b2.py'], [null, 'lib/b3.py']]);
  });

  it('computes at most maxDiffs diffs, and names every file it left out', () => {
    const n = DIFF_LIMITS.maxMatchedFiles + 10;
    const a = side(n, 'src', 'a');
    const b = side(n, 'lib', 'b');
    const diffs = buildDiffs(a, b);
    expect(diffs.filter((d) => d.patch !== null)).toHaveLength(DIFF_LIMITS.maxDiffs);
    expect(diffs.filter((d) => d.patch === null).every((d) => d.omitted === 'too_many_files')).toBe(true);
    expect(names(diffs)).toEqual([...a, ...b].map((f) => f.name).sort());
  });

  it('stops diffing when the lines of the diffs so far would pass maxDiffLines', () => {
    const file = (name: string) => ({ name, content: 'x = 1\ny = 2\nz = 3' });
    const diffs = buildDiffs([file('one.py'), file('two.py')], [file('one.py'), file('two.py')], { ...DIFF_LIMITS, maxDiffLines: 10 });
    expect(diffs.map((d) => [d.fileA, d.omitted])).toEqual([['one.py', null], ['two.py', 'too_many_files']]);
  });
});

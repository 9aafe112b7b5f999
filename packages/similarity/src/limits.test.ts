/**
 * The work one comparison may cost is bounded by file count, not by what a delivery carries.
 *
 * | fixture                             | files | each file                      |
 * | ----------------------------------- | ----- | ------------------------------ |
 * | many one-liners, both sides alike   | 300   | `x<i> = <i>` then `print(x<i>)` |
 * | one large file among the one-liners | 301   | a 40-line function             |
 */
import { describe, expect, it } from 'vitest';
import { analyzeSubmission, FILE_LIMIT_REASON, MAX_COMPARED_FILES } from './analyze.js';
import { comparePair, MAX_FRAGMENTS } from './compare-pair.js';
import type { ScoringContext, SourceFile } from './types.js';

const ctx: ScoringContext = { starterHashes: new Set(), documentFrequency: () => 1, population: 2 };

function oneLiners(count: number): SourceFile[] {
  return Array.from({ length: count }, (_, i) => ({ name: `f${String(i).padStart(3, '0')}.py`, content: `x${i} = ${i}\nprint(x${i})\n` }));
}

const LARGE: SourceFile = {
  name: 'zz_main.py',
  content: Array.from({ length: 40 }, (_, i) => `def step${i}(total, item):\n    if item > ${i}:\n        total = total + item * ${i}\n    return total\n`).join(''),
};

describe('file limit of one submission', () => {
  it('compares the largest files and skips the rest with a reason', () => {
    const files = [...oneLiners(300), LARGE];
    const sub = analyzeSubmission(files);
    expect(sub.files).toHaveLength(301);
    const compared = sub.files.filter((f) => !f.skipReason);
    const left = sub.files.filter((f) => f.skipReason === FILE_LIMIT_REASON);
    expect(compared).toHaveLength(MAX_COMPARED_FILES);
    expect(left).toHaveLength(301 - MAX_COMPARED_FILES);
    // The large file is kept although it comes last; skipped files carry no tokens.
    expect(compared.map((f) => f.name)).toContain('zz_main.py');
    expect(left.every((f) => f.tokenCount === 0 && f.fingerprints.length === 0)).toBe(true);
    // By hand: one-liners for i < 10 are 17 characters, 10..99 are 20, 100..299 are 23. Kept: the
    // large file, the 200 longest, then 55 of the 20-character ones in the order given (10..64).
    const name = (i: number) => `f${String(i).padStart(3, '0')}.py`;
    const expected = [...Array.from({ length: 10 }, (_, i) => name(i)), ...Array.from({ length: 35 }, (_, i) => name(65 + i))];
    expect(left.map((f) => f.name)).toEqual(expected);
  });

  it('leaves a submission at the limit whole', () => {
    const sub = analyzeSubmission(oneLiners(MAX_COMPARED_FILES));
    expect(sub.files.some((f) => f.skipReason)).toBe(false);
  });
});

describe('fragment limit of one pair', () => {
  it('keeps the longest fragments and still scores two identical submissions 1', () => {
    const files = oneLiners(MAX_COMPARED_FILES);
    const a = analyzeSubmission(files);
    const b = analyzeSubmission(files);
    const evidence = comparePair(a, b, ctx);
    expect(evidence.similarity).toBe(1);
    expect(evidence.fragments.length).toBeLessThanOrEqual(MAX_FRAGMENTS);
    expect(evidence.fragments.length).toBeGreaterThan(0);
    for (let i = 1; i < evidence.fragments.length; i++) expect(evidence.fragments[i - 1].tokens).toBeGreaterThanOrEqual(evidence.fragments[i].tokens);
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeSubmission, DEFAULT_FLAG_THRESHOLD, DEFAULT_MIN_LONGEST, FILE_LIMIT_REASON, MAX_COMPARED_FILES } from '@crosscheck/similarity';
import type { ComparisonScope } from '@crosscheck/db';
import { candidateAssignmentsFor, choosePairHome } from './scoring.js';
import { describeOutcome } from './analyze.js';
import { shouldFlag } from './rescore.js';

// Scope fixture: a group of active assignments 10 and 30 and reference assignment 20.
const group: ComparisonScope = { key: 'g1', groupId: 1, assignmentIds: [10, 20, 30], activeIds: [10, 30] };
const alone: ComparisonScope = { key: 'a7', groupId: null, assignmentIds: [7], activeIds: [7] };

describe('pair home assignment', () => {
  it('is the assignment itself inside one assignment', () => {
    expect(choosePairHome(alone, 7, 7)).toBe(7);
    expect(choosePairHome(group, 30, 30)).toBe(30);
  });
  it("is the active side's against a reference assignment, whichever side is first", () => {
    expect(choosePairHome(group, 20, 30)).toBe(30);
    expect(choosePairHome(group, 30, 20)).toBe(30);
  });
  it('is the lower id between two active assignments, so resubmissions keep one row', () => {
    expect(choosePairHome(group, 30, 10)).toBe(10);
    expect(choosePairHome(group, 10, 30)).toBe(10);
  });
});

describe('candidate assignments', () => {
  it('are the whole scope for an active assignment and only active ones for a reference one', () => {
    expect(candidateAssignmentsFor(group, 10)).toEqual([10, 20, 30]);
    expect(candidateAssignmentsFor(group, 20)).toEqual([10, 30]);
    expect(candidateAssignmentsFor(alone, 7)).toEqual([7]);
  });
});

describe('analysis outcome', () => {
  const stored = (contents: string[]) => contents.map((content, i) => ({ id: i + 1, name: `f${i}.py`, content }));
  it('is skipped with a reason when there is nothing to compare', () => {
    expect(describeOutcome([], analyzeSubmission([]))).toEqual({ status: 'skipped', reason: 'no files' });
    const blank = stored(['', '   \n']);
    expect(describeOutcome(blank, analyzeSubmission(blank)).status).toBe('skipped');
  });
  it('is analysed when one file has tokens', () => {
    const files = stored(['', 'x = 1\nprint(x)\n']);
    expect(describeOutcome(files, analyzeSubmission(files))).toEqual({ status: 'analysed', reason: null });
  });
  it('is analysed with the file limit as its reason when files were left out', () => {
    const files = stored(Array.from({ length: MAX_COMPARED_FILES + 1 }, (_, i) => `x${i} = ${i}\n`));
    const analysed = analyzeSubmission(files);
    expect(analysed.files.filter((f) => f.skipReason === FILE_LIMIT_REASON)).toHaveLength(1);
    expect(describeOutcome(files, analysed)).toEqual({ status: 'analysed', reason: `compared on its 256 largest files (it has 257)` });
  });
});

describe('flag', () => {
  it('follows the rank score against the threshold and needs a long enough shared run', () => {
    expect(shouldFlag({ longestTokens: DEFAULT_MIN_LONGEST }, DEFAULT_FLAG_THRESHOLD)).toBe(true);
    expect(shouldFlag({ longestTokens: DEFAULT_MIN_LONGEST }, DEFAULT_FLAG_THRESHOLD - 0.01)).toBe(false);
    expect(shouldFlag({ longestTokens: DEFAULT_MIN_LONGEST - 1 }, 1)).toBe(false);
  });
  it('uses the assignment settings where set', () => {
    expect(shouldFlag({ longestTokens: 50 }, 0.3, { flagThreshold: 0.25, minLongest: 40 })).toBe(true);
    expect(shouldFlag({ longestTokens: 30 }, 0.3, { flagThreshold: 0.25, minLongest: 40 })).toBe(false);
  });
});

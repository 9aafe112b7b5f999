import { describe, expect, it } from 'vitest';
import { markStarterTokens } from './starter.js';

describe('markStarterTokens', () => {
  const k = 4;
  it('marks a stretch of consecutive starter k-grams spanning at least 2k tokens', () => {
    // k-grams 2..6 (5 of them) cover tokens 2..9: 8 tokens = 2k.
    const kgrams = [10, 11, 1, 2, 3, 4, 5, 12, 13];
    const mask = markStarterTokens(kgrams, k, kgrams.length + k - 1, new Set([1, 2, 3, 4, 5]))!;
    expect(Array.from(mask)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
  });

  it('leaves a lone shared k-gram, or a short stretch, unmarked', () => {
    const kgrams = [10, 1, 11, 2, 3, 12, 13];
    expect(markStarterTokens(kgrams, k, kgrams.length + k - 1, new Set([1, 2, 3]))).toBeNull();
  });

  it('returns null without starter code', () => {
    expect(markStarterTokens([1, 2, 3], k, 6, new Set())).toBeNull();
  });
});

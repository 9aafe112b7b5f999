import { describe, expect, it } from 'vitest';
import { analyzeFile } from './analyze.js';
import { hashKgrams } from './hash.js';
import { DEFAULT_OPTIONS } from './options.js';
import { winnow } from './winnow.js';

/** A deterministic generator, so a failing property names a seed that reproduces it. */
function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomIds(random: () => number, length: number, alphabet: number): Int32Array {
  return Int32Array.from({ length }, () => Math.floor(random() * alphabet));
}

describe('winnowing', () => {
  const { k, window } = DEFAULT_OPTIONS;

  it('gives no k-grams and no fingerprints for input shorter than k', () => {
    expect(hashKgrams(randomIds(createRandom(1), k - 1, 50), k)).toHaveLength(0);
    expect(winnow(new Float64Array(0), window)).toEqual([]);
    // `a = b + c` is 5 tokens, far below k: no structural fingerprint, no k-gram.
    const file = analyzeFile({ name: 'short.py', content: 'a = b + c\n' }, { literals: false });
    expect(file.tokenCount).toBeLessThan(k);
    expect(file.fingerprints).toEqual([]);
  });

  it('keeps one fingerprint for input of exactly k tokens', () => {
    expect(winnow(hashKgrams(randomIds(createRandom(2), k, 50), k), window)).toEqual([0]);
  });

  it('never leaves a gap wider than the window between selected positions (random sequences)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = createRandom(seed);
      const ids = randomIds(random, k + Math.floor(random() * 400), 2 + Math.floor(random() * 30));
      const selected = winnow(hashKgrams(ids, k), window);
      const kgrams = ids.length - k + 1;
      expect(selected[0], `seed ${seed}`).toBeLessThan(Math.min(window, kgrams));
      for (let i = 1; i < selected.length; i++) {
        expect(selected[i] - selected[i - 1], `seed ${seed}`).toBeGreaterThan(0);
        expect(selected[i] - selected[i - 1], `seed ${seed}`).toBeLessThanOrEqual(window);
      }
      expect(kgrams - 1 - selected[selected.length - 1], `seed ${seed}`).toBeLessThan(window);
    }
  });

  it('finds every shared run of k + window - 1 tokens (the guarantee)', () => {
    const t = k + window - 1;
    for (let seed = 1; seed <= 100; seed++) {
      const random = createRandom(seed * 7);
      const shared = randomIds(random, t, 40);
      const a = Int32Array.from([...randomIds(random, 30, 40), ...shared, ...randomIds(random, 30, 40)]);
      const b = Int32Array.from([...randomIds(random, 50, 40), ...shared, ...randomIds(random, 10, 40)]);
      const ha = hashKgrams(a, k);
      const hb = hashKgrams(b, k);
      const fa = new Set(winnow(ha, window).map((i) => ha[i]));
      const fb = winnow(hb, window).map((i) => hb[i]);
      expect(fb.some((h) => fa.has(h)), `seed ${seed}`).toBe(true);
    }
  });
});

describe('k-gram hashes', () => {
  it('are safe integers spanning more than 2^47 (at least 48 bits used)', () => {
    const ids = randomIds(createRandom(3), 20_000, 1000);
    const hashes = hashKgrams(ids, 12);
    let max = 0;
    for (const h of hashes) {
      expect(Number.isSafeInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      max = Math.max(max, h);
    }
    expect(max).toBeGreaterThan(2 ** 47);
    expect(max).toBeLessThan(2 ** 53);
    expect(new Set(hashes).size).toBeGreaterThan(hashes.length * 0.99);
  });

  it('are the same for the same tokens anywhere (rolling equals direct)', () => {
    const ids = randomIds(createRandom(4), 100, 20);
    const rolled = hashKgrams(ids, 12);
    for (const i of [0, 17, 88]) expect(hashKgrams(ids.slice(i, i + 12), 12)[0]).toBe(rolled[i]);
  });
});

import { describe, expect, it } from 'vitest';
import { compareCorpus, groupOf, type CorpusItem } from './corpus.js';
import { isFlagged } from './flag.js';
import { rankPairs } from './rank.js';

/*
 * A synthetic class: every student solves the same small task (read numbers, report total,
 * mean, extremes and a verdict) by picking, per step, one of several idioms, their own names and
 * their own messages. Copies are the source program disguised: names replaced, functions in
 * another order, no-op statements and comments inserted.
 */
function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NAMES = ['values', 'nums', 'data', 'items', 'scores', 'xs', 'marks', 'readings', 'points', 'entries'];
const WORDS = ['Total', 'Sum', 'Mean', 'Average', 'Largest', 'Max', 'Smallest', 'Min', 'Result', 'Verdict', 'Count', 'Values'];

function pick<T>(random: () => number, options: readonly T[]): T {
  return options[Math.floor(random() * options.length)];
}

function writeProgram(random: () => number): string[][] {
  const v = pick(random, NAMES);
  const w = (): string => `${pick(random, WORDS)} ${pick(random, ['is', '=', ':', 'was'])} `;
  const read = pick(random, [
    [`def read_${v}():`, `    ${v} = []`, `    while True:`, `        line = input("${w()}")`, `        if line == "":`, `            break`, `        ${v}.append(float(line))`, `    return ${v}`],
    [`def read_${v}():`, `    n = int(input("${w()}"))`, `    return [float(input()) for _ in range(n)]`],
    [`def read_${v}():`, `    return [int(t) for t in input("${w()}").split()]`],
  ]);
  const total = pick(random, [
    [`def total(${v}):`, `    s = 0`, `    for x in ${v}:`, `        s += x`, `    return s`],
    [`def total(${v}):`, `    return sum(${v})`],
    [`def total(${v}):`, `    i = 0`, `    s = 0`, `    while i < len(${v}):`, `        s = s + ${v}[i]`, `        i += 1`, `    return s`],
  ]);
  const extremes = pick(random, [
    [`def extremes(${v}):`, `    return min(${v}), max(${v})`],
    [`def extremes(${v}):`, `    lo = hi = ${v}[0]`, `    for x in ${v}[1:]:`, `        if x < lo:`, `            lo = x`, `        if x > hi:`, `            hi = x`, `    return lo, hi`],
    [`def extremes(${v}):`, `    ordered = sorted(${v})`, `    return ordered[0], ordered[-1]`],
  ]);
  const limit = pick(random, [50, 60, 65, 70, 75]);
  const verdict = pick(random, [
    [`def verdict(mean):`, `    if mean >= ${limit}:`, `        return "${pick(random, ['pass', 'ok', 'good'])}"`, `    return "${pick(random, ['fail', 'low', 'bad'])}"`],
    [`def verdict(mean):`, `    return "${pick(random, ['above', 'high'])}" if mean > ${limit} else "${pick(random, ['below', 'low'])}"`],
    [`def verdict(mean):`, `    labels = {True: "${pick(random, ['yes', 'fine'])}", False: "${pick(random, ['no', 'poor'])}"}`, `    return labels[mean >= ${limit}]`],
  ]);
  const above = pick(random, [
    [`def count_above(${v}, mean):`, `    n = 0`, `    for x in ${v}:`, `        if x > mean:`, `            n += 1`, `    return n`],
    [`def count_above(${v}, mean):`, `    return len([x for x in ${v} if x > mean])`],
    [`def count_above(${v}, mean):`, `    return sum(1 for x in ${v} if x > mean)`],
    [`def count_above(${v}, mean):`, `    ordered = sorted(${v}, reverse=True)`, `    k = 0`, `    while k < len(ordered) and ordered[k] > mean:`, `        k = k + 1`, `    return k`],
  ]);
  const histogram = pick(random, [
    [`def histogram(${v}):`, `    for x in ${v}:`, `        print("*" * int(x // ${pick(random, [5, 10, 20])}))`],
    [`def histogram(${v}):`, `    buckets = [0] * ${pick(random, [5, 10])}`, `    for x in ${v}:`, `        buckets[min(len(buckets) - 1, int(x) // 10)] += 1`, `    for i, c in enumerate(buckets):`, `        print(i * 10, "#" * c)`],
    [`def histogram(${v}):`, `    counts = {}`, `    for x in ${v}:`, `        counts[x] = counts.get(x, 0) + 1`, `    for key in sorted(counts):`, `        print(key, counts[key])`],
  ]);
  const main = pick(random, [
    [`${v} = read_${v}()`, `if not ${v}:`, `    print("${w()}")`, `else:`, `    t = total(${v})`, `    print("${w()}", t)`, `    print("${w()}", t / len(${v}))`, `    lo, hi = extremes(${v})`, `    print("${w()}", lo, hi)`, `    print(verdict(t / len(${v})), count_above(${v}, t / len(${v})))`, `    histogram(${v})`],
    [`if __name__ == "__main__":`, `    data = read_${v}()`, `    mean = total(data) / max(1, len(data))`, `    low, high = extremes(data)`, `    print(f"${w()}{total(data)} ${w()}{mean:.2f}")`, `    print(f"${w()}{low}..{high}", verdict(mean))`, `    print("${w()}", count_above(data, mean))`, `    histogram(data)`],
    [`def main():`, `    got = read_${v}()`, `    m = total(got) / len(got) if got else 0`, `    histogram(got)`, `    print("${w()}" + str(m))`, `    print("${w()}" + str(count_above(got, m)))`, `    print("${w()}", *extremes(got), verdict(m))`, ``, `main()`],
  ]);
  const functions = [read, total, extremes, verdict, above, histogram].sort(() => random() - 0.5);
  return [...functions, main];
}

function disguise(blocks: string[][], random: () => number): string {
  const renames: [RegExp, string][] = [
    [/\bread_(\w+)/g, 'load_input'], [/\btotal\b/g, 'add_up'], [/\bextremes\b/g, 'bounds'], [/\bverdict\b/g, 'judge'],
    [/\bcount_above\b/g, 'over'], [/\bhistogram\b/g, 'chart'], [/\bmean\b/g, 'avg'], [/\bdata\b/g, 'numbers'], [/\bs\b/g, 'acc'], [/\bx\b/g, 'item'], [/\blo\b/g, 'smallest'], [/\bhi\b/g, 'largest'],
  ];
  const functions = blocks.slice(0, -1).reverse();
  const out: string[] = ['# my solution'];
  for (const block of [...functions, blocks[blocks.length - 1]]) {
    for (const [i, line] of block.entries()) {
      let renamed = line;
      for (const [re, to] of renames) renamed = renamed.replace(re, to);
      out.push(renamed);
      const indent = (block[i + 1] ?? '').match(/^ */)?.[0] ?? '';
      if (i > 0 && block[i + 1] !== undefined && !/^\s*(else|elif)/.test(block[i + 1]) && random() < 0.3) out.push(`${indent}pass`);
    }
    out.push('');
  }
  return out.join('\n');
}

function buildClass(size: number, copiesOf: (i: number) => number | null, seed: number): CorpusItem[] {
  const random = createRandom(seed);
  const programs = Array.from({ length: size }, () => writeProgram(random));
  return programs.map((blocks, i) => {
    const source = copiesOf(i);
    const content = source === null ? blocks.map((b) => b.join('\n')).join('\n\n') + '\n' : disguise(programs[source], random);
    return { id: `s${String(i).padStart(2, '0')}`, group: 'task', files: [{ name: 'main.py', content }] };
  });
}

describe('compareCorpus and rankPairs over a class', () => {
  it('finds a copy ring of 6 in a class of 40: its pairs rank above every independent pair', () => {
    const ring = new Set([3, 11, 17, 24, 30, 38]);
    const items = buildClass(40, (i) => (ring.has(i) && i !== 3 ? 3 : null), 7);
    const pairs = compareCorpus(items);
    const isRing = (id: string): boolean => ring.has(Number(id.slice(1)));
    const ringRanks = pairs.filter((p) => isRing(p.a) && isRing(p.b)).map((p) => p.rankScore);
    const otherRanks = pairs.filter((p) => !(isRing(p.a) && isRing(p.b))).map((p) => p.rankScore);
    expect(ringRanks).toHaveLength(15);
    expect(Math.min(...ringRanks)).toBeGreaterThan(Math.max(...otherRanks));
    const ringPairs = pairs.filter((p) => isRing(p.a) && isRing(p.b));
    expect(ringPairs.every((p) => isFlagged(p.rankScore, p.evidence.longestTokens))).toBe(true);
  });

  it('ranks the copies first when most of a class copies one source', () => {
    const items = buildClass(40, (i) => (i < 30 && i > 0 ? 0 : null), 11);
    const pairs = compareCorpus(items);
    const copied = (id: string): boolean => Number(id.slice(1)) < 30;
    const sourcePairs = pairs.filter((p) => p.a === 's00' && copied(p.b)).map((p) => p.rankScore);
    const independent = pairs.filter((p) => !copied(p.a) || !copied(p.b)).map((p) => p.rankScore);
    expect(sourcePairs).toHaveLength(29);
    expect(Math.min(...sourcePairs)).toBeGreaterThan(Math.max(...independent));
    // The background is what independent pairs share, not the copies: the copies still flag.
    expect(pairs.filter((p) => p.a === 's00' && copied(p.b)).every((p) => isFlagged(p.rankScore, p.evidence.longestTokens))).toBe(true);
  });

  it('ranks a lone pair by its similarity: two identical files score 1 and flag', () => {
    const content = 'def f(xs):\n    total = 0\n    for x in xs:\n        if x > 0:\n            total += x * x\n    return total\n\nprint(f([1, 2, 3]))\n';
    const pairs = compareCorpus([
      { id: 'a', group: 'g', files: [{ name: 'main.py', content }] },
      { id: 'b', group: 'g', files: [{ name: 'main.py', content }] },
    ]);
    expect(pairs).toHaveLength(1);
    expect(pairs[0].rankScore).toBe(1);
    expect(isFlagged(pairs[0].rankScore, pairs[0].evidence.longestTokens)).toBe(true);
    expect(rankPairs([{ a: 'a', b: 'b', similarity: 0.4, weightedSimilarity: 0.9 }])).toEqual([0.4]);
  });

  it('compares only within a group', () => {
    const content = 'def f(xs):\n    total = 0\n    for x in xs:\n        total += x * x\n    return total\n';
    const pairs = compareCorpus([
      { id: 'a/1', group: groupOf('a/1', 1), files: [{ name: 'main.py', content }] },
      { id: 'b/1', group: groupOf('b/1', 1), files: [{ name: 'main.py', content }] },
    ]);
    expect(pairs).toEqual([]);
    expect(groupOf('x/y/z.py', 2)).toBe('x/y');
    expect(groupOf('z.py', 1)).toBe('');
  });
});

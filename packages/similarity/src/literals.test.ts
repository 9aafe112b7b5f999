import { describe, expect, it } from 'vitest';
import { fingerprintLiterals } from './literals.js';
import { tokenize } from './tokenize.js';

const literalHashes = (content: string): number[] => fingerprintLiterals(tokenize({ name: 'Main.java', content }).tokens).map((f) => f.hash);

describe('fingerprintLiterals', () => {
  it('ignores whitespace inside a string literal but keeps its case and wording', () => {
    const a = literalHashes('class A { void f() { print("Enter feet: "); print("Underweight"); } }');
    const spaced = literalHashes('class A { void f() { print("Enter feet : "); print("Underweight "); } }');
    expect(spaced).toEqual(a);
    expect(literalHashes('class A { void f() { print("Enter Feet: "); print("Underweight"); } }')[0]).not.toBe(a[0]);
    expect(literalHashes('class A { void f() { print("Enter inches: "); print("Underweight"); } }')[0]).not.toBe(a[0]);
  });

  it('skips literals too short to be anyone’s wording', () => {
    expect(literalHashes('class A { void f() { print(" "); print("ab"); print("\\n"); } }')).toEqual([]);
  });
});

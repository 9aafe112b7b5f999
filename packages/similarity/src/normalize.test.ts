import { describe, expect, it } from 'vitest';
import { normalizeTokens } from './normalize.js';
import { tokenize } from './tokenize.js';

const seq = (content: string, name = 'Main.java', declarations = true): string =>
  normalizeTokens(tokenize({ name, content }).tokens, declarations).map((t) => t.text).join(' ');

describe('normalizeTokens', () => {
  it('reads a hoisted declaration the same as declaring where the variable is first set', () => {
    const inline = 'class A { void f() { double w = read(); double h = w * 2; print(h); } }';
    const hoisted = 'class A { void f() { double w, h; w = read(); h = w * 2; print(h); } }';
    const oneByOne = 'class A { void f() { double w; double h; w = read(); h = w * 2; print(h); } }';
    expect(seq(hoisted)).toBe(seq(inline));
    expect(seq(oneByOne)).toBe(seq(inline));
    // Without the idea the three differ, so the test above is about it.
    expect(seq(hoisted, 'Main.java', false)).not.toBe(seq(inline, 'Main.java', false));
  });

  it('leaves parameters, casts, method declarations and loop variables their types', () => {
    const out = seq('class A { static double area(double r, int n) { for (int i = 0; i < n; i++) r = (double) i; return r; } }');
    // 1 method return type, 2 parameters, 1 loop variable, 1 cast.
    expect(out.split(' ').filter((t) => t === 'TYPE')).toHaveLength(5);
  });

  it('does the same in C, whose lexer keeps the semicolons', () => {
    expect(seq('int main(void) { int a, b; a = 1; b = a + 2; return b; }', 'm.c')).toBe(seq('int main(void) { int a = 1; int b = a + 2; return b; }', 'm.c'));
  });
});

/**
 * The disguise the acceptance run plants: a small program whose every renaming rule shows.
 *
 * | in the source                 | becomes                                   |
 * |-------------------------------|-------------------------------------------|
 * | `total`, `add`, `a`, `b`, `i` | pool names, the same name everywhere      |
 * | `import math as m`            | `m` renamed (bound by `as`), `math` kept  |
 * | `end=` (builtin's keyword)    | kept; `b=` (our parameter) renamed        |
 * | `obj.total`, `'total'`        | kept: attribute and string                |
 * | `{total}` in an f-string      | renamed; `{{braces}}` kept                |
 * | comments                      | header replaced, trailing one dropped,    |
 * |                               | others alternately dropped and reworded,  |
 * |                               | `# part N` added above each block         |
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { disguisePython, lexPython } from '../scripts/lib/disguise.mjs';

const SOURCE = `# Jane Doe - homework 3
import math as m
total = 0
def add(a, b=2):
    return a + b  # sum them
# loop over three values
for i in range(3):
    total += add(i, b=1)
# show it
print(f"total {total} {{braces}}", end="")
print(m.pi, 'total', obj.total)
`;

const EXPECTED = `# Sam Roe - homework 3
import math as amount
value = 0
# part 1
def result(count, item=2):
    return count + item
# part 2
for entry in range(3):
    value += result(entry, item=1)
# next: show it
print(f"total {value} {{braces}}", end="")
print(amount.pi, 'total', obj.total)
`;

describe('disguisePython', () => {
  it('renames bound names consistently and reworks comments, leaving keywords, builtins, attributes and strings', () => {
    expect(disguisePython(SOURCE, { header: 'Sam Roe - homework 3' })).toBe(EXPECTED);
  });

  it('gives the same output for the same input', () => {
    expect(disguisePython(SOURCE, { header: 'h' })).toBe(disguisePython(SOURCE, { header: 'h' }));
  });

  it('never renames to a name the program already uses', () => {
    const out = disguisePython('from lib import amount\nx = amount\n', { header: 'h' }) as string;
    // `amount`, the first pool name, is an imported name the program uses, so `x` must get the next one.
    expect(out).toBe('# h\nfrom lib import amount\nvalue = amount\n');
  });

  it('lexes strings whole, so a quote or # inside one is not code', () => {
    const src = `s = "a # b" + '''x\n'y'\n''' + r'\\d'\n`;
    const tokens = lexPython(src) as { kind: string; text: string }[];
    expect(tokens.map((t) => t.text).join('')).toBe(src);
    expect(tokens.filter((t) => t.kind === 'string').map((t) => t.text)).toEqual(['"a # b"', `'''x\n'y'\n'''`, "r'\\d'"]);
    expect(tokens.some((t) => t.kind === 'comment')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { tokenize } from '../tokenize.js';

function texts(content: string): string[] {
  return tokenize({ name: 'a.py', content }).tokens.map((t) => t.text);
}

describe('python lexer', () => {
  it('drops comments, blank lines, pass and semicolons, and abstracts names, numbers and strings', () => {
    const source = '# header\nx = 1  # one\n\n\ny = "two"; pass\n';
    expect(texts(source)).toEqual(['ID', '=', 'NUM', 'ID', '=', 'STR']);
  });

  it('yields the same texts after renaming every identifier', () => {
    const a = 'def area(w, h):\n    total = w * h\n    return total\n';
    const b = 'def surface(width, height):\n    result = width * height\n    return result\n';
    expect(texts(a)).toEqual(texts(b));
    expect(texts(a)).toEqual(['def', 'ID', '(', 'ID', ',', 'ID', ')', ':', 'INDENT', 'ID', '=', 'ID', '*', 'ID', 'return', 'ID', 'DEDENT']);
  });

  it('turns indentation into INDENT/DEDENT whatever its width, and ignores it inside brackets', () => {
    const fourSpaces = 'if a:\n    if b:\n        c()\nd = [1,\n      2]\n';
    const tabs = 'if a:\n\tif b:\n\t\tc()\nd = [1,\n 2]\n';
    const expected = ['if', 'ID', ':', 'INDENT', 'if', 'ID', ':', 'INDENT', 'ID', '(', ')', 'DEDENT', 'DEDENT', 'ID', '=', '[', 'NUM', ',', 'NUM', ']'];
    expect(texts(fourSpaces)).toEqual(expected);
    expect(texts(tabs)).toEqual(expected);
  });

  it('keeps block structure: moving a statement out of a block changes the tokens', () => {
    expect(texts('if a:\n    b()\n    c()\n')).not.toEqual(texts('if a:\n    b()\nc()\n'));
  });

  it('closes open blocks at the end of the file and across comment-only lines', () => {
    expect(texts('def f():\n    x = 1\n# note\n    return x')).toEqual([
      'def', 'ID', '(', ')', ':', 'INDENT', 'ID', '=', 'NUM', 'return', 'ID', 'DEDENT',
    ]);
  });

  it('reports 1-based line and column spans of the original text', () => {
    const { tokens } = tokenize({ name: 'a.py', content: 'def f():\n    return "a\\"b"\n' });
    const ret = tokens.find((t) => t.text === 'return');
    const str = tokens.find((t) => t.kind === 'string');
    expect(ret).toMatchObject({ startLine: 2, startCol: 5, endLine: 2, endCol: 10 });
    expect(str).toMatchObject({ startLine: 2, startCol: 12, endLine: 2, endCol: 17, literal: 'a\\"b' });
  });

  it('reads triple-quoted strings (with quotes and newlines inside) as one string', () => {
    const { tokens } = tokenize({ name: 'a.py', content: 'doc = """one "two"\nthree \'\'\' """\nx = 1' });
    expect(tokens.map((t) => t.text)).toEqual(['ID', '=', 'STR', 'ID', '=', 'NUM']);
    expect(tokens[2]).toMatchObject({ startLine: 1, startCol: 7, endLine: 2, endCol: 13, literal: 'one "two"\nthree \'\'\' ' });
  });

  it('accepts every string prefix', () => {
    expect(texts("a = r'\\d' + b'x' + Rb\"y\" + u'z'")).toEqual(['ID', '=', 'STR', '+', 'STR', '+', 'STR', '+', 'STR']);
  });

  it('tokenizes f-string expressions after one string token, with nested quotes and format specs', () => {
    const { tokens } = tokenize({ name: 'a.py', content: 'print(f"{name!r:>{width}} has {d["k"] + 1:.2f} {{x}}")' });
    expect(tokens.map((t) => t.text)).toEqual(['ID', '(', 'STR', 'ID', 'ID', '[', 'STR', ']', '+', 'NUM', ')']);
    expect(tokens[2]).toMatchObject({ startCol: 7, endCol: 53, literal: ' has  {{x}}' });
  });

  it('reads a triple-quoted f-string spanning lines', () => {
    expect(texts('s = f"""a\n{x}\nb"""\ny = 2')).toEqual(['ID', '=', 'STR', 'ID', 'ID', '=', 'NUM']);
  });

  it('treats backslash continuations as layout', () => {
    expect(texts('x = 1 + \\\n    2\ny = 3')).toEqual(['ID', '=', 'NUM', '+', 'NUM', 'ID', '=', 'NUM']);
  });
});

import { describe, expect, it } from 'vitest';
import { tokenize } from '../tokenize.js';

function texts(name: string, content: string): string[] {
  return tokenize({ name, content }).tokens.map((t) => t.text);
}

describe('brace-language lexer: shared normalization', () => {
  it('drops comments, layout and semicolons; keeps keywords; abstracts names and literals (Java)', () => {
    const source = '/** doc */\npublic class A {\n  // note\n  int x = 42; /* inline */ String s = "hi";\n}\n';
    expect(texts('A.java', source)).toEqual(['public', 'class', 'ID', '{', 'int', 'ID', '=', 'NUM', 'ID', 'ID', '=', 'STR', '}']);
  });

  it('yields the same texts after renaming and reformatting (C)', () => {
    const a = 'int sum(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }';
    const b = 'int total(int count)\n{\n    int acc = 0;\n    for (int k = 0; k < count; k++)\n        acc += k;\n    return acc;\n}\n';
    expect(texts('a.c', a)).toEqual(texts('b.c', b));
  });

  it('normalizes x++, ++x and x += 1 to the same tokens', () => {
    const expected = ['ID', '+=', 'NUM'];
    expect(texts('a.java', 'i++;')).toEqual(expected);
    expect(texts('a.java', '++i;')).toEqual(expected);
    expect(texts('a.java', 'i += 1;')).toEqual(expected);
    expect(texts('a.c', 'a[j]--;')).toEqual(['ID', '[', 'ID', ']', '-=', 'NUM']);
  });

  it('reads this.x and this->x as x, but keeps a bare this', () => {
    expect(texts('A.java', 'this.total = this.total + n;')).toEqual(texts('A.java', 'total = total + n;'));
    expect(texts('a.cpp', 'this->size++;')).toEqual(['ID', '+=', 'NUM']);
    expect(texts('a.swift', 'self.count = 1')).toEqual(['ID', '=', 'NUM']);
    expect(texts('A.java', 'return this;')).toEqual(['return', 'this']);
  });

  it('merges declaration keywords a copier can swap freely', () => {
    expect(texts('a.js', 'var a = 1; const b = 2; let c = 3;')).toEqual(['let', 'ID', '=', 'NUM', 'let', 'ID', '=', 'NUM', 'let', 'ID', '=', 'NUM']);
    expect(texts('a.kt', 'val a = 1')).toEqual(texts('a.kt', 'var a = 1'));
    expect(texts('a.swift', 'let a = 1')).toEqual(texts('a.swift', 'var a = 1'));
  });

  it('splits >> so nested generics read the same with or without a space', () => {
    expect(texts('a.java', 'List<List<Integer>> x;')).toEqual(texts('a.java', 'List<List<Integer> > x;'));
  });

  it('reports line and column spans in the original text', () => {
    const { tokens } = tokenize({ name: 'A.java', content: 'class A {\n\tvoid f() {\n\t\treturn;\n\t}\n}' });
    expect(tokens.find((t) => t.text === 'void')).toMatchObject({ startLine: 2, startCol: 2, endLine: 2, endCol: 5 });
    expect(tokens.find((t) => t.text === 'return')).toMatchObject({ startLine: 3, startCol: 3, endCol: 8 });
    expect(tokens.at(-1)).toMatchObject({ text: '}', startLine: 5, startCol: 1 });
  });

  it('keeps the raw value of strings and chars as the literal, escapes included', () => {
    const { tokens } = tokenize({ name: 'a.c', content: 'char *s = "a\\"b"; char c = \'\\n\';' });
    expect(tokens.filter((t) => t.kind === 'string').map((t) => t.literal)).toEqual(['a\\"b', '\\n']);
  });
});

describe('C and C++ preprocessor', () => {
  it('drops #include and #pragma lines but keeps #define as a structure token with its tokens', () => {
    const source = '#include <stdio.h>\n#pragma once\n#define MAX(a, b) \\\n  ((a) > (b) ? (a) : (b))\nint main() { return 0; }';
    expect(texts('a.c', source)).toEqual([
      '#define', 'ID', '(', 'ID', ',', 'ID', ')', '(', '(', 'ID', ')', '>', '(', 'ID', ')', '?', '(', 'ID', ')', ':', '(', 'ID', ')', ')',
      'int', 'ID', '(', ')', '{', 'return', 'NUM', '}',
    ]);
  });

  it('drops a continued #include line entirely', () => {
    expect(texts('a.c', '#include \\\n  "x.h"\nint y;')).toEqual(['int', 'ID']);
  });

  it('reads C++ raw strings and encoding prefixes as one string', () => {
    expect(texts('a.cpp', 'auto s = R"x(a)"b)x"; auto w = L"wide"; auto u = u8"utf";')).toEqual([
      'auto', 'ID', '=', 'STR', 'auto', 'ID', '=', 'STR', 'auto', 'ID', '=', 'STR',
    ]);
  });

  it('treats #region as layout in C#', () => {
    expect(texts('a.cs', '#region Helpers\nint x = 0;\n#endregion\n')).toEqual(['int', 'ID', '=', 'NUM']);
  });
});

describe('JavaScript and TypeScript', () => {
  it('emits one string for a template literal, then the tokens of nested ${} expressions', () => {
    const { tokens } = tokenize({ name: 'a.js', content: 'const t = `a${x + `b${y}c`}d`;\nz;' });
    expect(tokens.map((t) => t.text)).toEqual(['let', 'ID', '=', 'STR', 'ID', '+', 'STR', 'ID', 'ID']);
    expect(tokens[3]).toMatchObject({ startCol: 11, endLine: 1, endCol: 29, literal: 'ad' });
    expect(tokens[6]).toMatchObject({ startCol: 19, endCol: 26, literal: 'bc' });
  });

  it('reads / as a regex where an operand is expected and as division after a value', () => {
    expect(texts('a.js', 'let r = /[/]+/g.test(s); let q = a / b / c;')).toEqual([
      'let', 'ID', '=', 'REGEX', '.', 'ID', '(', 'ID', ')', 'let', 'ID', '=', 'ID', '/', 'ID', '/', 'ID',
    ]);
    expect(texts('a.js', 'return /x/.test(s)')).toEqual(['return', 'REGEX', '.', 'ID', '(', 'ID', ')']);
    expect(texts('a.js', 'f(a) / 2 / g(b)')).toEqual(['ID', '(', 'ID', ')', '/', 'NUM', '/', 'ID', '(', 'ID', ')']);
  });

  it('makes automatic semicolon insertion irrelevant', () => {
    expect(texts('a.js', 'let a = 1;\nlet b = 2;\n')).toEqual(texts('a.js', 'let a = 1\nlet b = 2\n'));
  });

  it('keeps TypeScript keywords and $-identifiers', () => {
    expect(texts('a.ts', 'interface P { readonly $id: number }')).toEqual(['interface', 'ID', '{', 'readonly', 'ID', ':', 'number', '}']);
  });
});

describe('Go, Rust, Kotlin, Swift, C#', () => {
  it('reads Go raw strings across lines as one string', () => {
    const { tokens } = tokenize({ name: 'a.go', content: 's := `a\n"b"\nc`\nx := 1' });
    expect(tokens.map((t) => t.text)).toEqual(['ID', ':=', 'STR', 'ID', ':=', 'NUM']);
    expect(tokens[2]).toMatchObject({ startLine: 1, endLine: 3, endCol: 2, literal: 'a\n"b"\nc' });
  });

  it('skips nested block comments in Rust, Kotlin and Swift, but not in C', () => {
    const body = '/* a /* b */ c */ x';
    expect(texts('a.rs', body)).toEqual(['ID']);
    expect(texts('a.kt', body)).toEqual(['ID']);
    expect(texts('a.swift', body)).toEqual(['ID']);
    expect(texts('a.c', body)).toEqual(['ID', '*', '/', 'ID']);
  });

  it('tells Rust lifetimes from char literals and reads raw strings', () => {
    expect(texts('a.rs', "fn f<'a>(s: &'a str) -> char { let r = r#\"q\"#; 'x' }")).toEqual([
      'fn', 'ID', '<', "'", 'ID', '>', '(', 'ID', ':', '&', "'", 'ID', 'ID', ')', '->', 'ID', '{', 'let', 'ID', '=', 'STR', 'STR', '}',
    ]);
  });

  it('reads interpolated strings whose expressions contain quotes as one string', () => {
    expect(texts('a.kt', 'val s = "x ${m["k"]} y"')).toEqual(['var', 'ID', '=', 'STR']);
    expect(texts('a.swift', 'let s = "a \\(f("x")) b"')).toEqual(['var', 'ID', '=', 'STR']);
    expect(texts('a.cs', 'var s = $"x {d["k"]}"; var v = @"c:\\dir""q";')).toEqual(['var', 'ID', '=', 'STR', 'var', 'ID', '=', 'STR']);
  });

  it('reads text blocks and multi-line strings', () => {
    expect(texts('A.java', 'String s = """\n  a "q" b\n  """;')).toEqual(['ID', 'ID', '=', 'STR']);
    expect(texts('a.swift', 'let s = #"raw "q""#')).toEqual(['var', 'ID', '=', 'STR']);
  });
});

import { describe, expect, it } from 'vitest';
import { SKIP_BINARY, SKIP_MINIFIED, SKIP_OVERSIZED, tokenize } from './tokenize.js';

/** One small multi-line sample per lexer, each with a comment, a string and nesting. */
const SAMPLES: Record<string, string> = {
  'a.py': 'def f(x):\n    """doc\n    string"""\n    return f"{x}!"  # c\n',
  'a.js': 'function f(x) {\n  // c\n  return `a${x}\nb`;\n}\n',
  'a.ts': 'const f = (x: number): string => {\n  return "v" + x; /* c\n  */\n};\n',
  'A.java': 'class A {\n  int f(int x) {\n    return x + 1; // c\n  }\n}\n',
  'a.c': '#include <stdio.h>\nint main(void) {\n  printf("%d\\n", 1);\n  return 0;\n}\n',
  'a.cpp': '#include <iostream>\nint main() {\n  std::cout << "hi";\n}\n',
  'a.cs': 'class A {\n  static void Main() {\n    var s = @"a\nb";\n  }\n}\n',
  'a.go': 'package main\nfunc main() {\n  s := `a\nb`\n  _ = s\n}\n',
  'a.rb': "def f(x)\n  <<~T\n    #{x}\n  T\nend\n",
  'a.rs': 'fn main() {\n  /* a /* b */ */\n  let s = "x";\n}\n',
  'a.php': '<p>\nhi</p>\n<?php\n$x = 1;\n?>\n',
  'a.kt': 'fun main() {\n  val s = """\n  a\n  """\n}\n',
  'a.swift': 'func f() {\n  let s = "a \\(1)"\n}\n',
  'a.sh': 'for i in 1 2; do\n  echo "$i"\ndone\ncat <<EOF\nx\nEOF\n',
  'a.sql': 'SELECT a\n-- c\nFROM t\nWHERE b = \'x\';\n',
  'a.html': '<div>\n  <p class="c">hi</p>\n</div>\n',
  'a.css': '.a {\n  color: red;\n}\n',
  'a.txt': 'some words\n# c\nend\n',
};

describe('tokenize: input that is not source code', () => {
  it('returns zero tokens and no reason for empty or whitespace-only content', () => {
    for (const content of ['', ' \n\t\r\n', '\uFEFF']) {
      expect(tokenize({ name: 'a.py', content })).toEqual({ language: 'python', tokens: [] });
    }
  });

  it('skips binary content with a reason', () => {
    expect(tokenize({ name: 'a.c', content: 'int x;\0\0\x01' })).toEqual({ language: 'c', tokens: [], skipReason: SKIP_BINARY });
  });

  it('skips content over 1 MiB, counting UTF-8 bytes', () => {
    const big = 'x = 1\n'.repeat(180_000);
    expect(tokenize({ name: 'a.py', content: big }).skipReason).toBe(SKIP_OVERSIZED);
    const wide = '# é\n'.repeat(220_000); // 880,000 chars but 1,100,000 bytes
    expect(tokenize({ name: 'a.py', content: wide }).skipReason).toBe(SKIP_OVERSIZED);
  });

  it('skips minified code but not a file with one long data line', () => {
    const minified = 'var a=1,b=2;function c(d){return d+a}'.repeat(100);
    expect(tokenize({ name: 'app.min.js', content: minified })).toMatchObject({ tokens: [], skipReason: SKIP_MINIFIED });
    const withTable = `const table = [${'1, '.repeat(1500)}];\n${'let x = 1;\n'.repeat(50)}`;
    const result = tokenize({ name: 'a.js', content: withTable });
    expect(result.skipReason).toBeUndefined();
    expect(result.tokens.length).toBeGreaterThan(1500);
  });
});

describe('tokenize: byte-order marks and line endings change nothing', () => {
  for (const [name, content] of Object.entries(SAMPLES)) {
    it(`${name}: BOM, CRLF and CR variants give identical tokens`, () => {
      const plain = tokenize({ name, content });
      expect(plain.skipReason).toBeUndefined();
      expect(plain.tokens.length).toBeGreaterThan(2);
      expect(tokenize({ name, content: '\uFEFF' + content })).toEqual(plain);
      expect(tokenize({ name, content: content.replace(/\n/g, '\r\n') })).toEqual(plain);
      expect(tokenize({ name, content: '\uFEFF' + content.replace(/\n/g, '\r') })).toEqual(plain);
    });
  }

  it('keeps multi-line literals free of carriage returns', () => {
    const { tokens } = tokenize({ name: 'a.go', content: 's := `a\r\nb`' });
    expect(tokens[2].literal).toBe('a\nb');
  });
});

describe('tokenize: spans', () => {
  it('gives every token 1-based positions with start <= end, in every sample', () => {
    for (const [name, content] of Object.entries(SAMPLES)) {
      const lineCount = content.split('\n').length;
      for (const t of tokenize({ name, content }).tokens) {
        expect(t.startLine, name).toBeGreaterThanOrEqual(1);
        expect(t.startCol, name).toBeGreaterThanOrEqual(1);
        expect(t.endLine, name).toBeLessThanOrEqual(lineCount);
        expect(t.endLine > t.startLine || (t.endLine === t.startLine && t.endCol >= t.startCol), name).toBe(true);
      }
    }
  });
});

describe('tokenize: robustness', () => {
  /** Fragments of every lexer's tricky syntax, glued at random: unterminated literals, stray closers. */
  const PIECES = [
    '"', "'", '`', '$', '{', '}', '(', ')', '[', ']', '#', '/', '*', '\\', '\n', ' ', '\t', '<', '>', '<<', '<<<', '?',
    '=', '%', '@', 'a', 'EOF', 'r', 'f', '1', '.', ':', ';', '-', '=begin', '\n=end', '<?php', '?>', '<script>',
    '</script>', '${', '#{', '\\(', '"""', "'''", 'R"x(', ')x"', 'r#"', '"#', '/*', '*/', '//', '<!--', '-->', 'this.',
    'x++', '$(', '$((', '))', '<<~EOS\n', '\nEOS\n',
  ];
  const NAMES = ['a.py', 'a.js', 'a.ts', 'A.java', 'a.c', 'a.cpp', 'a.cs', 'a.go', 'a.rb', 'a.rs', 'a.php', 'a.kt', 'a.swift', 'a.sh', 'a.sql', 'a.html', 'a.css', 'a.txt'];

  it('never throws and keeps every span inside the text, for 5,000 random fragments', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 5000; i++) {
      let content = '';
      for (let n = 1 + Math.floor(random() * 40); n > 0; n--) content += PIECES[Math.floor(random() * PIECES.length)];
      const name = NAMES[i % NAMES.length];
      const result = tokenize({ name, content });
      expect(result.skipReason, `${name} ${JSON.stringify(content)}`).toBeUndefined();
      const lineCount = content.split('\n').length;
      for (const t of result.tokens) {
        const inside = t.startLine >= 1 && t.startCol >= 1 && t.endLine <= lineCount && (t.endLine > t.startLine || t.endCol >= t.startCol);
        expect(inside, `${name} ${JSON.stringify(content)} ${JSON.stringify(t)}`).toBe(true);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { tokenize } from '../tokenize.js';

function texts(name: string, content: string): string[] {
  return tokenize({ name, content }).tokens.map((t) => t.text);
}

describe('ruby lexer', () => {
  it('drops # comments and =begin/=end blocks, abstracts names and sigil variables', () => {
    const source = '# top\n=begin\nx = 1\n=end\n@count = $total + @@n # tail\n';
    expect(texts('a.rb', source)).toEqual(['ID', '=', 'ID', '+', 'ID']);
  });

  it('yields the same texts after renaming, and drops optional then', () => {
    const a = 'def grade(score)\n  if score > 90 then "A" else "B" end\nend\n';
    const b = 'def mark(points)\n  if points > 90\n    "A"\n  else\n    "B"\n  end\nend\n';
    expect(texts('a.rb', a)).toEqual(texts('b.rb', b));
  });

  it('reads interpolated strings with quotes inside, symbols, % literals and regexes', () => {
    expect(texts('a.rb', 'puts "a#{h["k"]}b"\nh[:k] = %w[x y]\nok = s =~ /a\\/b/')).toEqual([
      'ID', 'STR', 'ID', '[', 'STR', ']', '=', 'STR', 'ID', '=', 'ID', '=~', 'REGEX',
    ]);
  });

  it('reads a squiggly heredoc body as the literal and resumes after its terminator', () => {
    const { tokens } = tokenize({ name: 'a.rb', content: 'text = <<~EOS.strip\n  one\n  two\n  EOS\nx = 1\n' });
    expect(tokens.map((t) => t.text)).toEqual(['ID', '=', 'STR', '.', 'ID', 'ID', '=', 'NUM']);
    expect(tokens[2].literal).toBe('  one\n  two\n');
    expect(tokens[5]).toMatchObject({ startLine: 5, startCol: 1 });
  });

  it('leaves a << b alone', () => {
    expect(texts('a.rb', 'list << item')).toEqual(['ID', '<<', 'ID']);
  });
});

describe('php lexer', () => {
  it('tokenizes code between <?php and ?>, and the HTML around it as HTML', () => {
    const source = '<p>Hi</p>\n<?php\n// c\n$x = 5; # d\n?>\n<b><?= $x ?></b>';
    expect(texts('a.php', source)).toEqual(['<p', 'STR', '</p', 'ID', '=', 'NUM', '<b', 'echo', 'ID', '</b']);
  });

  it('yields the same texts after renaming variables and changing keyword case', () => {
    const a = '<?php function add($a, $b) { return $a + $b; } echo add(1, 2);';
    const b = '<?php FUNCTION plus($x, $y) { RETURN $x + $y; } ECHO plus(1, 2);';
    expect(texts('a.php', a)).toEqual(texts('b.php', b));
  });

  it('reads heredocs and multi-line strings as one string', () => {
    const { tokens } = tokenize({ name: 'a.php', content: '<?php\n$s = <<<EOT\nHello $name\nEOT;\n$t = \'a\nb\';\n$u = 1;' });
    expect(tokens.map((t) => t.text)).toEqual(['ID', '=', 'STR', 'ID', '=', 'STR', 'ID', '=', 'NUM']);
    expect(tokens[6]).toMatchObject({ startLine: 7, startCol: 1 });
  });
});

describe('bash lexer', () => {
  it('drops comments (not $#), keeps keywords and builtins, abstracts variables', () => {
    const source = '#!/bin/bash\n# comment\nname="x" # trailing\necho "$name" $# $1\n';
    expect(texts('a.sh', source)).toEqual(['ID', '=', 'STR', 'echo', 'STR', 'ID', 'ID']);
  });

  it('reads backticks and $(...) alike, with nested tokens', () => {
    expect(texts('a.sh', 'a=$(wc -l < f)')).toEqual(texts('a.sh', 'a=`wc -l < f`'));
    expect(texts('a.sh', 'a=$(wc -l < f)')).toEqual(['ID', '=', '$(', 'wc', '-l', '<', 'ID', ')']);
  });

  it('scans arithmetic and tests', () => {
    expect(texts('a.sh', 'if [ $x -gt 3 ]; then (( y = y + 1 )); fi')).toEqual([
      'if', '[', 'ID', '-gt', 'NUM', ']', 'then', '((', 'ID', '=', 'ID', '+', 'NUM', '))', 'fi',
    ]);
    expect(texts('a.sh', 'echo $(( a * 2 ))')).toEqual(['echo', '$((', 'ID', '*', 'NUM', '))']);
  });

  it('reads a heredoc body as one string and resumes after its terminator', () => {
    const { tokens } = tokenize({ name: 'a.sh', content: "cat <<-'END' > out\n\thello $x\n\tEND\nexit 0\n" });
    expect(tokens.map((t) => t.text)).toEqual(['cat', 'STR', '>', 'ID', 'exit', 'NUM']);
    expect(tokens[1].literal).toBe('\thello $x\n');
    expect(tokens[4]).toMatchObject({ startLine: 4, startCol: 1 });
  });
});

describe('sql lexer', () => {
  it('drops -- and /* */ comments and normalizes keyword case', () => {
    expect(texts('a.sql', '-- list\nSELECT name /* x */ FROM users;')).toEqual(texts('a.sql', 'select NAME from Users'));
    expect(texts('a.sql', 'Select name From users')).toEqual(['select', 'ID', 'from', 'ID']);
  });

  it('treats AS, INNER and OUTER as optional', () => {
    expect(texts('a.sql', 'SELECT u.id AS k FROM t AS u INNER JOIN v ON 1 = 1')).toEqual(
      texts('a.sql', 'SELECT u.id k FROM t u JOIN v ON 1 = 1'),
    );
  });

  it("reads '' escapes, quoted names and dollar-quoted bodies", () => {
    const { tokens } = tokenize({ name: 'a.sql', content: 'SELECT "Odd Name", \'O\'\'Brien\', $$a;b$$' });
    expect(tokens.map((t) => t.text)).toEqual(['select', 'ID', ',', 'STR', ',', 'STR']);
    expect(tokens[3].literal).toBe("O'Brien");
    expect(tokens[5].literal).toBe('a;b');
  });
});

import { describe, expect, it } from 'vitest';
import { tokenize } from '../tokenize.js';

function texts(name: string, content: string): string[] {
  return tokenize({ name, content }).tokens.map((t) => t.text);
}

describe('html lexer', () => {
  it('keeps tag and attribute names, abstracts values and text, drops comments and the doctype', () => {
    const source = '<!DOCTYPE html>\n<HTML><!-- note --><body>\n  <a href="x.html" class=big>Go <b>now</b></a>\n</body></HTML>';
    expect(texts('a.html', source)).toEqual([
      '<html', '<body', '<a', 'href', 'STR', 'class', 'STR', 'STR', '<b', 'STR', '</b', '</a', '</body', '</html',
    ]);
  });

  it('gives text the same tokens whatever it says, and keeps its value as the literal', () => {
    const { tokens } = tokenize({ name: 'a.html', content: '<p>\n  Hello world\n</p>' });
    expect(tokens[1]).toMatchObject({ text: 'STR', literal: 'Hello world', startLine: 2, startCol: 3, endCol: 13 });
    expect(texts('a.html', '<p>Other words</p>')).toEqual(texts('a.html', '<p>Hello</p>'));
  });

  it('sends <script> to the JavaScript lexer and <style> to the CSS lexer', () => {
    const source = '<script>let n = a / 2; // c\n</script><style>.a { color: red; }</style>';
    expect(texts('a.html', source)).toEqual([
      '<script', 'let', 'ID', '=', 'ID', '/', 'NUM', '</script', '<style', '.', 'ID', '{', 'color', ':', 'red', '}', '</style',
    ]);
  });
});

describe('css lexer', () => {
  it('abstracts class and id names but keeps element names, properties and value keywords', () => {
    expect(texts('a.css', '/* c */ nav > .menu a:hover, #top { color: #fff; margin: 0 1.5em; }')).toEqual([
      'nav', '>', '.', 'ID', 'a', ':', 'hover', ',', '#', 'ID', '{', 'color', ':', 'NUM', 'margin', ':', 'NUM', 'NUM', '}',
    ]);
    expect(texts('a.css', '.x { display: flex }')).toEqual(texts('b.css', '.renamed{display:flex;}'));
  });

  it('reads at-rules with nested rules, custom properties and url()', () => {
    expect(texts('a.css', '@media (max-width: 600px) { .a { --gap: 2px; background: url(bg.png) } }')).toEqual([
      '@media', '(', 'max-width', ':', 'NUM', ')', '{', '.', 'ID', '{', 'ID', ':', 'NUM', 'background', ':', 'STR', '}', '}',
    ]);
  });
});

describe('notebook lexer', () => {
  const notebook = JSON.stringify(
    {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Title\n', 'x = 1'] },
        { cell_type: 'code', metadata: {}, outputs: [], source: ['%matplotlib inline\n', 'for i in range(3):\n', '    print(i)'] },
        { cell_type: 'code', metadata: {}, outputs: [], source: 'y = 2\nz = 3' },
      ],
      metadata: { kernelspec: { language: 'python', name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
  const lineOf = (needle: string) => notebook.split('\n').findIndex((line) => line.includes(needle)) + 1;

  it('tokenizes only code cells, with the notebook language, blanking magics', () => {
    const result = tokenize({ name: 'hw.ipynb', content: notebook });
    expect(result.language).toBe('notebook');
    expect(result.tokens.map((t) => t.text)).toEqual([
      'for', 'ID', 'in', 'ID', '(', 'NUM', ')', ':', 'INDENT', 'ID', '(', 'ID', ')', 'DEDENT', 'ID', '=', 'NUM', 'ID', '=', 'NUM',
    ]);
  });

  it('maps each token to the .ipynb line holding its source line, with cell-relative columns', () => {
    const { tokens } = tokenize({ name: 'hw.ipynb', content: notebook });
    expect(tokens[0]).toMatchObject({ text: 'for', startLine: lineOf('for i in range'), startCol: 1 });
    expect(tokens[9]).toMatchObject({ text: 'ID', startLine: lineOf('print(i)'), startCol: 5 });
    // A cell stored as one string maps all its lines to that string's line.
    expect(tokens.at(-1)).toMatchObject({ startLine: lineOf('y = 2'), startCol: 5 });
  });

  it('skips a notebook that is not valid JSON with a reason', () => {
    const result = tokenize({ name: 'bad.ipynb', content: '{"cells": [' });
    expect(result.tokens).toEqual([]);
    expect(result.skipReason).toMatch(/^invalid notebook/);
  });
});

describe('generic lexer', () => {
  it('drops common comments and keeps cross-language keywords', () => {
    expect(texts('a.xyz', '# note\nif x > 1 then y = "s" // c\n/* b */ end')).toEqual([
      'if', 'ID', '>', 'NUM', 'then', 'ID', '=', 'STR', 'end',
    ]);
  });
});

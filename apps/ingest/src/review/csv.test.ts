import { describe, expect, it } from 'vitest';
import { escapeCsvCell, toCsv } from './csv.js';

describe('escapeCsvCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
    ['Ada Lovelace', 'Ada Lovelace'],
    ['a, b', '"a, b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['mid=formula', 'mid=formula'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeCsvCell(input)).toBe(expected);
  });

  it('leaves numbers, booleans and empty cells as they are', () => {
    expect(escapeCsvCell(-1)).toBe('-1');
    expect(escapeCsvCell(0.5)).toBe('0.5');
    expect(escapeCsvCell(true)).toBe('true');
    expect(escapeCsvCell(null)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a header and CRLF-terminated rows', () => {
    expect(toCsv(['id', 'name'], [[1, '=1+1'], [2, 'Bo']])).toBe("id,name\r\n1,'=1+1\r\n2,Bo\r\n");
  });
});

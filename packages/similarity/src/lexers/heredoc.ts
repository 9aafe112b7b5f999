/**
 * Here-documents (Bash, Ruby, PHP): the opener sits in a line of code and the body starts on the
 * next line, ending at a line holding only the delimiter. Lexers queue openers and, at the end of
 * the opener's line, skip each body in turn with `skipHeredocBody`.
 */
export interface PendingHeredoc {
  delimiter: string;
  /** The terminator may be indented (`<<-`, `<<~`, PHP 7.3+). */
  indented: boolean;
  /** Index of the string token emitted for the opener; its literal becomes the body. */
  tokenIndex: number;
}

/**
 * Reads one body starting at `from` (the first character of its first line). Returns the body
 * text and the offset of the newline ending the terminator line (or the end of the text).
 */
export function skipHeredocBody(src: string, from: number, delimiter: string, indented: boolean): { body: string; end: number } {
  const n = src.length;
  let lineStart = from;
  while (lineStart < n) {
    let lineEnd = src.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = n;
    let a = lineStart;
    if (indented) while (a < lineEnd && (src.charCodeAt(a) === 32 || src.charCodeAt(a) === 9)) a++;
    if (src.startsWith(delimiter, a) && isTerminatorEnd(src, a + delimiter.length, lineEnd)) {
      return { body: src.slice(from, lineStart), end: lineEnd };
    }
    lineStart = lineEnd + 1;
  }
  return { body: src.slice(from), end: n };
}

/** After the delimiter only spaces may follow (PHP also allows `;`, `,`, `)` and more code). */
function isTerminatorEnd(src: string, pos: number, lineEnd: number): boolean {
  if (pos === lineEnd) return true;
  const c = src.charCodeAt(pos);
  return c === 32 || c === 9 || c === 59 || c === 44 || c === 41;
}

/** Reads `ID`, `'ID'` or `"ID"` at `pos`; returns the delimiter and the end, or undefined. */
export function readHeredocDelimiter(src: string, pos: number): { delimiter: string; end: number } | undefined {
  const q = src.charCodeAt(pos);
  const quoted = q === 39 || q === 34;
  let i = quoted ? pos + 1 : pos;
  const start = i;
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) i++;
    else break;
  }
  if (i === start) return undefined;
  if (quoted) {
    if (src.charCodeAt(i) !== q) return undefined;
    return { delimiter: src.slice(start, i), end: i + 1 };
  }
  return { delimiter: src.slice(start, i), end: i };
}

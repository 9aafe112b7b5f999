/**
 * Character-class checks and small scanners shared by every lexer. They work on char codes
 * over the source string (no regex per character, no allocation) because tokenizer speed is
 * part of the engine's contract.
 */

export const NL = 10;

/** Space, tab, newline, vertical tab, form feed, carriage return, and common Unicode spaces. */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x3000
  );
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII letters, `_`, and any non-space non-ASCII character (Unicode identifiers). */
export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 128 && !isSpace(c));
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

/** End offset of an identifier starting at `pos` (`$` allowed inside when `dollar`). */
export function scanIdentifier(src: string, pos: number, dollar: boolean): number {
  const n = src.length;
  let i = pos + 1;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (isIdentPart(c) || (dollar && c === 36)) i++;
    else break;
  }
  return i;
}

/**
 * End offset of a numeric literal starting at `pos` (a digit, or `.` before a digit). Accepts
 * every language's spelling at once (hex, binary, `_` separators, suffixes, exponents) because the
 * value is abstracted anyway; stops before `..` so ranges like `0..10` stay three tokens.
 */
export function scanNumber(src: string, pos: number): number {
  const n = src.length;
  let i = pos;
  let seenDot = src.charCodeAt(pos) === 46;
  if (seenDot) i++;
  let hex = false;
  if (src.charCodeAt(i) === 48 && i + 1 < n) {
    const x = src.charCodeAt(i + 1) | 32;
    hex = x === 120;
  }
  while (i < n) {
    const c = src.charCodeAt(i);
    if (isDigit(c) || c === 95 || ((c | 32) >= 97 && (c | 32) <= 122)) {
      const lower = c | 32;
      i++;
      const exponent = hex ? lower === 112 : lower === 101;
      if (exponent && i < n) {
        const sign = src.charCodeAt(i);
        if ((sign === 43 || sign === 45) && i + 1 < n && isDigit(src.charCodeAt(i + 1))) i++;
      }
    } else if (c === 46 && !seenDot && i + 1 < n && isDigit(src.charCodeAt(i + 1))) {
      seenDot = true;
      i++;
    } else if (c === 46 && !seenDot && !hex && i + 1 < n && !isIdentStart(src.charCodeAt(i + 1)) && src.charCodeAt(i + 1) !== 46) {
      // `1.` is a float in C/Java/Python; `1..2` and `1.foo()` are not.
      seenDot = true;
      i++;
    } else break;
  }
  return i;
}

/**
 * End offset (after the closing quote) of a quoted literal whose opening quote is at `pos`.
 * Backslash escapes the next character; an unterminated literal ends at the line end when
 * `multiline` is false (so one stray quote cannot swallow the rest of the file), else at EOF.
 */
export function scanQuoted(src: string, pos: number, quote: number, multiline: boolean): number {
  const n = src.length;
  let i = pos + 1;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === quote) return i + 1;
    else if (c === NL && !multiline) return i;
    else i++;
  }
  return n;
}

/** End offset of a `/* *\/` comment starting at `pos`; nested comments count depth when `nested`. */
export function scanBlockComment(src: string, pos: number, nested: boolean): number {
  const n = src.length;
  let depth = 1;
  let i = pos + 2;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 42 && src.charCodeAt(i + 1) === 47) {
      i += 2;
      if (--depth === 0) return i;
    } else if (nested && c === 47 && src.charCodeAt(i + 1) === 42) {
      depth++;
      i += 2;
    } else i++;
  }
  return n;
}

/** Offset of the next newline at or after `pos` (or the end). */
export function findLineEnd(src: string, pos: number): number {
  const i = src.indexOf('\n', pos);
  return i === -1 ? src.length : i;
}

/** Whether only spaces and tabs precede `pos` on its line (a preprocessor `#` must start a line). */
export function atLineStart(src: string, pos: number): boolean {
  for (let i = pos - 1; i >= 0; i--) {
    const c = src.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

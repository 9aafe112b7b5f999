/**
 * String-literal scanners for the C family's special spellings (raw, verbatim, interpolated,
 * text blocks). Each returns the end offset after the literal, or -1 when the text at `pos` is
 * not that kind of literal, so the caller can fall back to ordinary tokens.
 */
import { isIdentPart, NL, scanQuoted } from './chars.js';

/** `"""…"""` (Java text blocks, Kotlin, Swift, C# raw strings); `pos` is at the first quote. */
export function scanTripleQuoted(src: string, pos: number): number {
  const close = src.indexOf('"""', pos + 3);
  if (close === -1) return src.length;
  let end = close + 3;
  // C# raw strings may use more than three quotes; absorb the extra ones.
  while (src.charCodeAt(end) === 34) end++;
  return end;
}

/** Skips a balanced region opened just before `pos`, stepping over nested quoted strings. */
function skipBalanced(src: string, pos: number, open: number, close: number): number {
  const n = src.length;
  let depth = 1;
  let i = pos;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 34 || c === 39) i = scanQuoted(src, i, c, false);
    else if (c === open) {
      depth++;
      i++;
    } else if (c === close) {
      i++;
      if (--depth === 0) return i;
    } else if (c === NL) return i;
    else i++;
  }
  return n;
}

/**
 * A `"…"` string whose interpolations may contain quotes: Kotlin `${…}`, Swift `\(…)`, C# `{…}`.
 * The whole literal becomes one string token: the expressions inside are usually short and
 * tokenizing them would not make `"$a"` match `"" + a` anyway.
 */
export function scanInterpolated(src: string, pos: number, style: 'dollar' | 'backslash' | 'brace'): number {
  const n = src.length;
  let i = pos + 1;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 92) {
      if (style === 'backslash' && src.charCodeAt(i + 1) === 40) i = skipBalanced(src, i + 2, 40, 41);
      else i += 2;
    } else if (c === 34) return i + 1;
    else if (c === NL) return i;
    else if (style === 'dollar' && c === 36 && src.charCodeAt(i + 1) === 123) i = skipBalanced(src, i + 2, 123, 125);
    else if (style === 'brace' && c === 123) {
      if (src.charCodeAt(i + 1) === 123) i += 2;
      else i = skipBalanced(src, i + 1, 123, 125);
    } else i++;
  }
  return n;
}

/** C# verbatim `@"…"` (multi-line, `""` escapes a quote); `pos` is at the quote. */
export function scanVerbatim(src: string, pos: number): number {
  const n = src.length;
  let i = pos + 1;
  while (i < n) {
    if (src.charCodeAt(i) === 34) {
      if (src.charCodeAt(i + 1) === 34) i += 2;
      else return i + 1;
    } else i++;
  }
  return n;
}

/** Rust `r"…"`, `r#"…"#`, `br##"…"##`; `pos` is after the `r`. */
export function scanHashRaw(src: string, pos: number): number {
  let hashes = 0;
  let i = pos;
  while (src.charCodeAt(i) === 35) {
    hashes++;
    i++;
  }
  if (src.charCodeAt(i) !== 34) return -1;
  const closing = '"' + '#'.repeat(hashes);
  const close = src.indexOf(closing, i + 1);
  return close === -1 ? src.length : close + closing.length;
}

/** Swift raw `#"…"#` (escapes need `\#`, so no backslash handling); `pos` is at the first `#`. */
export function scanSwiftRaw(src: string, pos: number): number {
  let i = pos;
  while (src.charCodeAt(i) === 35) i++;
  if (src.charCodeAt(i) !== 34) return -1;
  const hashes = i - pos;
  const triple = src.startsWith('"""', i);
  const closing = (triple ? '"""' : '"') + '#'.repeat(hashes);
  const close = src.indexOf(closing, i + (triple ? 3 : 1));
  return close === -1 ? src.length : close + closing.length;
}

/** C++ `R"delim(…)delim"`; `pos` is at the quote. */
export function scanCppRaw(src: string, pos: number): number {
  const paren = src.indexOf('(', pos + 1);
  if (paren === -1 || paren - pos > 17) return -1;
  const closing = ')' + src.slice(pos + 1, paren) + '"';
  const close = src.indexOf(closing, paren + 1);
  return close === -1 ? src.length : close + closing.length;
}

/** C/C++ encoding prefixes (`L"…"`, `u8'x'`) and raw strings (`R"(…)"`). */
export function scanCppPrefixed(src: string, start: number, end: number): number {
  const q = src.charCodeAt(end);
  if (q !== 34 && q !== 39) return -1;
  const word = src.slice(start, end);
  if (q === 34 && (word === 'R' || word === 'LR' || word === 'uR' || word === 'UR' || word === 'u8R')) {
    return scanCppRaw(src, end);
  }
  if (word === 'L' || word === 'u' || word === 'U' || word === 'u8') return scanQuoted(src, end, q, false);
  return -1;
}

/** Rust byte/raw/C strings: `b"…"`, `b'x'`, `r#"…"#`, `br"…"`, `c"…"`. */
export function scanRustPrefixed(src: string, start: number, end: number): number {
  const word = src.slice(start, end);
  const q = src.charCodeAt(end);
  if ((word === 'r' || word === 'br' || word === 'cr') && (q === 34 || q === 35)) return scanHashRaw(src, end);
  if ((word === 'b' || word === 'c') && q === 34) return scanQuoted(src, end, 34, true);
  if (word === 'b' && q === 39) return scanQuoted(src, end, 39, false);
  return -1;
}

/**
 * Rust `'`: a char literal (`'a'`, `'\n'`, `'\u{1F600}'`) or a lifetime/label (`'a`, `'static`).
 * Returns the literal's end, or -1 for a lifetime (the caller reads it as an identifier).
 */
export function scanRustQuote(src: string, pos: number): number {
  const next = src.charCodeAt(pos + 1);
  if (next === 92) return scanQuoted(src, pos, 39, false);
  if (src.charCodeAt(pos + 2) === 39) return pos + 3;
  // A non-BMP char is two UTF-16 units.
  if (next >= 0xd800 && next <= 0xdbff && src.charCodeAt(pos + 3) === 39) return pos + 4;
  return isIdentPart(next) ? -1 : scanQuoted(src, pos, 39, false);
}

/** The literal's value without its quotes (or raw-string hashes), for the literal signal. */
export function stripDelimiters(raw: string): string {
  let a = 0;
  let b = raw.length;
  while (a < b && isDelimiter(raw.charCodeAt(a))) a++;
  while (b > a && isDelimiter(raw.charCodeAt(b - 1))) b--;
  return raw.slice(a, b);
}

function isDelimiter(c: number): boolean {
  return c === 34 || c === 39 || c === 96 || c === 35;
}

/** After `this`: the offset past a following `.` or `->` (member access), else -1. */
export function skipReceiver(src: string, pos: number): number {
  let i = pos;
  while (src.charCodeAt(i) === 32) i++;
  const c = src.charCodeAt(i);
  if (c === 46 && src.charCodeAt(i + 1) !== 46) return i + 1;
  if (c === 45 && src.charCodeAt(i + 1) === 62) return i + 2;
  return -1;
}

import { isIdentPart, NL } from './chars.js';

/**
 * End offset of a `/…/flags` regex literal at `pos`, or -1 when the text cannot be one (it
 * reaches the line end unclosed), in which case the caller reads `/` as division. A `/` inside a
 * character class `[…]` does not close the literal. Used by the JS/TS and Ruby lexers, only where
 * the previous token leaves an operand expected.
 */
export function scanRegex(src: string, pos: number): number {
  const n = src.length;
  let i = pos + 1;
  let inClass = false;
  if (i >= n || src.charCodeAt(i) === 32 || src.charCodeAt(i) === NL) return -1;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === NL) return -1;
    if (c === 92) i += 2;
    else if (c === 91) {
      inClass = true;
      i++;
    } else if (c === 93) {
      inClass = false;
      i++;
    } else if (c === 47 && !inClass) {
      i++;
      while (i < n && isIdentPart(src.charCodeAt(i))) i++;
      return i;
    } else i++;
  }
  return -1;
}

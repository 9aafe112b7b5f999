/**
 * CSS (also `<style>` blocks and, best effort, SCSS/LESS). The author's own names are the class
 * and id names in selectors and custom properties: those become `ID`. Element names, pseudo-classes,
 * property names, at-rules and value keywords are the language's vocabulary: kept, lower-cased.
 * Numbers (any unit) and hex colours → `NUM`, strings and `url(…)` → `STR`; `;` and comments dropped.
 */
import { isDigit, isIdentPart, isSpace, scanBlockComment, scanNumber, scanQuoted } from './chars.js';
import { classifyOperator, createOperatorTable, readOperator } from './operators.js';
import { IDENTIFIER, NUMBER, STRING, TokenWriter } from './token-writer.js';

const CSS_OPERATORS = createOperatorTable(['::', '~=', '|=', '^=', '$=', '*=']);

export function lexCss(w: TokenWriter, start = 0, end = w.src.length): void {
  const src = w.src;
  let depth = 0;
  let selector = true;
  let pos = start;
  while (pos < end) {
    const c = src.charCodeAt(pos);
    const d = src.charCodeAt(pos + 1);
    if (isSpace(c)) {
      pos++;
      continue;
    }
    if (c === 47 && d === 42) {
      pos = Math.min(scanBlockComment(src, pos, false), end);
      continue;
    }
    if (c === 47 && d === 47 && depth > 0 && !selector) {
      // SCSS/LESS line comments; in plain CSS `//` is invalid anyway.
      const e = src.indexOf('\n', pos);
      pos = e === -1 || e > end ? end : e;
      continue;
    }
    let e: number;
    if (isDigit(c) || (c === 46 && isDigit(d)) || (c === 35 && !selector && isIdentPart(d))) {
      e = c === 35 ? scanWord(src, pos + 1, end) : scanNumber(src, pos);
      if (src.charCodeAt(e) === 37) e++;
      w.emit(NUMBER, 'number', pos, e);
    } else if (c === 34 || c === 39) {
      e = scanQuoted(src, pos, c, false);
      w.emit(STRING, 'string', pos, e, src.slice(pos + 1, Math.max(pos + 1, e - 1)));
    } else if (isWordStart(c, d)) {
      e = scanWord(src, pos, end);
      const word = src.slice(pos, e).toLowerCase();
      const prev = src.charCodeAt(pos - 1);
      if (word === 'url' && src.charCodeAt(e) === 40) {
        const close = src.indexOf(')', e);
        e = close === -1 || close >= end ? end : close + 1;
        w.emit(STRING, 'string', pos, e, src.slice(pos + 4, e - 1).trim());
      } else if (word.startsWith('--') || (selector && (prev === 46 || prev === 35))) {
        w.emit(IDENTIFIER, 'identifier', pos, e);
      } else w.emit(word, 'keyword', pos, e);
    } else {
      const text = readOperator(CSS_OPERATORS, src, pos);
      e = pos + text.length;
      if (c === 123) {
        depth++;
        selector = startsBlock(src, e, end);
      } else if (c === 125) {
        depth = Math.max(0, depth - 1);
        selector = depth === 0 || startsBlock(src, e, end);
      } else if (c === 59) {
        selector = depth === 0 || startsBlock(src, e, end);
        pos = e;
        continue;
      }
      w.emit(text, classifyOperator(text), pos, e);
    }
    pos = e;
  }
}

function isWordStart(c: number, d: number): boolean {
  if (c === 45) return d === 45 || (d | 32) >= 97 && (d | 32) <= 122;
  if (c === 64) return (d | 32) >= 97 && (d | 32) <= 122;
  return (c | 32) >= 97 && (c | 32) <= 122 ? true : c === 95 || c >= 128;
}

function scanWord(src: string, pos: number, end: number): number {
  let i = pos + 1;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (isIdentPart(c) || c === 45) i++;
    else break;
  }
  return i;
}

/** Whether the item starting at `pos` is a nested rule (a `{` comes before `;` or `}`). */
function startsBlock(src: string, pos: number, end: number): boolean {
  for (let i = pos; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === 123) return true;
    if (c === 59 || c === 125) return false;
  }
  return false;
}

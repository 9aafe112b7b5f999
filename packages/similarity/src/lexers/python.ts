/**
 * Python. Normalizes:
 * - comments, blank lines and line continuations dropped; no NEWLINE tokens (statements are
 *   separated by layout, like `;` dropped in the C family);
 * - indentation becomes `INDENT`/`DEDENT` structure tokens (block nesting is Python's braces), so
 *   re-indenting with tabs or 2 vs 4 spaces changes nothing while moving code in/out of a block does;
 *   inside brackets newlines and indentation are ignored, as in the real tokenizer;
 * - `pass` and `;` are not emitted: both are no-ops a copier can add freely;
 * - strings with any prefix (r, b, u, f, rb, …), single or triple quoted → `STR`;
 * - f-strings: one `STR` token (its literal holds the text parts) followed by the tokens of each
 *   `{expression}`, scanned recursively (so nested quotes and `{x!r:>{width}}` work); format specs
 *   are skipped. We tokenize the expressions because they carry the program's logic in print-heavy
 *   student code.
 */
import { isDigit, isIdentStart, isSpace, scanIdentifier, scanNumber, scanQuoted } from './chars.js';
import { PYTHON_KEYWORDS } from './keywords.js';
import { classifyOperator, createOperatorTable, readOperator } from './operators.js';
import { DEDENT, IDENTIFIER, INDENT, NUMBER, STRING, TokenWriter } from './token-writer.js';

const PYTHON_OPERATORS = createOperatorTable([
  '**', '//', '**=', '//=', '->', ':=', '==', '!=', '<=', '>=', '<<', '>>', '<<=', '>>=', '+=', '-=', '*=', '/=', '%=',
  '&=', '|=', '^=', '@=', '...',
]);

interface PyState {
  w: TokenWriter;
  src: string;
  lastEnd: number;
}

export function lexPython(w: TokenWriter): void {
  const s: PyState = { w, src: w.src, lastEnd: 0 };
  const src = s.src;
  const n = src.length;
  const indents = [0];
  let depth = 0;
  let pos = 0;
  let lineStart = true;
  while (pos < n) {
    if (lineStart && depth === 0) {
      lineStart = false;
      let width = 0;
      let i = pos;
      for (; i < n; i++) {
        const c = src.charCodeAt(i);
        if (c === 32) width++;
        else if (c === 9) width = (width >> 3) * 8 + 8;
        else if (c === 12) width = 0;
        else if (c !== 13) break;
      }
      const c = src.charCodeAt(i);
      if (i >= n || c === 10 || c === 35 || (c === 92 && src.charCodeAt(i + 1) === 10)) {
        pos = i; // blank or comment-only line: no indentation change
      } else {
        if (width > indents[indents.length - 1]) {
          indents.push(width);
          w.emit(INDENT, 'other', pos, i);
        }
        while (width < indents[indents.length - 1]) {
          indents.pop();
          w.emit(DEDENT, 'other', i, i);
        }
        pos = i;
      }
    }
    const c = src.charCodeAt(pos);
    if (c === 10) {
      lineStart = true;
      pos++;
      continue;
    }
    if (c === 92 && src.charCodeAt(pos + 1) === 10) {
      pos += 2;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
    pos = scanToken(s, pos);
  }
  const at = Math.max(s.lastEnd - 1, 0);
  for (let k = indents.length - 1; k > 0; k--) w.emit(DEDENT, 'other', at, at);
}

/** Scans one token (or skips space/comment) at `pos`; returns the next offset. */
function scanToken(s: PyState, pos: number): number {
  const { src, w } = s;
  const c = src.charCodeAt(pos);
  if (isSpace(c)) return pos + 1;
  if (c === 35) {
    const e = src.indexOf('\n', pos);
    return e === -1 ? src.length : e;
  }
  let end: number;
  if (isIdentStart(c)) {
    end = scanIdentifier(src, pos, false);
    const q = src.charCodeAt(end);
    if ((q === 34 || q === 39) && end - pos <= 2 && isStringPrefix(src, pos, end)) {
      end = scanString(s, pos, end);
    } else {
      const word = src.slice(pos, end);
      if (word === 'pass') return end;
      if (PYTHON_KEYWORDS.has(word)) w.emit(word, 'keyword', pos, end);
      else w.emit(IDENTIFIER, 'identifier', pos, end);
    }
  } else if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(pos + 1)))) {
    end = scanNumber(src, pos);
    w.emit(NUMBER, 'number', pos, end);
  } else if (c === 34 || c === 39) {
    end = scanString(s, pos, pos);
  } else {
    const text = readOperator(PYTHON_OPERATORS, src, pos);
    end = pos + text.length;
    if (c === 59) return end;
    w.emit(text, classifyOperator(text), pos, end);
  }
  s.lastEnd = end;
  return end;
}

function isStringPrefix(src: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i) | 32;
    if (c !== 114 && c !== 98 && c !== 117 && c !== 102 && c !== 116) return false;
  }
  return true;
}

/** A string literal whose prefix spans `[start, quoteAt)`; emits it and returns its end. */
function scanString(s: PyState, start: number, quoteAt: number): number {
  const { src, w } = s;
  const q = src.charCodeAt(quoteAt);
  const triple = src.charCodeAt(quoteAt + 1) === q && src.charCodeAt(quoteAt + 2) === q;
  const bodyStart = quoteAt + (triple ? 3 : 1);
  let formatted = false;
  for (let i = start; i < quoteAt; i++) {
    const p = src.charCodeAt(i) | 32;
    if (p === 102 || p === 116) formatted = true;
  }
  if (!formatted) {
    const end = triple ? scanTriple(src, bodyStart, q) : scanQuoted(src, quoteAt, q, false);
    const closeLen = end - bodyStart >= (triple ? 3 : 1) && src.charCodeAt(end - 1) === q ? (triple ? 3 : 1) : 0;
    w.emit(STRING, 'string', start, end, src.slice(bodyStart, Math.max(bodyStart, end - closeLen)));
    return end;
  }
  return scanFormatted(s, start, bodyStart, q, triple);
}

function scanTriple(src: string, pos: number, q: number): number {
  const n = src.length;
  for (let i = pos; i < n; i++) {
    const c = src.charCodeAt(i);
    if (c === 92) i++;
    else if (c === q && src.charCodeAt(i + 1) === q && src.charCodeAt(i + 2) === q) return i + 3;
  }
  return n;
}

/** An f-string: `STR`, then the tokens of each replacement field's expression. */
function scanFormatted(s: PyState, start: number, bodyStart: number, q: number, triple: boolean): number {
  const { src, w } = s;
  const n = src.length;
  const index = w.tokens.length;
  w.emit(STRING, 'string', start, bodyStart);
  let literal = '';
  let chunk = bodyStart;
  let i = bodyStart;
  let end = n;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === q && (!triple || (src.charCodeAt(i + 1) === q && src.charCodeAt(i + 2) === q))) {
      literal += src.slice(chunk, i);
      end = i + (triple ? 3 : 1);
      break;
    } else if (c === 10 && !triple) {
      literal += src.slice(chunk, i);
      end = i;
      break;
    } else if ((c === 123 && src.charCodeAt(i + 1) === 123) || (c === 125 && src.charCodeAt(i + 1) === 125)) i += 2;
    else if (c === 123) {
      literal += src.slice(chunk, i);
      i = scanField(s, i + 1);
      chunk = i;
    } else i++;
  }
  if (i >= n) literal += src.slice(chunk, n);
  w.extend(index, end, literal);
  return end;
}

/** One `{expr!conv:spec}` field after its `{`; returns the offset after its `}`. */
function scanField(s: PyState, pos: number): number {
  const src = s.src;
  const n = src.length;
  let depth = 0;
  while (pos < n) {
    const c = src.charCodeAt(pos);
    if (depth === 0 && (c === 125 || (c === 33 && src.charCodeAt(pos + 1) !== 61) || (c === 58 && src.charCodeAt(pos + 1) !== 61))) break;
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) depth--;
    pos = c === 10 ? pos + 1 : scanToken(s, pos);
  }
  // Conversion and format spec: skipped, nested `{width}` included.
  let nest = 0;
  while (pos < n) {
    const c = src.charCodeAt(pos++);
    if (c === 123) nest++;
    else if (c === 125 && nest-- === 0) return pos;
  }
  return n;
}

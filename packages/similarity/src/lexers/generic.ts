/**
 * Fallback for languages we do not know. It guesses the most common conventions: `//` and
 * `/* *\/` comments, and `#` comments where `#` starts a line (shell, Python, R, YAML…; a `#`
 * after code is kept because it is often an operator). Words from a small cross-language keyword
 * list are kept, other words become `ID`; quoted text becomes `STR`, numbers `NUM`.
 */
import { findLineEnd, isDigit, isIdentStart, isSpace, scanBlockComment, scanIdentifier, scanNumber, scanQuoted } from './chars.js';
import { GENERIC_KEYWORDS } from './keywords.js';
import { C_OPERATORS, classifyOperator, createOperatorTable, readOperator } from './operators.js';
import { IDENTIFIER, NUMBER, STRING, TokenWriter } from './token-writer.js';

const GENERIC_OPERATORS = createOperatorTable([...C_OPERATORS, '=>', ':=', '**', '//', '===', '!==', '<-']);

export function lexGeneric(w: TokenWriter): void {
  const src = w.src;
  const n = src.length;
  let pos = 0;
  let lineStart = true;
  while (pos < n) {
    const c = src.charCodeAt(pos);
    if (isSpace(c)) {
      if (c === 10) lineStart = true;
      pos++;
      continue;
    }
    const wasLineStart = lineStart;
    lineStart = false;
    const d = src.charCodeAt(pos + 1);
    let end: number;
    if ((c === 47 && d === 47) || (c === 35 && wasLineStart)) {
      pos = findLineEnd(src, pos);
      continue;
    }
    if (c === 47 && d === 42) {
      pos = scanBlockComment(src, pos, false);
      continue;
    }
    if (isIdentStart(c)) {
      end = scanIdentifier(src, pos, false);
      const word = src.slice(pos, end);
      if (GENERIC_KEYWORDS.has(word)) w.emit(word, 'keyword', pos, end);
      else w.emit(IDENTIFIER, 'identifier', pos, end);
    } else if (isDigit(c)) {
      end = scanNumber(src, pos);
      w.emit(NUMBER, 'number', pos, end);
    } else if (c === 34 || c === 39 || c === 96) {
      end = scanQuoted(src, pos, c, false);
      w.emit(STRING, 'string', pos, end, src.slice(pos + 1, Math.max(pos + 1, end - 1)));
    } else {
      const text = readOperator(GENERIC_OPERATORS, src, pos);
      end = pos + text.length;
      if (c !== 59) {
        w.emit(text, classifyOperator(text), pos, end);
      }
    }
    pos = end;
  }
}

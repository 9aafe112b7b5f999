/**
 * SQL (any dialect, best effort). Normalizes:
 * - `--` and `/* *\/` comments dropped, `;` not emitted;
 * - keywords are case-insensitive: emitted lower-case, so `SELECT` = `select` = `Select`;
 * - `AS`, `INNER` and `OUTER` are not emitted: `t AS x` = `t x`, `INNER JOIN` = `JOIN`,
 *   `LEFT OUTER JOIN` = `LEFT JOIN` are the same query;
 * - names (bare, `"quoted"`, `` `quoted` ``, `[quoted]` T-SQL style), `@vars`, `:params`, `$1` → `ID`;
 * - `'strings'` (`''` escapes), `E'…'`, `N'…'` and PostgreSQL `$tag$…$tag$` → `STR`; numbers → `NUM`.
 */
import { findLineEnd, isDigit, isIdentPart, isIdentStart, isSpace, scanBlockComment, scanNumber } from './chars.js';
import { classifyOperator, createOperatorTable, readOperator } from './operators.js';
import { IDENTIFIER, NUMBER, STRING, TokenWriter } from './token-writer.js';

const SQL_KEYWORDS = new Set(
  `add all alter and any asc avg begin between by case cast check coalesce column commit constraint count create
  cross database default delete desc distinct drop else end except exists false foreign from full function group
  having if in index insert intersect into is join key left like limit max min not null offset on or order
  primary procedure references rollback right row select set sum table then to transaction trigger true truncate
  union unique update using values view when where with returning natural over partition window recursive
  integer int bigint smallint serial varchar char text boolean date timestamp decimal numeric real float double
  auto_increment identity`.split(/\s+/).filter(Boolean),
);

/** Optional words: dropping them makes equivalent spellings tokenize alike. */
const NOISE_WORDS = new Set(['as', 'inner', 'outer']);

const SQL_OPERATORS = createOperatorTable(['<>', '!=', '<=', '>=', '||', '::', ':=', '->>', '->', '==']);

export function lexSql(w: TokenWriter): void {
  const src = w.src;
  const n = src.length;
  let pos = 0;
  while (pos < n) {
    const c = src.charCodeAt(pos);
    const d = src.charCodeAt(pos + 1);
    if (isSpace(c)) {
      pos++;
      continue;
    }
    if (c === 45 && d === 45) {
      pos = findLineEnd(src, pos);
      continue;
    }
    if (c === 47 && d === 42) {
      pos = scanBlockComment(src, pos, false);
      continue;
    }
    let end: number;
    if ((c === 39) || (((c | 32) === 101 || (c | 32) === 110) && d === 39)) {
      const quote = c === 39 ? pos : pos + 1;
      end = scanSqlString(src, quote, 39);
      w.emit(STRING, 'string', pos, end, src.slice(quote + 1, Math.max(quote + 1, end - 1)).replace(/''/g, "'"));
    } else if (isIdentStart(c)) {
      end = scanSqlName(src, pos);
      const word = src.slice(pos, end).toLowerCase();
      if (!NOISE_WORDS.has(word)) {
        if (SQL_KEYWORDS.has(word)) w.emit(word, 'keyword', pos, end);
        else w.emit(IDENTIFIER, 'identifier', pos, end);
      }
    } else if (isDigit(c) || (c === 46 && isDigit(d))) {
      end = scanNumber(src, pos);
      w.emit(NUMBER, 'number', pos, end);
    } else if (c === 34 || c === 96 || (c === 91 && isIdentStart(d))) {
      end = scanSqlString(src, pos, c === 91 ? 93 : c);
      w.emit(IDENTIFIER, 'identifier', pos, end);
    } else if (c === 36 && (d === 36 || isIdentStart(d))) {
      end = scanDollarQuoted(src, pos);
      if (end > 0) {
        const tag = src.indexOf('$', pos + 1) + 1;
        w.emit(STRING, 'string', pos, end, src.slice(tag, Math.max(tag, end - (tag - pos))));
      } else {
        end = scanSqlName(src, pos + 1);
        w.emit(IDENTIFIER, 'identifier', pos, end);
      }
    } else if ((c === 64 || c === 58 || c === 36) && (isIdentStart(d) || isDigit(d)) && src.charCodeAt(pos - 1) !== 58) {
      end = scanSqlName(src, pos + 1);
      w.emit(IDENTIFIER, 'identifier', pos, end);
    } else {
      const text = readOperator(SQL_OPERATORS, src, pos);
      end = pos + text.length;
      if (c !== 59) {
        w.emit(text, classifyOperator(text), pos, end);
      }
    }
    pos = end;
  }
}

function scanSqlName(src: string, pos: number): number {
  let i = pos;
  while (i < src.length && (isIdentPart(src.charCodeAt(i)) || src.charCodeAt(i) === 36)) i++;
  return Math.max(i, pos + 1);
}

/** A quoted string/name where a doubled closing quote escapes itself; backslashes are literal. */
function scanSqlString(src: string, pos: number, close: number): number {
  const n = src.length;
  for (let i = pos + 1; i < n; i++) {
    if (src.charCodeAt(i) === close) {
      if (src.charCodeAt(i + 1) === close && close !== 93) i++;
      else return i + 1;
    }
  }
  return n;
}

/** PostgreSQL `$$…$$` / `$tag$…$tag$`: end offset, or -1 when `$` does not open one. */
function scanDollarQuoted(src: string, pos: number): number {
  const tagEnd = src.indexOf('$', pos + 1);
  if (tagEnd === -1) return -1;
  for (let i = pos + 1; i < tagEnd; i++) if (!isIdentPart(src.charCodeAt(i))) return -1;
  const tag = src.slice(pos, tagEnd + 1);
  const close = src.indexOf(tag, tagEnd + 1);
  return close === -1 ? src.length : close + tag.length;
}

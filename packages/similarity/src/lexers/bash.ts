/**
 * Bash / POSIX shell. Normalizes:
 * - comments (`#` at a word start, the shebang included) and layout dropped, `;` not emitted;
 * - keywords kept, and so are shell builtins and common POSIX utilities (`echo`, `read`, `grep`…):
 *   in a script they are the operations, the way operators are in other languages, and a copier
 *   cannot rename them; other words (variables, function names, arguments, paths) → `ID`;
 * - `$x`, `${x…}`, `$1`, `$?` → `ID`; options (`-eq`, `-f`) and test operators kept as written;
 * - `` `cmd` `` and `$(cmd)` both become `$( … )` around the inner command's tokens (same meaning);
 *   `$(( … ))` and `(( … ))` are scanned as arithmetic, C-style;
 * - quoting: `'…'`, `"…"` (with `$(…)` inside), `$'…'` → `STR`; heredocs `<<EOF`, `<<-'EOF'` → `STR`
 *   holding the body (best effort: the body is skipped at the end of the opener's line).
 */
import { isDigit, isSpace, NL, scanNumber, scanQuoted } from './chars.js';
import { type PendingHeredoc, readHeredocDelimiter, skipHeredocBody } from './heredoc.js';
import { C_OPERATORS, classifyOperator, createOperatorTable, readOperator } from './operators.js';
import { IDENTIFIER, NUMBER, STRING, TokenWriter } from './token-writer.js';

function words(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/).filter(Boolean));
}

const BASH_KEYWORDS = words(`
  if then else elif fi for in do done while until case esac function select time
  echo printf read cd exit return local export declare readonly shift set unset source eval exec test let true
  false break continue trap wait getopts alias type mapfile readarray
  grep sed awk cut sort uniq wc head tail cat tr find xargs mkdir rm cp mv ls touch chmod date sleep basename
  dirname expr bc seq tee`);

const SHELL_OPERATORS = createOperatorTable(['&&', '||', ';;', ';&', '|&', '>>', '>&', '<&', '&>', '<<<', '<>', '>|']);
const ARITH_OPERATORS = createOperatorTable([...C_OPERATORS, '**', '>>']);

interface ShellState {
  w: TokenWriter;
  src: string;
  pending: PendingHeredoc[];
}

export function lexBash(w: TokenWriter): void {
  scanShell({ w, src: w.src, pending: [] }, 0, 0);
}

/** Word-ending characters: space and `|&;()<>` plus quotes, `$` and backtick. */
function isWordBreak(c: number): boolean {
  return isSpace(c) || c === 124 || c === 38 || c === 59 || c === 40 || c === 41 || c === 60 || c === 62 ||
    c === 34 || c === 39 || c === 96 || c === 36;
}

/**
 * Scans commands from `pos` until the unmatched `closer` (41 `)` for `$(`, 96 for a backtick,
 * 0 for the end). Returns the offset of the closer (not consumed).
 */
function scanShell(s: ShellState, pos: number, closer: number): number {
  const { src, w } = s;
  const n = src.length;
  let depth = 0;
  while (pos < n) {
    const c = src.charCodeAt(pos);
    const d = src.charCodeAt(pos + 1);
    if (c === closer && depth === 0) return pos;
    if (c === NL) {
      pos = skipPendingBodies(s, pos);
      continue;
    }
    if (isSpace(c)) {
      pos++;
      continue;
    }
    if (c === 92) {
      pos += 2;
      continue;
    }
    const prev = pos === 0 ? 32 : src.charCodeAt(pos - 1);
    if (c === 35 && (isSpace(prev) || prev === 59 || prev === 40 || pos === 0)) {
      const e = src.indexOf('\n', pos);
      pos = e === -1 ? n : e;
      continue;
    }
    let end: number;
    if (c === 39) {
      end = src.indexOf("'", pos + 1) + 1 || n;
      w.emit(STRING, 'string', pos, end, src.slice(pos + 1, Math.max(pos + 1, end - 1)));
    } else if (c === 34) {
      end = scanDoubleQuoted(src, pos);
      w.emit(STRING, 'string', pos, end, src.slice(pos + 1, Math.max(pos + 1, end - 1)));
    } else if (c === 36 || c === 96) {
      end = scanDollar(s, pos);
    } else if (c === 40 && d === 40 && (isSpace(prev) || prev === 59 || pos === 0)) {
      w.emit('((', 'operator', pos, pos + 2);
      end = scanArithmetic(s, pos + 2);
    } else if (c === 60 && d === 60 && src.charCodeAt(pos + 2) !== 60) {
      end = scanHeredocOpener(s, pos);
    } else if (isWordBreak(c)) {
      const text = readOperator(SHELL_OPERATORS, src, pos);
      end = pos + text.length;
      if (c === 40) depth++;
      else if (c === 41) depth--;
      if (c !== 59 || end - pos > 1) {
        w.emit(text, classifyOperator(text), pos, end);
      }
    } else {
      end = scanWord(s, pos);
    }
    pos = end;
  }
  return n;
}

function skipPendingBodies(s: ShellState, pos: number): number {
  if (s.pending.length === 0) return pos + 1;
  for (const h of s.pending) {
    const { body, end } = skipHeredocBody(s.src, pos + 1, h.delimiter, h.indented);
    s.w.tokens[h.tokenIndex].literal = body;
    pos = end;
  }
  s.pending.length = 0;
  return pos;
}

/** A plain word: keyword/builtin, number, option, assignment `name=`, or `ID`. */
function scanWord(s: ShellState, pos: number): number {
  const { src, w } = s;
  const n = src.length;
  let i = pos;
  let nameOnly = true;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (isWordBreak(c)) break;
    if (c === 61 && nameOnly && i > pos) {
      w.emit(IDENTIFIER, 'identifier', pos, i);
      w.emit('=', 'operator', i, i + 1);
      return i + 1;
    }
    if (!(isDigit(c) || c === 95 || ((c | 32) >= 97 && (c | 32) <= 122))) nameOnly = false;
    i++;
  }
  const word = src.slice(pos, i);
  const c = word.charCodeAt(0);
  if (BASH_KEYWORDS.has(word)) w.emit(word, 'keyword', pos, i);
  else if (isDigit(c) && scanNumber(src, pos) >= i) w.emit(NUMBER, 'number', pos, i);
  else if (c === 45 || isOperatorWord(word)) w.emit(word, 'operator', pos, i);
  else w.emit(IDENTIFIER, 'identifier', pos, i);
  return i;
}

function isOperatorWord(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 95 || c === 46 || c === 47 || isDigit(c) || (c | 32) >= 97 && (c | 32) <= 122 || c >= 128) return false;
  }
  return true;
}

/** `$x`, `${…}`, `$(…)`, `$((…))`, `$'…'`, or a backtick substitution at `pos`. */
function scanDollar(s: ShellState, pos: number): number {
  const { src, w } = s;
  const d = src.charCodeAt(pos + 1);
  if (src.charCodeAt(pos) === 96 || d === 40) {
    const backtick = src.charCodeAt(pos) === 96;
    if (!backtick && src.charCodeAt(pos + 2) === 40) {
      w.emit('$((', 'operator', pos, pos + 3);
      return scanArithmetic(s, pos + 3);
    }
    const open = backtick ? pos + 1 : pos + 2;
    w.emit('$(', 'operator', pos, open);
    const close = scanShell(s, open, backtick ? 96 : 41);
    if (close < src.length) w.emit(')', 'punct', close, close + 1);
    return Math.min(close + 1, src.length);
  }
  if (d === 39) {
    const end = scanQuoted(src, pos + 1, 39, true);
    w.emit(STRING, 'string', pos, end, src.slice(pos + 2, Math.max(pos + 2, end - 1)));
    return end;
  }
  let end = pos + 1;
  if (d === 123) {
    const close = src.indexOf('}', pos);
    end = close === -1 ? src.length : close + 1;
  } else if (isDigit(d) || d === 63 || d === 35 || d === 64 || d === 42 || d === 36 || d === 33 || d === 45) {
    end = pos + 2;
  } else {
    while (end < src.length) {
      const c = src.charCodeAt(end);
      if (isDigit(c) || c === 95 || ((c | 32) >= 97 && (c | 32) <= 122)) end++;
      else break;
    }
  }
  if (end === pos + 1) w.emit('$', 'operator', pos, end);
  else w.emit(IDENTIFIER, 'identifier', pos, end);
  return end;
}

/** Arithmetic after `((` / `$((`: C-like tokens up to the matching `))`. */
function scanArithmetic(s: ShellState, pos: number): number {
  const { src, w } = s;
  const n = src.length;
  let depth = 0;
  while (pos < n) {
    const c = src.charCodeAt(pos);
    if (c === 41 && depth === 0) {
      const end = src.charCodeAt(pos + 1) === 41 ? pos + 2 : pos + 1;
      w.emit('))', 'operator', pos, end);
      return end;
    }
    if (isSpace(c) || c === 92) {
      pos += c === 92 ? 2 : 1;
      continue;
    }
    let end: number;
    if (c === 36 || c === 95 || ((c | 32) >= 97 && (c | 32) <= 122)) {
      end = c === 36 ? scanDollar(s, pos) : scanWordChars(src, pos);
      if (c !== 36) w.emit(IDENTIFIER, 'identifier', pos, end);
    } else if (isDigit(c)) {
      end = scanNumber(src, pos);
      w.emit(NUMBER, 'number', pos, end);
    } else {
      const text = readOperator(ARITH_OPERATORS, src, pos);
      end = pos + text.length;
      if (c === 40) depth++;
      else if (c === 41) depth--;
      if (c !== 59) w.emit(text, classifyOperator(text), pos, end);
    }
    pos = end;
  }
  return n;
}

function scanWordChars(src: string, pos: number): number {
  let i = pos + 1;
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (isDigit(c) || c === 95 || ((c | 32) >= 97 && (c | 32) <= 122)) i++;
    else break;
  }
  return i;
}

function scanDoubleQuoted(src: string, pos: number): number {
  const n = src.length;
  for (let i = pos + 1; i < n; i++) {
    const c = src.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
    else if (c === 36 && src.charCodeAt(i + 1) === 40) {
      let depth = 1;
      for (i += 2; i < n && depth > 0; i++) {
        const e = src.charCodeAt(i);
        if (e === 40) depth++;
        else if (e === 41) depth--;
        else if (e === 39 || e === 34) i = scanQuoted(src, i, e, true) - 1;
      }
      i--;
    }
  }
  return n;
}

function scanHeredocOpener(s: ShellState, pos: number): number {
  const src = s.src;
  let i = pos + 2;
  const indented = src.charCodeAt(i) === 45;
  if (indented) i++;
  while (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9) i++;
  const found = readHeredocDelimiter(src, i);
  if (!found) {
    s.w.emit('<<', 'operator', pos, pos + 2);
    return pos + 2;
  }
  s.pending.push({ delimiter: found.delimiter, indented, tokenIndex: s.w.tokens.length });
  s.w.emit(STRING, 'string', pos, found.end, '');
  return found.end;
}

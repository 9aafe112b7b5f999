/**
 * Ruby. Normalizes:
 * - `#` comments, `=begin … =end` blocks and everything after `__END__` dropped; layout dropped;
 * - identifiers, `@ivars`, `@@cvars` and `$globals` → `ID` (method names may end in `?`/`!`);
 * - strings of every spelling (`'…'`, `"…#{…}…"`, `%q()`, `%w[]`, heredocs `<<~EOS`) → `STR`, and
 *   symbols `:name` → `STR` too, so `h[:name]` and `h["name"]` read the same; regexes → `REGEX`;
 * - `then` and `;` are not emitted (optional syntax).
 * Heredocs, `%` literals and `/` regexes are best effort: Ruby's grammar decides them by context,
 * and we use the previous token (an operand is expected) as the lexer-level approximation.
 */
import { findLineEnd, isDigit, isIdentPart, isIdentStart, isSpace, NL, scanIdentifier, scanNumber, scanQuoted } from './chars.js';
import { type PendingHeredoc, readHeredocDelimiter, skipHeredocBody } from './heredoc.js';
import { RUBY_KEYWORDS } from './keywords.js';
import { classifyOperator, createOperatorTable, readOperator } from './operators.js';
import { scanRegex } from './regex-literal.js';
import { IDENTIFIER, NUMBER, REGEX, STRING, TokenWriter } from './token-writer.js';

const RUBY_OPERATORS = createOperatorTable([
  '**', '==', '===', '!=', '=~', '!~', '<=>', '<=', '>=', '&&', '||', '<<', '+=', '-=', '*=', '/=', '%=', '**=', '||=',
  '&&=', '..', '...', '::', '->', '=>', '&.',
]);

const CLOSERS: Record<number, number> = { 40: 41, 91: 93, 123: 125, 60: 62 };

export function lexRuby(w: TokenWriter): void {
  const src = w.src;
  const n = src.length;
  const pending: PendingHeredoc[] = [];
  let expectOperand = true;
  let pos = 0;
  const push = (text: string, kind: Parameters<TokenWriter['emit']>[1], start: number, end: number, literal?: string) => {
    w.emit(text, kind, start, end, literal);
    expectOperand = kind === 'operator' || kind === 'punct' ? !(text === ')' || text === ']' || text === '}') : kind === 'keyword' && text !== 'end' && text !== 'self';
  };
  while (pos < n) {
    const c = src.charCodeAt(pos);
    const d = src.charCodeAt(pos + 1);
    const lineStart = pos === 0 || src.charCodeAt(pos - 1) === NL;
    if (c === NL) {
      for (const h of pending) {
        const { body, end } = skipHeredocBody(src, pos + 1, h.delimiter, h.indented);
        w.tokens[h.tokenIndex].literal = body;
        pos = end;
      }
      if (pending.length > 0) pending.length = 0;
      else pos++;
      expectOperand = true;
      continue;
    }
    if (isSpace(c)) {
      pos++;
      continue;
    }
    if (lineStart && c === 61 && src.startsWith('=begin', pos)) {
      const close = src.indexOf('\n=end', pos);
      pos = close === -1 ? n : findLineEnd(src, close + 1);
      continue;
    }
    if (lineStart && src.startsWith('__END__', pos) && findLineEnd(src, pos) === pos + 7) break;
    if (c === 35) {
      pos = findLineEnd(src, pos);
      continue;
    }
    let end: number;
    if (isIdentStart(c) || ((c === 64 || c === 36) && (isIdentStart(d) || d === 64))) {
      const i = c === 64 && d === 64 ? pos + 2 : c === 64 || c === 36 ? pos + 1 : pos;
      end = scanIdentifier(src, i, false);
      const q = src.charCodeAt(end);
      if ((q === 63 || q === 33) && src.charCodeAt(end + 1) !== 61) end++;
      const word = src.slice(pos, end);
      if (word === 'then') {
        pos = end;
        continue;
      }
      if (i === pos && RUBY_KEYWORDS.has(word)) push(word, 'keyword', pos, end);
      else push(IDENTIFIER, 'identifier', pos, end);
    } else if (isDigit(c)) {
      end = scanNumber(src, pos);
      push(NUMBER, 'number', pos, end);
    } else if (c === 34 || c === 39 || c === 96) {
      end = scanRubyString(src, pos + 1, c, c);
      push(STRING, 'string', pos, end, src.slice(pos + 1, Math.max(pos + 1, end - 1)));
    } else if (c === 58 && (isIdentStart(d) || d === 34) && src.charCodeAt(pos - 1) !== 58) {
      end = d === 34 ? scanQuoted(src, pos + 1, 34, false) : scanIdentifier(src, pos + 1, false);
      if (src.charCodeAt(end) === 63 || src.charCodeAt(end) === 33) end++;
      push(STRING, 'string', pos, end, src.slice(pos + 1, end).replace(/"/g, ''));
    } else if (c === 37 && expectOperand && (end = scanPercentLiteral(src, pos)) > 0) {
      push(src.charCodeAt(pos + 1) === 114 ? REGEX : STRING, 'string', pos, end, src.slice(pos, end));
    } else if (c === 47 && expectOperand && (end = scanRegex(src, pos)) > 0) {
      push(REGEX, 'string', pos, end, src.slice(pos, end));
    } else if (c === 60 && d === 60 && (end = scanHeredocOpener(src, pos, pending, w.tokens.length)) > 0) {
      push(STRING, 'string', pos, end, '');
    } else {
      const text = readOperator(RUBY_OPERATORS, src, pos);
      end = pos + text.length;
      if (c !== 59) {
        push(text, classifyOperator(text), pos, end);
      } else expectOperand = true;
    }
    pos = end;
  }
}

/** A quoted body after its opener; `#{…}` interpolation may hold quotes and braces. */
function scanRubyString(src: string, pos: number, open: number, close: number): number {
  const n = src.length;
  let depth = 0;
  for (let i = pos; i < n; i++) {
    const c = src.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 35 && src.charCodeAt(i + 1) === 123 && close !== 39) {
      i = scanRubyString(src, i + 2, 123, 125) - 1;
    } else if (c === close && depth === 0) return i + 1;
    else if (c === close) depth--;
    else if (c === open && open !== close) depth++;
  }
  return n;
}

/** `%w[a b]`, `%q(…)`, `%Q{…}`, `%i<…>`, `%r{…}`, `%(…)`: end offset or -1. */
function scanPercentLiteral(src: string, pos: number): number {
  let i = pos + 1;
  const t = src.charCodeAt(i);
  if (t === 113 || t === 81 || t === 119 || t === 87 || t === 105 || t === 73 || t === 114 || t === 120 || t === 115) i++;
  const open = src.charCodeAt(i);
  if (isIdentPart(open) || isSpace(open) || Number.isNaN(open)) return -1;
  return scanRubyString(src, i + 1, open, CLOSERS[open] ?? open);
}

/** `<<~ID`, `<<-ID`, `<<ID` (uppercase or quoted only, to leave `a << b` alone): end or -1. */
function scanHeredocOpener(src: string, pos: number, pending: PendingHeredoc[], tokenIndex: number): number {
  let i = pos + 2;
  const flag = src.charCodeAt(i);
  const indented = flag === 126 || flag === 45;
  if (indented) i++;
  const first = src.charCodeAt(i);
  if (!indented && !(first >= 65 && first <= 90) && first !== 39 && first !== 34) return -1;
  const found = readHeredocDelimiter(src, i);
  if (!found) return -1;
  pending.push({ delimiter: found.delimiter, indented, tokenIndex });
  return found.end;
}

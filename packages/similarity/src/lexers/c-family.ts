/**
 * One configurable scanner for the brace languages (C, C++, Java, C#, JavaScript, TypeScript, Go,
 * Rust, Kotlin, Swift, PHP code). What it normalizes, and why:
 * - comments (`//`, `/* *\/`, nested where the language nests them) and layout are dropped;
 * - identifiers → `ID`, numbers → `NUM`, strings/chars → `STR` (value in `literal`), keywords kept;
 * - `;` is never emitted: optional in JS/Go/Kotlin/Swift, and stray `;;` no-ops are a cheap disguise;
 * - `x++`, `++x` and `x += 1` all become `ID += NUM` (same for `--`), a classic JPlag normalization;
 * - `this.x` reads as `x` (optional qualifier); JS `var`/`const` read as `let`, Kotlin `val` as
 *   `var`, Swift `let` as `var` (a copier flips them freely, the structure is the same);
 * - C/C++/C# preprocessor: `#include`/`#pragma`/`#region`… lines are dropped (boilerplate everyone
 *   shares, reorderable, trivially padded); `#define`/`#if…` are kept as a `#define` structure token
 *   followed by their tokens, since macros carry the student's own constants and code.
 * - JS/TS template literals: one `STR` token, followed by the tokens of each `${…}` expression
 *   (nesting handled by recursion); `/` starts a regex literal (`REGEX`) only where an operand is
 *   expected, judged from the previous token.
 */
import { atLineStart, findLineEnd, isDigit, isIdentStart, isSpace, scanBlockComment, scanIdentifier, scanNumber, scanQuoted } from './chars.js';
import { scanInterpolated, scanSwiftRaw, scanTripleQuoted, scanVerbatim, skipReceiver, stripDelimiters } from './c-strings.js';
import { scanRegex } from './regex-literal.js';
import { classifyOperator, readOperator, type OperatorTable } from './operators.js';
import { IDENTIFIER, NUMBER, REGEX, STRING, TokenWriter } from './token-writer.js';
import type { Token } from '../types.js';

export interface CFamilyOptions {
  keywords: ReadonlySet<string>;
  operators: OperatorTable;
  /** `/* /* *\/ *\/` nests (Rust, Kotlin, Swift, Scala). */
  nestedComments?: boolean;
  /** `#` at line start is a preprocessor directive (C, C++, C#). */
  preprocessor?: boolean;
  /** `#` starts a line comment (PHP), except `#[` attributes. */
  hashComments?: boolean;
  /** `$` may start/continue identifiers (JS, TS, PHP variables). */
  dollarIdentifiers?: boolean;
  /** Backtick: JS template literal, Go raw string, or a quoted identifier (Kotlin, Swift). */
  backtick?: 'template' | 'raw' | 'identifier';
  /** `/` may start a regex literal (JS, TS). */
  regex?: boolean;
  /** `"""` text blocks / raw strings (Java, Kotlin, Swift, C#). */
  tripleQuotes?: boolean;
  /** `"…"` interpolation that may contain quotes. */
  interpolation?: 'dollar' | 'backslash' | 'brace';
  /** C# `@"…"`, `$"…"`, `$@"…"`. */
  csharpStrings?: boolean;
  /** Swift `#"…"#` raw strings. */
  swiftRawStrings?: boolean;
  /** `'` starts a string/char literal, or (Rust) a char literal or lifetime. */
  singleQuote?: (src: string, pos: number) => number;
  /** A literal introduced by an identifier-like prefix (`L"…"`, `r#"…"#`): end offset or -1. */
  prefixedString?: (src: string, start: number, end: number) => number;
  /** PHP: keywords are case-insensitive (normalized to lower case), and `?>` ends the code. */
  php?: boolean;
  /**
   * The implicit receiver (`this`, `self`): `this.x` and `this->x` read as `x`, since adding or
   * removing the optional qualifier is a free disguise.
   */
  receiver?: string;
  /** Keywords that mean the same here and are emitted as one (`const`/`var` → `let` in JS). */
  aliases?: Readonly<Record<string, string>>;
  /** PHP heredoc/nowdoc `<<<ID … ID`: end offset or -1. */
  heredoc?: (src: string, pos: number) => number;
}

/** Preprocessor directives dropped with their whole (continued) line; see the module comment. */
const DROPPED_DIRECTIVES = new Set(['include', 'import', 'pragma', 'region', 'endregion', 'line', 'error', 'warning', 'using', 'nullable']);

/** Keywords after which a value cannot end, so `/` starts a regex. */
const OPERAND_KEYWORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

interface ScanState {
  w: TokenWriter;
  src: string;
  opts: CFamilyOptions;
  /** True where an operand is expected: after an operator, `(`, or start. */
  expectOperand: boolean;
  /** A prefix `++`/`--` waiting for its operand, emitted after it as `+= NUM`. */
  pendingStep: { text: string; start: number; end: number } | undefined;
}

export function lexCFamily(w: TokenWriter, opts: CFamilyOptions, start = 0, end = w.src.length): number {
  const state: ScanState = { w, src: w.src, opts, expectOperand: true, pendingStep: undefined };
  const stop = scanRegion(state, start, end, false);
  flushStep(state);
  return stop;
}

function emit(s: ScanState, text: string, kind: Token['kind'], start: number, end: number, literal?: string): void {
  const step = s.pendingStep;
  if (step && kind !== 'identifier') flushStep(s);
  s.w.emit(text, kind, start, end, literal);
  if (step && kind === 'identifier') flushStep(s);
  s.expectOperand =
    kind === 'operator' || (kind === 'punct' && text !== ')' && text !== ']') || (kind === 'keyword' && OPERAND_KEYWORDS.has(text));
}

function flushStep(s: ScanState): void {
  const step = s.pendingStep;
  if (!step) return;
  s.pendingStep = undefined;
  s.w.emit(step.text, 'operator', step.start, step.end);
  s.w.emit(NUMBER, 'number', step.start, step.end);
}

/**
 * Scans `[pos, end)`; with `stopAtBrace` returns at the `}` closing a `${` (not consumed).
 * Returns the offset where scanning stopped (PHP `?>`, a closing brace, or `end`).
 */
function scanRegion(s: ScanState, pos: number, end: number, stopAtBrace: boolean): number {
  const { src, opts } = s;
  let depth = 0;
  while (pos < end) {
    const c = src.charCodeAt(pos);
    if (isSpace(c) || (c === 92 && src.charCodeAt(pos + 1) === 10)) {
      pos++;
      continue;
    }
    const d = src.charCodeAt(pos + 1);
    if (c === 47) {
      if (d === 47) {
        pos = findLineEnd(src, pos);
        continue;
      }
      if (d === 42) {
        pos = scanBlockComment(src, pos, opts.nestedComments === true);
        continue;
      }
      if (opts.regex && s.expectOperand) {
        const e = scanRegex(src, pos);
        if (e > 0) {
          emit(s, REGEX, 'string', pos, e, src.slice(pos, e));
          pos = e;
          continue;
        }
      }
    }
    if (isIdentStart(c) || (c === 36 && opts.dollarIdentifiers)) {
      const e = scanIdentifier(src, pos, opts.dollarIdentifiers === true);
      const lit = opts.prefixedString ? opts.prefixedString(src, pos, e) : -1;
      if (lit > 0) {
        emitString(s, pos, lit, e);
        pos = lit;
        continue;
      }
      let word = src.slice(pos, e);
      if (opts.php) word = word.toLowerCase();
      if (word === opts.receiver) {
        const member = skipReceiver(src, e);
        if (member > 0) {
          pos = member;
          continue;
        }
      }
      if (opts.keywords.has(word)) emit(s, opts.aliases?.[word] ?? word, 'keyword', pos, e);
      else emit(s, IDENTIFIER, 'identifier', pos, e);
      pos = e;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(d))) {
      const e = scanNumber(src, pos);
      emit(s, NUMBER, 'number', pos, e);
      pos = e;
      continue;
    }
    const lit = scanLiteral(s, pos, c, d);
    if (lit > 0) {
      pos = lit;
      continue;
    }
    if (c === 35 && opts.preprocessor && atLineStart(src, pos)) {
      pos = scanDirective(s, pos);
      continue;
    }
    if (c === 35 && opts.hashComments && d !== 91) {
      pos = findLineEnd(src, pos);
      continue;
    }
    if (c === 63 && d === 62 && opts.php) return pos;
    if (c === 123) depth++;
    else if (c === 125 && depth-- === 0 && stopAtBrace) return pos;
    pos = emitOperator(s, pos);
  }
  return pos;
}

/** String-like literals starting with a quote or sigil; returns their end or -1. */
function scanLiteral(s: ScanState, pos: number, c: number, d: number): number {
  const { src, opts } = s;
  let e = -1;
  let body = pos;
  if (c === 34) {
    if (opts.tripleQuotes && d === 34 && src.charCodeAt(pos + 2) === 34) e = scanTripleQuoted(src, pos);
    else if (opts.interpolation) e = scanInterpolated(src, pos, opts.interpolation);
    else e = scanQuoted(src, pos, 34, opts.php === true);
  } else if (c === 39 && opts.singleQuote) {
    e = opts.singleQuote(src, pos);
  } else if (c === 96 && opts.backtick) {
    if (opts.backtick === 'template') return scanTemplate(s, pos);
    if (opts.backtick === 'raw') e = src.indexOf('`', pos + 1) + 1 || src.length;
    else {
      const close = src.indexOf('`', pos + 1);
      const e2 = close === -1 ? pos + 1 : close + 1;
      emit(s, IDENTIFIER, 'identifier', pos, e2);
      return e2;
    }
  } else if (opts.csharpStrings && (c === 64 || c === 36)) {
    body = pos + 1;
    while (src.charCodeAt(body) === 64 || src.charCodeAt(body) === 36) body++;
    if (src.charCodeAt(body) !== 34) return -1;
    const prefix = src.slice(pos, body);
    if (src.startsWith('"""', body)) e = scanTripleQuoted(src, body);
    else if (prefix.includes('@')) e = scanVerbatim(src, body);
    else e = scanInterpolated(src, body, 'brace');
  } else if (c === 35 && opts.swiftRawStrings) {
    e = scanSwiftRaw(src, pos);
  } else if (c === 60 && d === 60 && opts.heredoc) {
    e = opts.heredoc(src, pos);
  }
  if (e > 0) emitString(s, pos, e, body);
  return e;
}

function emitString(s: ScanState, start: number, end: number, body: number): void {
  emit(s, STRING, 'string', start, end, stripDelimiters(s.src.slice(body, end)));
}

/** A template literal: one `STR` token, then the tokens of each `${…}` (recursively). */
function scanTemplate(s: ScanState, pos: number): number {
  const { src, w } = s;
  const index = w.tokens.length;
  emit(s, STRING, 'string', pos, pos + 1);
  const n = src.length;
  let i = pos + 1;
  let literal = '';
  let chunk = i;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === 96) break;
    else if (c === 36 && src.charCodeAt(i + 1) === 123) {
      literal += src.slice(chunk, i);
      i = scanRegion(s, i + 2, n, true) + 1;
      chunk = i;
    } else i++;
  }
  literal += src.slice(chunk, Math.min(i, n));
  const end = Math.min(i + 1, n);
  w.extend(index, end, literal);
  s.expectOperand = false;
  return end;
}

function emitOperator(s: ScanState, pos: number): number {
  const text = readOperator(s.opts.operators, s.src, pos);
  const end = pos + text.length;
  if (text === ';') {
    s.expectOperand = true;
    return end;
  }
  if (text === '++' || text === '--') {
    const step = text === '++' ? '+=' : '-=';
    if (s.expectOperand) s.pendingStep = { text: step, start: pos, end };
    else {
      emit(s, step, 'operator', pos, end);
      emit(s, NUMBER, 'number', pos, end);
      s.expectOperand = false;
    }
    return end;
  }
  emit(s, text, classifyOperator(text), pos, end);
  return end;
}

/** A preprocessor line: dropped (includes, pragmas) or kept as one `#name` keyword token. */
function scanDirective(s: ScanState, pos: number): number {
  const src = s.src;
  let i = pos + 1;
  while (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9) i++;
  const nameEnd = isIdentStart(src.charCodeAt(i)) ? scanIdentifier(src, i, false) : i;
  const name = src.slice(i, nameEnd);
  if (DROPPED_DIRECTIVES.has(name)) {
    let e = findLineEnd(src, pos);
    while (e < src.length && src.charCodeAt(e - 1) === 92) e = findLineEnd(src, e + 1);
    return e;
  }
  emit(s, '#' + name, 'keyword', pos, nameEnd);
  return nameEnd;
}

/**
 * Entry point of the lexers: picks the language, refuses content that is not source code, and
 * normalizes the text so a byte-order mark or Windows line endings change nothing.
 */
import type { SourceFile, Token } from './types.js';
import { detectLanguage } from './language.js';
import { lexBraceLanguage, C_FAMILY_LANGUAGES } from './lexers/c-languages.js';
import { lexBash } from './lexers/bash.js';
import { lexCss } from './lexers/css.js';
import { lexGeneric } from './lexers/generic.js';
import { lexHtml } from './lexers/html.js';
import { lexNotebook } from './lexers/notebook.js';
import { lexPhp } from './lexers/php.js';
import { lexPython } from './lexers/python.js';
import { lexRuby } from './lexers/ruby.js';
import { lexSql } from './lexers/sql.js';
import { TokenWriter } from './lexers/token-writer.js';

export interface TokenizeResult {
  language: string;
  tokens: Token[];
  /** Why the file was not tokenized (binary, oversized, minified); absent when it was. */
  skipReason?: string;
}

/** Larger files are generated or data, not student code, and would only slow the worker down. */
export const MAX_FILE_BYTES = 1024 * 1024;
/**
 * Minified or generated code has very long lines; student code averages 20–40 characters per
 * line and rarely has a line over a few thousand (a pasted data table), so these limits leave it alone.
 */
export const MAX_AVERAGE_LINE_LENGTH = 300;
export const MAX_LINE_LENGTH = 20_000;

export const SKIP_BINARY = 'binary: content contains NUL bytes';
export const SKIP_OVERSIZED = `oversized: more than ${MAX_FILE_BYTES} bytes`;
export const SKIP_MINIFIED = 'minified: lines too long to be hand-written';

type Lexer = (w: TokenWriter, language: string) => void;

function createLexers(): Map<string, Lexer> {
  const lexers = new Map<string, Lexer>([
    ['python', lexPython],
    ['ruby', lexRuby],
    ['php', lexPhp],
    ['bash', lexBash],
    ['sql', lexSql],
    ['html', (w) => lexHtml(w)],
    ['css', (w) => lexCss(w)],
    ['generic', lexGeneric],
  ]);
  for (const language of C_FAMILY_LANGUAGES) lexers.set(language, lexBraceLanguage);
  return lexers;
}

const LEXERS = createLexers();

export function tokenize(file: SourceFile): TokenizeResult {
  const language = detectLanguage(file.name, file.content);
  const reason = findSkipReason(file.content, language !== 'notebook');
  if (reason) return { language, tokens: [], skipReason: reason };
  try {
    const text = normalizeText(file.content);
    if (language === 'notebook') {
      const { tokens, skipReason } = lexNotebook(text, tokenizeText);
      return skipReason ? { language, tokens, skipReason } : { language, tokens };
    }
    return { language, tokens: tokenizeText(text, language) };
  } catch (err) {
    // A lexer bug must not crash the worker: the file is skipped with the error as its reason.
    return { language, tokens: [], skipReason: `lexer error: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Tokens of already-normalized text in a given language (notebook cells use it). */
export function tokenizeText(text: string, language: string): Token[] {
  const w = new TokenWriter(text);
  const lex = LEXERS.get(language) ?? lexGeneric;
  lex(w, language);
  return w.tokens;
}

/** Drops a leading byte-order mark and turns CRLF / lone CR into LF: columns stay the same. */
export function normalizeText(content: string): string {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

export function findSkipReason(content: string, checkMinified: boolean): string | undefined {
  if (content.includes('\0')) return SKIP_BINARY;
  if (content.length > MAX_FILE_BYTES || (content.length > MAX_FILE_BYTES / 4 && measureUtf8(content) > MAX_FILE_BYTES)) {
    return SKIP_OVERSIZED;
  }
  if (checkMinified && content.length > 1000) {
    let lines = 1;
    let longest = 0;
    let start = 0;
    for (let i = content.indexOf('\n'); i !== -1; i = content.indexOf('\n', i + 1)) {
      if (i - start > longest) longest = i - start;
      start = i + 1;
      lines++;
    }
    longest = Math.max(longest, content.length - start);
    if (longest > MAX_LINE_LENGTH || content.length / lines > MAX_AVERAGE_LINE_LENGTH) return SKIP_MINIFIED;
  }
  return undefined;
}

function measureUtf8(content: string): number {
  let bytes = 0;
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return bytes;
}

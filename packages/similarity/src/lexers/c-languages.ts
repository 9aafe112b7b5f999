/**
 * Per-language settings of the brace-language scanner. Operators are listed so that a language's
 * multi-character operators stay one token (`===`, `?.`, `:=`, `=>`); anything unlisted is one
 * token per character, which still matches across copies.
 */
import { type CFamilyOptions, lexCFamily } from './c-family.js';
import { scanQuoted } from './chars.js';
import { scanCppPrefixed, scanRustPrefixed, scanRustQuote } from './c-strings.js';
import {
  C_KEYWORDS,
  CPP_KEYWORDS,
  CSHARP_KEYWORDS,
  GO_KEYWORDS,
  JAVA_KEYWORDS,
  JAVASCRIPT_KEYWORDS,
  KOTLIN_KEYWORDS,
  RUST_KEYWORDS,
  SWIFT_KEYWORDS,
  TYPESCRIPT_KEYWORDS,
} from './keywords.js';
import { C_OPERATORS, createOperatorTable } from './operators.js';
import type { TokenWriter } from './token-writer.js';

function scanSingleQuoted(src: string, pos: number): number {
  return scanQuoted(src, pos, 39, false);
}

const C_TABLE = createOperatorTable(C_OPERATORS);
const JS_TABLE = createOperatorTable([...C_OPERATORS, '===', '!==', '=>', '**', '**=', '?.', '??', '??=', '&&=', '||=']);

const JS_ALIASES = { var: 'let', const: 'let' };

export const C_FAMILY_OPTIONS: Record<string, CFamilyOptions> = {
  c: { keywords: C_KEYWORDS, operators: C_TABLE, preprocessor: true, singleQuote: scanSingleQuoted, prefixedString: scanCppPrefixed },
  cpp: {
    keywords: CPP_KEYWORDS,
    receiver: 'this',
    operators: createOperatorTable([...C_OPERATORS, '->*', '.*', '<=>']),
    preprocessor: true,
    singleQuote: scanSingleQuoted,
    prefixedString: scanCppPrefixed,
  },
  java: {
    keywords: JAVA_KEYWORDS,
    receiver: 'this',
    operators: C_TABLE,
    tripleQuotes: true,
    singleQuote: scanSingleQuoted,
  },
  csharp: {
    keywords: CSHARP_KEYWORDS,
    receiver: 'this',
    operators: createOperatorTable([...C_OPERATORS, '=>', '??', '??=', '?.']),
    preprocessor: true,
    tripleQuotes: true,
    csharpStrings: true,
    singleQuote: scanSingleQuoted,
  },
  javascript: {
    keywords: JAVASCRIPT_KEYWORDS,
    receiver: 'this',
    aliases: JS_ALIASES,
    operators: JS_TABLE,
    dollarIdentifiers: true,
    backtick: 'template',
    regex: true,
    singleQuote: scanSingleQuoted,
  },
  typescript: {
    keywords: TYPESCRIPT_KEYWORDS,
    receiver: 'this',
    aliases: JS_ALIASES,
    operators: JS_TABLE,
    dollarIdentifiers: true,
    backtick: 'template',
    regex: true,
    singleQuote: scanSingleQuoted,
  },
  go: {
    keywords: GO_KEYWORDS,
    operators: createOperatorTable([...C_OPERATORS, ':=', '<-', '&^', '&^=']),
    backtick: 'raw',
    singleQuote: scanSingleQuoted,
  },
  rust: {
    keywords: RUST_KEYWORDS,
    operators: createOperatorTable([...C_OPERATORS, '=>', '..=', '..']),
    nestedComments: true,
    singleQuote: scanRustQuote,
    prefixedString: scanRustPrefixed,
  },
  kotlin: {
    keywords: KOTLIN_KEYWORDS,
    receiver: 'this',
    aliases: { val: 'var' },
    operators: createOperatorTable([...C_OPERATORS, '===', '!==', '?.', '?:', '!!', '..', '..<', '=>']),
    nestedComments: true,
    tripleQuotes: true,
    interpolation: 'dollar',
    backtick: 'identifier',
    singleQuote: scanSingleQuoted,
  },
  swift: {
    keywords: SWIFT_KEYWORDS,
    receiver: 'self',
    aliases: { let: 'var' },
    operators: createOperatorTable([...C_OPERATORS, '===', '!==', '?.', '??', '...', '..<', '&+', '&-', '&*']),
    nestedComments: true,
    tripleQuotes: true,
    interpolation: 'backslash',
    swiftRawStrings: true,
    backtick: 'identifier',
  },
};

export const C_FAMILY_LANGUAGES: readonly string[] = Object.keys(C_FAMILY_OPTIONS);

/** Tokenizes a whole file of one brace language into `w`. */
export function lexBraceLanguage(w: TokenWriter, language: string): void {
  lexCFamily(w, C_FAMILY_OPTIONS[language]);
}

import type { Fingerprint, Span, Token } from './types.js';

/**
 * String literals are a second signal beside structure (DESIGN 9): a copier renames variables
 * but rarely retypes every prompt, while literals a task dictates are shared by everyone and are
 * down-weighted by their document frequency like any common fingerprint. Literal fingerprints live
 * in the upper half of the 53-bit range, so they share the index and its document frequencies
 * with structural ones and never collide with them.
 */
export const LITERAL_BASE = 2 ** 52;

export function isLiteralHash(hash: number): boolean {
  return hash >= LITERAL_BASE;
}

/** Two independent 32-bit FNV-1a passes, 26 bits of each: a 52-bit hash of the literal's text. */
export function hashLiteral(value: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  return LITERAL_BASE + (h1 >>> 6) * 2 ** 26 + (h2 >>> 6);
}

/** Offsets of each line start in text, for slicing tokens out by line and column. */
function findLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The spelling of each numeric literal (and identifier, when asked), which the token stream
 * abstracts to NUM and ID: constants a task does not dictate (a threshold of 30 versus 35) and
 * names nobody else chose tell authors apart the way prompts do. `text` is the tokenizer's
 * normalized text, which token positions refer to.
 */
export function readSpellings(text: string, tokens: readonly Token[], identifiers: boolean): (string | undefined)[] {
  const starts = findLineStarts(text);
  return tokens.map((t) => {
    if (!(t.kind === 'number' || (identifiers && t.kind === 'identifier')) || t.startLine !== t.endLine) return undefined;
    const base = starts[t.startLine - 1];
    if (base === undefined) return undefined;
    const raw = text.slice(base + t.startCol - 1, base + t.endCol);
    return t.kind === 'number' ? `#${raw.toLowerCase().replace(/_/g, '')}` : `$${raw}`;
  });
}

/** Literals shorter than this ("", " ", "A", "\n") are formatting, not anyone's wording. */
export const MIN_LITERAL_LENGTH = 3;

/**
 * One fingerprint per string literal with some text in it, and per numeric literal when its
 * spelling is known (prefixed so "30" the number and "30" the string differ). Whitespace inside a
 * literal is dropped ("Enter feet : " and "Enter feet: " are one prompt, spaced differently; a
 * copier's reformatting often reaches into prompts) but case is kept: "Welcome to Java" and "Welcome To Java" are
 * different authors' spellings of a dictated sentence.
 */
export function fingerprintLiterals(tokens: readonly Token[], spellings?: readonly (string | undefined)[], fixedSpan?: Span): Fingerprint[] {
  const out: Fingerprint[] = [];
  tokens.forEach((t, i) => {
    let value: string;
    if (t.kind === 'string' && t.literal !== undefined) value = t.literal.replace(/\s+/g, '');
    else if (spellings?.[i] !== undefined) value = spellings[i] as string;
    else return;
    if (value.length < MIN_LITERAL_LENGTH) return;
    out.push({ hash: hashLiteral(value), tokenIndex: i, span: fixedSpan ?? { startLine: t.startLine, startCol: t.startCol, endLine: t.endLine, endCol: t.endCol } });
  });
  return out;
}

/** 1-based line of an offset (binary search over line starts). */
function findLine(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Comment text: whatever non-blank text lies between the lexer's tokens is a comment (layout is
 * blank), so no language needs its own comment syntax here. Markers and punctuation are dropped,
 * words are lowercased, and a comment line with fewer than MIN_COMMENT_WORDS words says too little.
 */
const MIN_COMMENT_WORDS = 3;

export function readComments(text: string, raw: readonly Token[]): { words: string; line: number }[] {
  const starts = findLineStarts(text);
  const offset = (line: number, col: number): number => (starts[line - 1] ?? text.length) + col - 1;
  const out: { words: string; line: number }[] = [];
  let from = 0;
  const take = (to: number): void => {
    if (to <= from) return;
    const gap = text.slice(from, to);
    let line = findLine(starts, from);
    for (const part of gap.split('\n')) {
      const words = part.toLowerCase().match(/[\p{L}\p{N}]+/gu);
      if (words && words.length >= MIN_COMMENT_WORDS) out.push({ words: words.join(' '), line });
      line++;
    }
  };
  for (const t of raw) {
    take(offset(t.startLine, t.startCol));
    from = Math.max(from, offset(t.endLine, t.endCol) + 1);
  }
  take(text.length);
  return out;
}

/** One literal-space fingerprint per comment line, placed at the first token on or after its line. */
export function fingerprintComments(comments: readonly { words: string; line: number }[], tokens: readonly Token[], fixedSpan?: Span): Fingerprint[] {
  if (tokens.length === 0) return [];
  const out: Fingerprint[] = [];
  let t = 0;
  for (const c of comments) {
    while (t < tokens.length - 1 && tokens[t].startLine < c.line) t++;
    const span = fixedSpan ?? { startLine: c.line, startCol: 1, endLine: c.line, endCol: 1 };
    out.push({ hash: hashLiteral(`//${c.words}`), tokenIndex: t, span });
  }
  return out;
}

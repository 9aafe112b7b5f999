import { createHash } from 'node:crypto';
import { hashKgrams, hashTexts } from './hash.js';
import { fingerprintComments, fingerprintLiterals, readComments, readSpellings } from './literals.js';
import { normalizeTokens } from './normalize.js';
import { resolveOptions, type EngineOptions } from './options.js';
import { normalizeText, tokenize } from './tokenize.js';
import type { AnalyzedFile, AnalyzedSubmission, Fingerprint, SourceFile, Span, Token } from './types.js';
import { winnow } from './winnow.js';

/**
 * An analysed file plus the arrays the comparison needs. It is a plain AnalyzedFile to every
 * caller; the extra fields only save recomputing token ids and hashes on every pair, in typed
 * arrays because a batch holds hundreds of thousands of them.
 */
export interface EngineFile extends AnalyzedFile {
  /** Token ids (hash of the normalized text), one per token. */
  ids: Int32Array;
  /** Hash of every k-gram (not only the winnowed ones): starter detection needs them all. */
  kgrams: Float64Array;
  /** Every fingerprint hash (structural and literal), sorted, with `positions` its token index. */
  sortedHashes: Float64Array;
  positions: Int32Array;
  /** Start and end line of each token (two entries per token): line counts without token objects. */
  lines: Int32Array;
  /** k the arrays were built with. */
  k: number;
}

/** Tokenize, normalize and winnow one file. Skipped files keep their reason and no tokens. */
export function analyzeFile(file: SourceFile, options?: Partial<EngineOptions>): EngineFile {
  return analyzeWith(file, resolveOptions(options), false);
}

/**
 * `lean` keeps only what scoring needs: no token objects and no Fingerprint objects (most of the
 * memory of a large batch). Scores are identical; fragments cannot be located afterwards.
 */
export function analyzeWith(file: SourceFile, opts: EngineOptions, lean: boolean): EngineFile {
  const lexed = tokenize(file);
  const tokens = lexed.skipReason ? [] : opts.normalizeTokens ? normalizeTokens(lexed.tokens, opts.declarations) : lexed.tokens;
  const text = opts.literals && (opts.numberLiterals || opts.identifiers || opts.comments) ? normalizeText(file.content) : '';
  const numbers = opts.literals && (opts.numberLiterals || opts.identifiers) ? readSpellings(text, tokens, opts.identifiers) : undefined;
  const comments = opts.literals && opts.comments && !lexed.skipReason ? readComments(text, lexed.tokens) : [];
  const analyzed = buildEngineFile(file.name, lexed.language, tokens, opts, lean, numbers, comments);
  if (lexed.skipReason) analyzed.skipReason = lexed.skipReason;
  return analyzed;
}

function buildEngineFile(
  name: string,
  language: string,
  tokens: readonly Token[],
  opts: EngineOptions,
  lean: boolean,
  numbers?: (string | undefined)[],
  comments: { words: string; line: number }[] = [],
): EngineFile {
  const ids = hashTexts(tokens.map((t) => t.text));
  const kgrams = hashKgrams(ids, opts.k);
  const selected = winnow(kgrams, opts.window);
  const literals = opts.literals ? fingerprintLiterals(tokens, numbers).concat(fingerprintComments(comments, tokens)) : [];
  const count = selected.length + literals.length;
  const hashes = new Float64Array(count);
  const where = new Int32Array(count);
  selected.forEach((i, n) => { hashes[n] = kgrams[i]; where[n] = i; });
  literals.forEach((fp, n) => { hashes[selected.length + n] = fp.hash; where[selected.length + n] = fp.tokenIndex; });
  const order = Array.from({ length: count }, (_, n) => n).sort((x, y) => hashes[x] - hashes[y] || where[x] - where[y]);
  const lines = new Int32Array(tokens.length * 2);
  tokens.forEach((t, i) => { lines[2 * i] = t.startLine; lines[2 * i + 1] = t.endLine; });
  const fingerprints: Fingerprint[] = lean
    ? []
    : selected.map((i): Fingerprint => ({ hash: kgrams[i], tokenIndex: i, span: joinSpans(tokens[i], tokens[i + opts.k - 1]) })).concat(literals);
  return {
    name,
    language,
    tokenCount: tokens.length,
    // Hashing the token ids is hashing the normalized token stream (ids are a fixed function of it).
    contentHash: createHash('sha256').update(new Uint8Array(ids.buffer, ids.byteOffset, ids.byteLength)).digest('hex'),
    fingerprints,
    tokens: lean ? [] : (tokens as Token[]),
    ids,
    kgrams,
    sortedHashes: Float64Array.from(order, (n) => hashes[n]),
    positions: Int32Array.from(order, (n) => where[n]),
    lines,
    k: opts.k,
  };
}

function joinSpans(first: Span, last: Span): Span {
  return { startLine: first.startLine, startCol: first.startCol, endLine: last.endLine, endCol: last.endCol };
}

/** Rebuilds the comparison arrays for an AnalyzedFile that did not come from analyzeFile (e.g. deserialized). */
export function toEngineFile(file: AnalyzedFile, opts: EngineOptions): EngineFile {
  const f = file as Partial<EngineFile> & AnalyzedFile;
  if (f.ids && f.kgrams && f.sortedHashes && f.positions && f.lines && f.k === opts.k) return f as EngineFile;
  const rebuilt = buildEngineFile(file.name, file.language, file.tokens, { ...opts, literals: false }, false);
  // Keep the file's own fingerprints (literal ones included): they are what was indexed.
  const order = file.fingerprints.map((fp, n) => n).sort((x, y) => file.fingerprints[x].hash - file.fingerprints[y].hash || file.fingerprints[x].tokenIndex - file.fingerprints[y].tokenIndex);
  return {
    ...file,
    ids: rebuilt.ids,
    kgrams: rebuilt.kgrams,
    sortedHashes: Float64Array.from(order, (n) => file.fingerprints[n].hash),
    positions: Int32Array.from(order, (n) => file.fingerprints[n].tokenIndex),
    lines: rebuilt.lines,
    k: opts.k,
  };
}

export function analyzeSubmission(files: SourceFile[], options?: Partial<EngineOptions>, lean = false): AnalyzedSubmission {
  const opts = resolveOptions(options);
  const compared = chooseComparedFiles(files);
  const analyzed = files.map((f, i) => {
    if (compared.has(i)) return analyzeWith(f, opts, lean);
    const left = analyzeWith({ name: f.name, content: '' }, opts, lean);
    left.skipReason = FILE_LIMIT_REASON;
    return left;
  });
  return { files: analyzed, tokenCount: analyzed.reduce((n, f) => n + f.tokenCount, 0) };
}

/**
 * Files of one submission that are compared. Comparing two submissions pairs every file of one
 * with every file of the other, so the work grows with the product of their file counts: two
 * deliveries of 50,000 one-line files (1.5 MB each) kept a worker busy for minutes. A class
 * project has tens of files; past MAX_COMPARED_FILES, the largest files (by length, then in the
 * order given) are compared and the rest are skipped with FILE_LIMIT_REASON, which the teacher sees.
 */
export const MAX_COMPARED_FILES = 256;
export const FILE_LIMIT_REASON = `not compared: the submission has more than ${MAX_COMPARED_FILES} files, and only the ${MAX_COMPARED_FILES} largest are`;

function chooseComparedFiles(files: SourceFile[]): Set<number> {
  const all = files.map((_, i) => i);
  if (files.length <= MAX_COMPARED_FILES) return new Set(all);
  return new Set(all.sort((x, y) => files[y].content.length - files[x].content.length || x - y).slice(0, MAX_COMPARED_FILES));
}

/**
 * Every k-gram hash of the starter code, not only its winnowed fingerprints (a student file's
 * k-gram is starter code whenever the starter contains it, whichever one winnowing kept), and
 * the starter's literal fingerprints.
 */
export function starterHashes(starter: SourceFile[], options?: Partial<EngineOptions>): Set<number> {
  const opts = resolveOptions(options);
  const set = new Set<number>();
  for (const file of starter) {
    const analyzed = analyzeWith(file, opts, true);
    for (const h of analyzed.kgrams) set.add(h);
    for (const h of analyzed.sortedHashes) set.add(h);
  }
  return set;
}

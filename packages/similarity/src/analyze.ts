import { createHash } from 'node:crypto';
import { hashKgrams, hashTexts } from './hash.js';
import { normalizeTokens } from './normalize.js';
import { resolveOptions, type EngineOptions } from './options.js';
import { tokenize } from './tokenize.js';
import type { AnalyzedFile, AnalyzedSubmission, Fingerprint, SourceFile, Token } from './types.js';
import { winnow } from './winnow.js';

/**
 * An analysed file plus the arrays the comparison needs. It is a plain AnalyzedFile to every
 * caller; the extra fields only save recomputing token ids and k-gram hashes on every pair.
 */
export interface EngineFile extends AnalyzedFile {
  /** Token ids (hash of the normalized text), one per entry of `tokens`. */
  ids: Int32Array;
  /** Hash of every k-gram (not only the winnowed ones): starter detection needs them all. */
  kgrams: Float64Array;
  /** Winnowed hash -> token indexes where it was selected: the lookup side of a comparison. */
  index: Map<number, number[]>;
  /** k the arrays were built with. */
  k: number;
}

function indexFingerprints(fingerprints: readonly Fingerprint[]): Map<number, number[]> {
  const index = new Map<number, number[]>();
  for (const fp of fingerprints) {
    const list = index.get(fp.hash);
    if (list) list.push(fp.tokenIndex);
    else index.set(fp.hash, [fp.tokenIndex]);
  }
  return index;
}

/** Tokenize, normalize and winnow one file. Skipped files keep their reason and no tokens. */
export function analyzeFile(file: SourceFile, options?: Partial<EngineOptions>): EngineFile {
  const opts = resolveOptions(options);
  const lexed = tokenize(file);
  const tokens = lexed.skipReason ? [] : opts.normalizeTokens ? normalizeTokens(lexed.tokens) : lexed.tokens;
  return buildEngineFile(file.name, lexed.language, tokens, opts, lexed.skipReason);
}

function buildEngineFile(name: string, language: string, tokens: Token[], opts: EngineOptions, skipReason?: string): EngineFile {
  const texts = tokens.map((t) => t.text);
  const ids = hashTexts(texts);
  const kgrams = hashKgrams(ids, opts.k);
  const fingerprints: Fingerprint[] = winnow(kgrams, opts.window).map((i) => ({
    hash: kgrams[i],
    tokenIndex: i,
    span: {
      startLine: tokens[i].startLine,
      startCol: tokens[i].startCol,
      endLine: tokens[i + opts.k - 1].endLine,
      endCol: tokens[i + opts.k - 1].endCol,
    },
  }));
  const file: EngineFile = {
    name,
    language,
    tokenCount: tokens.length,
    contentHash: createHash('sha256').update(texts.join(' ')).digest('hex'),
    fingerprints,
    tokens,
    ids,
    kgrams,
    index: indexFingerprints(fingerprints),
    k: opts.k,
  };
  if (skipReason) file.skipReason = skipReason;
  return file;
}

/** Rebuilds the comparison arrays for an AnalyzedFile that did not come from analyzeFile. */
export function toEngineFile(file: AnalyzedFile, opts: EngineOptions): EngineFile {
  const f = file as Partial<EngineFile> & AnalyzedFile;
  if (f.ids && f.kgrams && f.index && f.k === opts.k) return f as EngineFile;
  const ids = hashTexts(file.tokens.map((t) => t.text));
  return { ...file, ids, kgrams: hashKgrams(ids, opts.k), index: indexFingerprints(file.fingerprints), k: opts.k };
}

export function analyzeSubmission(files: SourceFile[], options?: Partial<EngineOptions>): AnalyzedSubmission {
  const analyzed = files.map((f) => analyzeFile(f, options));
  return { files: analyzed, tokenCount: analyzed.reduce((n, f) => n + f.tokenCount, 0) };
}

/**
 * Every k-gram hash of the starter code, not only its winnowed fingerprints: a student file's
 * k-gram is starter code whenever the starter contains it, whichever one winnowing kept.
 */
export function starterHashes(starter: SourceFile[], options?: Partial<EngineOptions>): Set<number> {
  const set = new Set<number>();
  for (const file of starter) for (const h of analyzeFile(file, options).kgrams) set.add(h);
  return set;
}

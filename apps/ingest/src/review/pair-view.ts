import { createTwoFilesPatch } from 'diff';
import { markStarterTokens, type Fragment, type SourceFile, type Span } from '@crosscheck/similarity';

// Turns a pair's stored evidence and both submissions' files into what a viewer shows: numbered
// fragments on each side, starter-code regions, and a unified diff per paired file.

/**
 * The engine's view of one file: its language, tokens and the hash of every k-gram (k-gram i
 * covers tokens i .. i+k-1). Every k-gram, not only the winnowed ones, so a starter region has
 * no holes where winnowing happened to keep a different hash.
 */
export type FileAnalyzer = (file: SourceFile) => { language: string; tokens: readonly Span[]; kgrams: ArrayLike<number>; k: number };

export interface NumberedRange extends Span { fragment: number }

export interface FileView {
  name: string;
  language: string;
  content: string;
  fragments: NumberedRange[];
  starter: Span[];
}

export interface FragmentView {
  fragment: number;
  tokens: number;
  fileA: string | null;
  fileB: string | null;
}

/**
 * Why a diff was left out: file_too_large and too_many_changes are the file pair's own;
 * too_many_files and timeout are the response's.
 */
export type DiffOmission = 'file_too_large' | 'too_many_changes' | 'too_many_files' | 'timeout';

export interface DiffView {
  fileA: string | null;
  fileB: string | null;
  /** null when the diff was not computed; `omitted` says why. Never a diff cut short. */
  patch: string | null;
  omitted: DiffOmission | null;
}

/**
 * Diffs run on the event loop every webhook and API call shares, and jsdiff's Myers diff costs
 * O((N + M) · D) for files of N and M lines and an edit script of D lines: a renamed 960 KB copy
 * (every line changed) held one request for minutes. These bounds keep a real pair's diffs to
 * milliseconds and any pair's to a few hundred (scripts/bench-pair-detail.mjs prints figures).
 */
export interface DiffLimits {
  /** Larger files are not diffed: the cost grows with their length, and their diff would be too long to read. */
  maxFileChars: number;
  maxFileLines: number;
  /** jsdiff's maxEditLength: a diff that changes more lines than this is abandoned as too_many_changes. */
  maxEditLines: number;
  /**
   * Files of each side left after pairing by name that are compared by content to find partners:
   * every comparison pairs one file of A with one of B, so the work grows with the product.
   */
  maxMatchedFiles: number;
  /** Diffs computed in one response, and the lines of both sides of all of them together. */
  maxDiffs: number;
  maxDiffLines: number;
  /** jsdiff's timeout, shared by every diff of one response: a backstop for input the bounds above miss. */
  timeBudgetMs: number;
}

/**
 * 200 KB and 5,000 lines hold any program a student writes by hand. 1,000 changed lines let a
 * fully rewritten 500-line file through and cost at most ~160 ms (5,000 repetitive lines, the
 * worst input measured); a 2,000-line renamed copy stops there in ~60 ms. 50 files a side is
 * 2,500 comparisons (~60 ms for 18 KB files), and 50 diffs is more than a reviewer reads; 600
 * files a side took 16 s. 20,000 lines still allow a dozen diffs that each stop at 1,000 changes,
 * so the 250 ms of jsdiff time is what bounds that case.
 */
export const DIFF_LIMITS: DiffLimits = {
  maxFileChars: 200_000, maxFileLines: 5_000, maxEditLines: 1_000,
  maxMatchedFiles: 50, maxDiffs: 50, maxDiffLines: 20_000, timeBudgetMs: 250,
};

// Comparing files walks their bigrams; a prefix is enough to pick a partner.
const MATCH_PREFIX_CHARS = 20_000;

/**
 * Numbers fragments longest first (ties by their place in A), so fragment 1 is the strongest
 * evidence and both sides of a fragment carry the same number.
 */
export function numberFragments(fragments: readonly Fragment[]): (Fragment & { fragment: number })[] {
  return [...fragments]
    .sort((x, y) => y.tokens - x.tokens || x.fileA.localeCompare(y.fileA) || x.a.startLine - y.a.startLine || x.a.startCol - y.a.startCol)
    .map((f, i) => ({ ...f, fragment: i + 1 }));
}

function comparePositions(x: Span, y: Span): number {
  return x.startLine - y.startLine || x.startCol - y.startCol;
}

function endsBefore(x: Span, y: Span): boolean {
  return x.endLine < y.startLine || (x.endLine === y.startLine && x.endCol < y.startCol - 1);
}

/** Overlapping or touching spans merged into regions, in file order. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort(comparePositions);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (!last || endsBefore(last, s)) {
      merged.push({ ...s });
    } else if (s.endLine > last.endLine || (s.endLine === last.endLine && s.endCol > last.endCol)) {
      last.endLine = s.endLine;
      last.endCol = s.endCol;
    }
  }
  return merged;
}

/** The regions of a file the engine counts as starter code (markStarterTokens), as line/column spans. */
export function findStarterRegions(analysed: ReturnType<FileAnalyzer>, starterHashes: ReadonlySet<number>): Span[] {
  const mask = markStarterTokens(analysed.kgrams, analysed.k, analysed.tokens.length, starterHashes);
  if (!mask) return [];
  const spans: Span[] = [];
  for (let i = 0; i < mask.length; ) {
    if (!mask[i]) { i++; continue; }
    let j = i;
    while (j + 1 < mask.length && mask[j + 1]) j++;
    const first = analysed.tokens[i];
    const last = analysed.tokens[j];
    spans.push({ startLine: first.startLine, startCol: first.startCol, endLine: last.endLine, endCol: last.endCol });
    i = j + 1;
  }
  return mergeSpans(spans);
}

/** One side's files with their fragment ranges and starter regions. */
export function buildFileViews(
  files: readonly SourceFile[],
  fragments: readonly (Fragment & { fragment: number })[],
  side: 'a' | 'b',
  starterHashes: ReadonlySet<number>,
  analyze: FileAnalyzer,
): FileView[] {
  return files.map((file) => {
    const analysed = analyze(file);
    const ranges = fragments
      .filter((f) => (side === 'a' ? f.fileA : f.fileB) === file.name)
      .map((f) => ({ fragment: f.fragment, ...pickSpan(side === 'a' ? f.a : f.b) }));
    return { name: file.name, language: analysed.language, content: file.content, fragments: ranges, starter: findStarterRegions(analysed, starterHashes) };
  });
}

function pickSpan(s: Span): Span {
  return { startLine: s.startLine, startCol: s.startCol, endLine: s.endLine, endCol: s.endCol };
}

export type FilePair = [SourceFile | null, SourceFile | null];

interface BigramProfile { text: string; bigrams: Map<number, number>; count: number }

/** A file's character bigrams without whitespace, counted once rather than once per comparison. */
function profileOf(file: SourceFile): BigramProfile {
  const text = file.content.slice(0, MATCH_PREFIX_CHARS).replace(/\s+/g, '');
  const bigrams = new Map<number, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const key = text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1);
    bigrams.set(key, (bigrams.get(key) ?? 0) + 1);
  }
  return { text, bigrams, count: Math.max(0, text.length - 1) };
}

/** Sørensen–Dice over bigrams, the score string-similarity's compareTwoStrings gives. */
function compareProfiles(x: BigramProfile, y: BigramProfile): number {
  if (x.text === y.text) return 1;
  if (x.count === 0 || y.count === 0) return 0;
  const [small, large] = x.bigrams.size <= y.bigrams.size ? [x, y] : [y, x];
  let shared = 0;
  for (const [key, n] of small.bigrams) shared += Math.min(n, large.bigrams.get(key) ?? 0);
  return (2 * shared) / (x.count + y.count);
}

/**
 * Pairs files by name, then by content similarity (best pairs first) among the first
 * `maxMatched` files of each side left over; those found no partner are paired with nothing.
 * Files beyond `maxMatched` were never compared, so they are `unmatched`, not unpaired: a
 * partner may exist. Every file of both sides appears exactly once.
 */
export function pairFiles(
  a: readonly SourceFile[],
  b: readonly SourceFile[],
  maxMatched = DIFF_LIMITS.maxMatchedFiles,
): { pairs: FilePair[]; unmatched: FilePair[] } {
  const pairs: FilePair[] = [];
  const byName = new Map(b.map((f) => [f.name, f]));
  const restA = a.filter((f) => {
    const twin = byName.get(f.name);
    if (!twin) return true;
    pairs.push([f, twin]);
    byName.delete(f.name);
    return false;
  });
  const restB = [...byName.values()];
  const [matchA, matchB] = [restA.slice(0, maxMatched), restB.slice(0, maxMatched)];
  const profilesB = matchB.map(profileOf);
  const candidates = matchA.flatMap((fa) => {
    const profileA = profileOf(fa);
    return matchB.map((fb, j) => ({ fa, fb, score: compareProfiles(profileA, profilesB[j]) }));
  });
  candidates.sort((x, y) => y.score - x.score);
  const used = new Set<SourceFile>();
  for (const c of candidates) {
    if (used.has(c.fa) || used.has(c.fb)) continue;
    used.add(c.fa).add(c.fb);
    pairs.push([c.fa, c.fb]);
  }
  for (const f of matchA) if (!used.has(f)) pairs.push([f, null]);
  for (const f of matchB) if (!used.has(f)) pairs.push([null, f]);
  const unmatched: FilePair[] = [
    ...restA.slice(maxMatched).map((f): FilePair => [f, null]),
    ...restB.slice(maxMatched).map((f): FilePair => [null, f]),
  ];
  return { pairs, unmatched };
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function leaveOut([fa, fb]: FilePair, omitted: DiffOmission): DiffView {
  return { fileA: fa?.name ?? null, fileB: fb?.name ?? null, patch: null, omitted };
}

/**
 * A unified diff per paired file, within `limits`, in pairFiles' order; a diff left out has a
 * null patch and the reason. Files pairFiles never compared are listed as too_many_files.
 */
export function buildDiffs(a: readonly SourceFile[], b: readonly SourceFile[], limits: DiffLimits = DIFF_LIMITS): DiffView[] {
  const deadline = Date.now() + limits.timeBudgetMs;
  const spent = { diffs: 0, lines: 0 };
  const { pairs, unmatched } = pairFiles(a, b, limits.maxMatchedFiles);
  const diffs = pairs.map((pair): DiffView => {
    const [fa, fb] = pair;
    const [linesA, linesB] = pair.map((f) => (f ? countLines(f.content) : 0));
    const tooLarge = (f: SourceFile | null, lines: number) => !!f && (f.content.length > limits.maxFileChars || lines > limits.maxFileLines);
    if (tooLarge(fa, linesA) || tooLarge(fb, linesB)) return leaveOut(pair, 'file_too_large');
    if (spent.diffs >= limits.maxDiffs || spent.lines + linesA + linesB > limits.maxDiffLines) return leaveOut(pair, 'too_many_files');
    spent.diffs++;
    spent.lines += linesA + linesB;
    const names = { fileA: fa?.name ?? null, fileB: fb?.name ?? null };
    const oldName = fa ? `a/${fa.name}` : '/dev/null';
    const newName = fb ? `b/${fb.name}` : '/dev/null';
    // Against /dev/null the edit script is the whole file, found in linear time: maxEditLength
    // would only refuse a long file that costs nothing to show.
    if (!fa || !fb) return { ...names, patch: createTwoFilesPatch(oldName, newName, fa?.content ?? '', fb?.content ?? ''), omitted: null };
    const remaining = deadline - Date.now();
    if (remaining <= 0) return leaveOut(pair, 'timeout');
    const patch = createTwoFilesPatch(oldName, newName, fa.content, fb.content, undefined, undefined, { maxEditLength: limits.maxEditLines, timeout: remaining });
    if (patch === undefined) return leaveOut(pair, Date.now() > deadline ? 'timeout' : 'too_many_changes');
    return { ...names, patch, omitted: null };
  });
  return [...diffs, ...unmatched.map((pair) => leaveOut(pair, 'too_many_files'))];
}

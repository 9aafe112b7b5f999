import { createTwoFilesPatch } from 'diff';
import stringSimilarity from 'string-similarity';
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

export interface DiffView {
  fileA: string | null;
  fileB: string | null;
  patch: string;
}

// string-similarity is quadratic-free but still walks every bigram; a prefix is enough to pick a partner.
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

/**
 * Pairs files by name, then the rest by content similarity (best pairs first); files left over
 * are diffed against nothing, so every file of both sides appears in exactly one diff.
 */
export function pairFiles(a: readonly SourceFile[], b: readonly SourceFile[]): [SourceFile | null, SourceFile | null][] {
  const pairs: [SourceFile | null, SourceFile | null][] = [];
  const byName = new Map(b.map((f) => [f.name, f]));
  const restA = a.filter((f) => {
    const twin = byName.get(f.name);
    if (!twin) return true;
    pairs.push([f, twin]);
    byName.delete(f.name);
    return false;
  });
  const restB = [...byName.values()];
  const candidates = restA.flatMap((fa) =>
    restB.map((fb) => ({ fa, fb, score: stringSimilarity.compareTwoStrings(fa.content.slice(0, MATCH_PREFIX_CHARS), fb.content.slice(0, MATCH_PREFIX_CHARS)) })),
  );
  candidates.sort((x, y) => y.score - x.score);
  const used = new Set<SourceFile>();
  for (const c of candidates) {
    if (used.has(c.fa) || used.has(c.fb)) continue;
    used.add(c.fa).add(c.fb);
    pairs.push([c.fa, c.fb]);
  }
  for (const f of restA) if (!used.has(f)) pairs.push([f, null]);
  for (const f of restB) if (!used.has(f)) pairs.push([null, f]);
  return pairs;
}

export function buildDiffs(a: readonly SourceFile[], b: readonly SourceFile[]): DiffView[] {
  return pairFiles(a, b).map(([fa, fb]) => ({
    fileA: fa?.name ?? null,
    fileB: fb?.name ?? null,
    patch: createTwoFilesPatch(fa ? `a/${fa.name}` : '/dev/null', fb ? `b/${fb.name}` : '/dev/null', fa?.content ?? '', fb?.content ?? ''),
  }));
}

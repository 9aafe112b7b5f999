import { findAssignmentScope, findPairRecord, loadStarterFiles, loadSubmissionFiles, type PairSide } from '@crosscheck/db';
import { MAX_FRAGMENTS, analyzeFile, starterHashes, type Fragment, type SourceFile, type Span } from '@crosscheck/similarity';
import type { AppDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { buildDiffs, buildFileViews, numberFragments, type FileAnalyzer } from './pair-view.js';
import { presentPairRow, presentStudent, type Visible } from './present.js';

const analyze: FileAnalyzer = (file) => analyzeFile(file);

function isSpan(v: unknown): v is Span {
  const s = v as Span | null;
  return !!s && [s.startLine, s.startCol, s.endLine, s.endCol].every(Number.isInteger);
}

/** Stored fragments are the worker's JSON: anything malformed is left out rather than shown wrong. */
function readFragments(raw: readonly unknown[]): Fragment[] {
  return raw.filter((v): v is Fragment => {
    const f = v as Fragment | null;
    return !!f && typeof f.fileA === 'string' && typeof f.fileB === 'string' && isSpan(f.a) && isSpan(f.b) && Number.isInteger(f.tokens);
  });
}

/**
 * One pair as a viewer needs it: scores and verdict, both sides' files with numbered fragments
 * (the MAX_FRAGMENTS longest, with how many there are in all) and starter regions, and a diff
 * per paired file. A side the caller has no role for (the other
 * classroom of a cross-classroom pair) keeps its ids but loses its name, files, fragment
 * positions and diffs.
 */
export async function loadPairDetail(deps: AppDeps, pairId: number, visible: Visible) {
  const pair = await findPairRecord(deps.pool, pairId);
  if (!pair) throw new NotFoundError();
  const show = { a: visible.has(pair.a.classroomId), b: visible.has(pair.b.classroomId) };
  const shownIds = [show.a ? pair.a.submissionId : 0, show.b ? pair.b.submissionId : 0].filter((id) => id > 0);
  const files = await loadSubmissionFiles(deps.pool, shownIds);
  const filesOf = (side: PairSide): SourceFile[] => (files.get(side.submissionId) ?? []).map((f) => ({ name: f.name, content: f.content }));

  // The engine leaves out the starter code of the pair's whole scope (every assignment of its
  // group), so the viewer marks the same regions.
  const scope = await findAssignmentScope(deps.pool, pair.assignmentId);
  const starter = starterHashes(await loadStarterFiles(deps.pool, scope.assignmentIds));

  // The engine keeps a pair's MAX_FRAGMENTS longest; a pair stored before that cap can hold tens
  // of thousands (a 90,000-fragment pair answered 18.5 MB), so the response stops there too.
  const stored = readFragments(pair.fragments);
  const fragments = numberFragments(stored).slice(0, MAX_FRAGMENTS);
  const describeSide = (side: PairSide, key: 'a' | 'b') => ({
    student: presentStudent(side, visible),
    submissionId: side.submissionId,
    assignmentId: side.assignmentId,
    ...(show[key] ? { files: buildFileViews(filesOf(side), fragments, key, starter, analyze) } : {}),
  });

  return {
    ...presentPairRow(pair, visible),
    verdictBy: pair.verdictBy,
    dismissedSimilarity: pair.dismissedSimilarity,
    a: describeSide(pair.a, 'a'),
    b: describeSide(pair.b, 'b'),
    fragments: fragments.map((f) => ({
      fragment: f.fragment,
      tokens: f.tokens,
      fileA: show.a ? f.fileA : null,
      fileB: show.b ? f.fileB : null,
    })),
    fragmentsTotal: stored.length,
    diffs: show.a && show.b ? buildDiffs(filesOf(pair.a), filesOf(pair.b)) : [],
  };
}

import { Router } from 'express';
import {
  findPairRecord, listAllAssignmentPairs, listAssignmentPairs, listFlaggedPairs, setPairVerdict,
  findAssignmentRecord, type PairSort,
} from '@crosscheck/db';
import type { AppDeps } from '../deps.js';
import { authenticate, getTeacher, requireResourceRole } from '../auth.js';
import { NotFoundError } from '../errors.js';
import { DEFAULT_LIMIT, decodeCursor, isPositiveInt, queryAfterCursor, readLimit, toPage } from '../pagination.js';
import { toCsv } from '../review/csv.js';
import { loadPairDetail } from '../review/pair-detail.js';
import { EXPORT_COLUMNS, loadVisibleClassrooms, presentPairRow, presentStudent, toExportCells } from '../review/present.js';
import { findCopyRings, type CopyRing } from '../review/rings.js';
import { PairListQuery, VerdictInput } from '../review/schemas.js';
import { parseInput } from '../review/validate.js';
import { parseJsonBody } from '../input.js';

type PairCursor = [PairSort, number | string, number];

/** A ring's place in findCopyRings' order: its size, then its smallest student id (rings never share a student). */
type RingCursor = [size: number, firstStudent: number];

function isRingCursor(v: unknown): v is RingCursor {
  return Array.isArray(v) && v.length === 2 && isPositiveInt(v[0]) && isPositiveInt(v[1]);
}

function comesAfter(ring: CopyRing, [size, firstStudent]: RingCursor): boolean {
  return ring.students.length < size || (ring.students.length === size && ring.students[0] > firstStudent);
}

function isPairCursor(sort: PairSort) {
  return (v: unknown): v is PairCursor =>
    Array.isArray(v) && v.length === 3 && v[0] === sort &&
    (typeof v[1] === 'number' || (sort === 'newest' && typeof v[1] === 'string' && v[1].length <= 64)) &&
    Number.isSafeInteger(v[2]);
}

/** Pairs of an assignment, one pair with its evidence, verdicts, copy rings and exports. */
export function createReviewPairsRouter(deps: AppDeps): Router {
  const router = Router();
  const auth = authenticate(deps);
  const json = parseJsonBody('64kb');
  const requireAssignment = (teacherId: number, rawId: unknown) =>
    requireResourceRole(deps, teacherId, 'assignment', rawId, 'assistant');

  router.get('/assignments/:id/pairs', auth, async (req, res) => {
    const teacher = getTeacher(res);
    const { id } = await requireAssignment(teacher.id, req.params.id);
    const { cursor, limit = DEFAULT_LIMIT, ...filters } = parseInput(PairListQuery, req.query, 'query');
    const after = decodeCursor(cursor, isPairCursor(filters.sort));
    const rows = await queryAfterCursor(after, () => listAssignmentPairs(deps.pool, id, {
      sort: filters.sort,
      flagged: filters.flagged === undefined ? undefined : filters.flagged === 'true',
      verdict: filters.verdict,
      minSimilarity: filters.minSimilarity,
      limit: limit + 1,
      after: after && { value: after[1], id: after[2] },
    }));
    const visible = await loadVisibleClassrooms(deps, teacher.id, rows.flatMap((r) => [r.a.classroomId, r.b.classroomId]));
    res.json(toPage(rows, limit, (r): PairCursor => [filters.sort, r.sortValue, r.id], (r) => presentPairRow(r, visible)));
  });

  router.get('/pairs/:id', auth, async (req, res) => {
    const access = await requireResourceRole(deps, getTeacher(res).id, 'pair', req.params.id, 'assistant');
    const visible = new Set(access.classrooms.filter((c) => c.role !== null).map((c) => c.classroomId));
    res.json(await loadPairDetail(deps, access.id, visible));
  });

  router.put('/pairs/:id/verdict', auth, json, async (req, res) => {
    const teacher = getTeacher(res);
    const access = await requireResourceRole(deps, teacher.id, 'pair', req.params.id, 'assistant');
    const input = parseInput(VerdictInput, req.body, 'body');
    const updated = await setPairVerdict(deps.pool, access.id, { verdict: input.verdict, note: input.note ?? null, teacherId: teacher.id });
    const pair = updated ? await findPairRecord(deps.pool, access.id) : null;
    if (!pair) throw new NotFoundError();
    const visible = new Set(access.classrooms.filter((c) => c.role !== null).map((c) => c.classroomId));
    res.json({ ...presentPairRow(pair, visible), verdictBy: pair.verdictBy, dismissedSimilarity: pair.dismissedSimilarity });
  });

  router.get('/assignments/:id/rings', auth, async (req, res) => {
    const teacher = getTeacher(res);
    const { id } = await requireAssignment(teacher.id, req.params.id);
    const limit = readLimit(req.query.limit);
    const after = decodeCursor(req.query.cursor, isRingCursor);
    // A ring is a connected component of all the flagged pairs, so every page finds them all and
    // keeps the ones after the cursor, in findCopyRings' order.
    const pairs = await listFlaggedPairs(deps.pool, id);
    const sides = new Map(pairs.flatMap((p) => [[p.a.studentId, p.a], [p.b.studentId, p.b]] as const));
    const rings = findCopyRings(pairs.map((p) => ({ pairId: p.id, studentA: p.a.studentId, studentB: p.b.studentId })))
      .filter((r) => !after || comesAfter(r, after))
      .slice(0, limit + 1);
    const visible = await loadVisibleClassrooms(deps, teacher.id, rings.flatMap((r) => r.students.map((s) => sides.get(s)!.classroomId)));
    res.json(toPage(rings, limit, (r): RingCursor => [r.students.length, r.students[0]], (r) => ({
      size: r.students.length,
      students: r.students.map((s) => presentStudent(sides.get(s)!, visible)),
      pairIds: r.pairIds,
    })));
  });

  const loadExport = async (teacherId: number, rawId: unknown) => {
    const { id } = await requireAssignment(teacherId, rawId);
    const assignment = await findAssignmentRecord(deps.pool, id);
    if (!assignment) throw new NotFoundError();
    const pairs = await listAllAssignmentPairs(deps.pool, id);
    const visible = await loadVisibleClassrooms(deps, teacherId, pairs.flatMap((p) => [p.a.classroomId, p.b.classroomId]));
    return { assignment, pairs, visible };
  };

  router.get('/assignments/:id/export.json', auth, async (req, res) => {
    const { assignment, pairs, visible } = await loadExport(getTeacher(res).id, req.params.id);
    res.setHeader('content-disposition', `attachment; filename="assignment-${assignment.id}-pairs.json"`);
    res.json({
      assignment: { id: assignment.id, name: assignment.name },
      exportedAt: new Date(),
      pairs: pairs.map((p) => presentPairRow(p, visible)),
    });
  });

  router.get('/assignments/:id/export.csv', auth, async (req, res) => {
    const { assignment, pairs, visible } = await loadExport(getTeacher(res).id, req.params.id);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="assignment-${assignment.id}-pairs.csv"`);
    res.send(toCsv(EXPORT_COLUMNS, pairs.map((p) => toExportCells(p, visible))));
  });

  return router;
}

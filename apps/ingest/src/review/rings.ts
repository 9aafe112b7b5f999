/** An edge of the flagged-pair graph: two students joined by one flagged pair. */
export interface RingEdge {
  pairId: number;
  studentA: number;
  studentB: number;
}

export interface CopyRing {
  /** Student ids, ascending. */
  students: number[];
  /** Pair ids, ascending. */
  pairIds: number[];
}

/**
 * Copy rings: the connected components of students joined by flagged pairs, largest first
 * (ties by smallest student id, so the order is stable). Union-find with path halving keeps
 * this linear in the number of flagged pairs.
 */
export function findCopyRings(edges: readonly RingEdge[]): CopyRing[] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== root) {
      const up = parent.get(parent.get(root)!)!;
      parent.set(root, up);
      root = up;
    }
    return root;
  };
  for (const e of edges) {
    for (const s of [e.studentA, e.studentB]) if (!parent.has(s)) parent.set(s, s);
    const ra = find(e.studentA);
    const rb = find(e.studentB);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const rings = new Map<number, CopyRing>();
  const ringOf = (student: number): CopyRing => {
    const root = find(student);
    let ring = rings.get(root);
    if (!ring) rings.set(root, (ring = { students: [], pairIds: [] }));
    return ring;
  };
  for (const student of parent.keys()) ringOf(student).students.push(student);
  for (const e of edges) ringOf(e.studentA).pairIds.push(e.pairId);
  const all = [...rings.values()];
  for (const r of all) {
    r.students.sort((a, b) => a - b);
    r.pairIds.sort((a, b) => a - b);
  }
  return all.sort((x, y) => y.students.length - x.students.length || x.students[0] - y.students[0]);
}

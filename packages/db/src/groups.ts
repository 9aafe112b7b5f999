import type { Pool, PoolClient } from './pool.js';
import { withTransaction } from './pool.js';

// Comparison scopes and groups. An assignment on its own is its own scope; linked into a
// comparison group, its scope is every assignment of the group (DESIGN 5).

export type GroupLinkKind = 'active' | 'reference';

export interface ComparisonScope {
  /** Stable name for debouncing and logs: `a<assignment id>` or `g<group id>`. */
  key: string;
  groupId: number | null;
  /** Every assignment of the scope, sorted. */
  assignmentIds: number[];
  /** The assignments whose submissions are compared both ways (all of them without a group). */
  activeIds: number[];
}

export interface ComparisonGroup {
  id: number;
  ownerTeacherId: number | null;
  createdAt: Date;
  assignments: { id: number; kind: GroupLinkKind; classroomId: number; name: string }[];
}

export async function findAssignmentScope(db: Pool | PoolClient, assignmentId: number): Promise<ComparisonScope> {
  const { rows } = await db.query<{ group_id: number; assignment_id: number; kind: GroupLinkKind }>(
    `SELECT m.group_id, m.assignment_id, m.kind
       FROM comparison_group_assignments g
       JOIN comparison_group_assignments m ON m.group_id = g.group_id
      WHERE g.assignment_id = $1
      ORDER BY m.assignment_id`,
    [assignmentId],
  );
  if (rows.length === 0) return { key: `a${assignmentId}`, groupId: null, assignmentIds: [assignmentId], activeIds: [assignmentId] };
  return {
    key: `g${rows[0].group_id}`,
    groupId: rows[0].group_id,
    assignmentIds: rows.map((r) => r.assignment_id),
    activeIds: rows.filter((r) => r.kind === 'active').map((r) => r.assignment_id),
  };
}

export interface AssignmentRole {
  assignmentId: number;
  classroomId: number;
  /** The teacher's role in the assignment's classroom; null: none. */
  role: 'owner' | 'assistant' | null;
}

/** Each existing assignment among `ids` with the teacher's role in its classroom (missing ones are left out). */
export async function findAssignmentRoles(pool: Pool, teacherId: number, ids: number[]): Promise<AssignmentRole[]> {
  const { rows } = await pool.query(
    `SELECT a.id, a.classroom_id, m.role
       FROM assignments a
       LEFT JOIN classroom_members m ON m.classroom_id = a.classroom_id AND m.teacher_id = $2
      WHERE a.id = ANY($1::bigint[])
      ORDER BY a.id`,
    [ids, teacherId],
  );
  return rows.map((r) => ({ assignmentId: r.id, classroomId: r.classroom_id, role: r.role }));
}

/** The teacher's role in each classroom of the group's assignments; empty when the group does not exist. */
export async function findGroupRoles(pool: Pool, teacherId: number, groupId: number): Promise<AssignmentRole[]> {
  const { rows } = await pool.query(
    `SELECT a.id, a.classroom_id, m.role
       FROM comparison_group_assignments g
       JOIN assignments a ON a.id = g.assignment_id
       LEFT JOIN classroom_members m ON m.classroom_id = a.classroom_id AND m.teacher_id = $2
      WHERE g.group_id = $1
      ORDER BY a.id`,
    [groupId, teacherId],
  );
  return rows.map((r) => ({ assignmentId: r.id, classroomId: r.classroom_id, role: r.role }));
}

/**
 * Creates a group of these assignments. Returns null, creating nothing, when one of them is
 * already in a group (an assignment belongs to at most one); the unique key on the link makes
 * two racing requests safe.
 */
export async function createComparisonGroup(
  pool: Pool,
  ownerTeacherId: number,
  links: { id: number; kind: GroupLinkKind }[],
): Promise<number | null> {
  try {
    return await withTransaction(pool, async (client) => {
      const group = await client.query<{ id: number }>(
        'INSERT INTO comparison_groups (owner_teacher_id) VALUES ($1) RETURNING id',
        [ownerTeacherId],
      );
      const groupId = group.rows[0].id;
      await client.query(
        `INSERT INTO comparison_group_assignments (assignment_id, group_id, kind)
         SELECT id, $1, kind FROM unnest($2::bigint[], $3::text[]) AS l(id, kind)`,
        [groupId, links.map((l) => l.id), links.map((l) => l.kind)],
      );
      return groupId;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return null;
    throw err;
  }
}

export async function findComparisonGroup(pool: Pool, groupId: number): Promise<ComparisonGroup | null> {
  const group = await pool.query<{ id: number; owner_teacher_id: number | null; created_at: Date }>(
    'SELECT id, owner_teacher_id, created_at FROM comparison_groups WHERE id = $1',
    [groupId],
  );
  const g = group.rows[0];
  if (!g) return null;
  const links = await pool.query<{ id: number; kind: GroupLinkKind; classroom_id: number; name: string }>(
    `SELECT a.id, m.kind, a.classroom_id, a.name
       FROM comparison_group_assignments m JOIN assignments a ON a.id = m.assignment_id
      WHERE m.group_id = $1 ORDER BY a.id`,
    [groupId],
  );
  return {
    id: g.id,
    ownerTeacherId: g.owner_teacher_id,
    createdAt: g.created_at,
    assignments: links.rows.map((r) => ({ id: r.id, kind: r.kind, classroomId: r.classroom_id, name: r.name })),
  };
}

/**
 * Dissolves a group. Pairs joining two different assignments of it belonged to the group's
 * scope only, so they go with it; pairs inside one assignment stay (they are its own scope).
 */
export async function deleteComparisonGroup(pool: Pool, groupId: number): Promise<number[]> {
  return withTransaction(pool, async (client) => {
    const links = await client.query<{ assignment_id: number }>(
      'SELECT assignment_id FROM comparison_group_assignments WHERE group_id = $1',
      [groupId],
    );
    const ids = links.rows.map((r) => r.assignment_id);
    await client.query(
      `DELETE FROM pairs p
        USING submissions xa, submissions xb
        WHERE p.assignment_id = ANY($1::bigint[])
          AND xa.id = p.submission_a AND xb.id = p.submission_b
          AND xa.assignment_id <> xb.assignment_id`,
      [ids],
    );
    await client.query('DELETE FROM comparison_groups WHERE id = $1', [groupId]);
    return ids;
  });
}

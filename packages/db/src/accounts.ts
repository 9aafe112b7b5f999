import type { Pool, PoolClient } from './pool.js';
import { generateToken, hashSecret } from './hashing.js';
import { withTransaction } from './pool.js';

// Teachers, their API tokens and their roles in classrooms.

export type ClassroomRole = 'owner' | 'assistant';

export interface TokenOwner {
  teacherId: number;
  tokenId: number;
  isAdmin: boolean;
}

export interface TokenInfo {
  id: number;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface Teacher {
  id: number;
  name: string;
  email: string | null;
  isAdmin: boolean;
  createdAt: Date;
}

export async function createTeacher(
  db: Pool | PoolClient,
  input: { name: string; email?: string | null; isAdmin?: boolean },
): Promise<{ id: number }> {
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO teachers (name, email, is_admin) VALUES ($1, $2, $3) RETURNING id',
    [input.name, input.email ?? null, input.isAdmin ?? false],
  );
  return { id: rows[0].id };
}

export async function getTeacher(db: Pool | PoolClient, teacherId: number): Promise<Teacher | null> {
  const { rows } = await db.query(
    'SELECT id, name, email, is_admin, created_at FROM teachers WHERE id = $1',
    [teacherId],
  );
  if (!rows[0]) return null;
  const r = rows[0];
  return { id: r.id, name: r.name, email: r.email, isAdmin: r.is_admin, createdAt: r.created_at };
}

/** Mints a token; only its HMAC is stored, so the returned token is the one chance to see it. */
export async function issueToken(
  db: Pool | PoolClient,
  pepper: string,
  teacherId: number,
  label = '',
): Promise<{ id: number; token: string }> {
  const token = generateToken();
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO api_tokens (teacher_id, token_hash, label) VALUES ($1, $2, $3) RETURNING id',
    [teacherId, hashSecret(pepper, token), label],
  );
  return { id: rows[0].id, token };
}

/**
 * Resolves a bearer token to its teacher; revoked or unknown tokens give null. last_used_at is
 * written at most once a minute so that busy clients do not turn every read into a row update.
 */
export async function findTeacherByToken(db: Pool | PoolClient, pepper: string, token: string): Promise<TokenOwner | null> {
  const { rows } = await db.query<{ token_id: number; teacher_id: number; is_admin: boolean }>(
    `WITH found AS (
       SELECT t.id AS token_id, t.teacher_id, te.is_admin, t.last_used_at
         FROM api_tokens t JOIN teachers te ON te.id = t.teacher_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL
     ), touched AS (
       UPDATE api_tokens SET last_used_at = now()
         FROM found
        WHERE api_tokens.id = found.token_id
          AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
     )
     SELECT token_id, teacher_id, is_admin FROM found`,
    [hashSecret(pepper, token)],
  );
  const r = rows[0];
  return r ? { teacherId: r.teacher_id, tokenId: r.token_id, isAdmin: r.is_admin } : null;
}

/** The caller's own tokens, newest first; never the token itself (only its hash exists). */
/** A page of the teacher's tokens, newest first: ids below `beforeId` when given. */
export async function listTokens(
  db: Pool | PoolClient,
  teacherId: number,
  page: { beforeId?: number; limit: number },
): Promise<TokenInfo[]> {
  const { rows } = await db.query(
    `SELECT id, label, created_at, last_used_at, revoked_at FROM api_tokens
      WHERE teacher_id = $1 AND ($2::bigint IS NULL OR id < $2)
      ORDER BY id DESC
      LIMIT $3`,
    [teacherId, page.beforeId ?? null, page.limit],
  );
  return rows.map((r) => ({ id: r.id, label: r.label, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

/** Revokes one of the teacher's own tokens; false when it is not theirs (or does not exist). */
export async function revokeToken(db: Pool | PoolClient, teacherId: number, tokenId: number): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND teacher_id = $2',
    [tokenId, teacherId],
  );
  return (rowCount ?? 0) > 0;
}

export async function getClassroomRole(
  db: Pool | PoolClient,
  teacherId: number,
  classroomId: number,
): Promise<ClassroomRole | null> {
  const { rows } = await db.query<{ role: ClassroomRole }>(
    'SELECT role FROM classroom_members WHERE classroom_id = $1 AND teacher_id = $2',
    [classroomId, teacherId],
  );
  return rows[0]?.role ?? null;
}

export type ResourceKind = 'classroom' | 'assignment' | 'submission' | 'pair' | 'student';

// Each resource's classroom(s). A pair can join two classrooms (comparison groups), one row per side.
const RESOURCE_CLASSROOMS: Record<ResourceKind, string> = {
  classroom: 'SELECT id AS classroom_id FROM classrooms WHERE id = $1',
  assignment: 'SELECT classroom_id FROM assignments WHERE id = $1',
  submission: 'SELECT classroom_id FROM submissions WHERE id = $1',
  student: 'SELECT classroom_id FROM students WHERE id = $1',
  pair: `SELECT DISTINCT s.classroom_id FROM pairs p
           JOIN submissions s ON s.id = p.submission_a OR s.id = p.submission_b
          WHERE p.id = $1`,
};

/**
 * The classroom(s) a resource belongs to and the teacher's role in each (null: no role), in
 * one query. An empty list means the resource does not exist.
 */
export async function findResourceRoles(
  db: Pool | PoolClient,
  teacherId: number,
  kind: ResourceKind,
  id: number,
): Promise<{ classroomId: number; role: ClassroomRole | null }[]> {
  const { rows } = await db.query<{ classroom_id: number; role: ClassroomRole | null }>(
    `SELECT r.classroom_id, m.role
       FROM (${RESOURCE_CLASSROOMS[kind]}) r
       LEFT JOIN classroom_members m ON m.classroom_id = r.classroom_id AND m.teacher_id = $2
      ORDER BY r.classroom_id`,
    [id, teacherId],
  );
  return rows.map((r) => ({ classroomId: r.classroom_id, role: r.role }));
}

export interface Member {
  teacherId: number;
  name: string;
  email: string | null;
  role: ClassroomRole;
  createdAt: Date;
}

/** Where a member sorts in listMembers: owners first, then by teacher id. */
export type MemberKey = [role: ClassroomRole, teacherId: number];

/** A page of a classroom's members, owners first, then by teacher id: after `after` when given. */
export async function listMembers(
  db: Pool | PoolClient,
  classroomId: number,
  page: { after?: MemberKey; limit: number },
): Promise<Member[]> {
  const { rows } = await db.query(
    `SELECT m.teacher_id, t.name, t.email, m.role, m.created_at
       FROM classroom_members m JOIN teachers t ON t.id = m.teacher_id
      WHERE m.classroom_id = $1
        AND ($2::text IS NULL OR ((m.role <> 'owner'), m.teacher_id) > (($2::text <> 'owner'), $3::bigint))
      ORDER BY (m.role <> 'owner'), m.teacher_id
      LIMIT $4`,
    [classroomId, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit],
  );
  return rows.map((r) => ({ teacherId: r.teacher_id, name: r.name, email: r.email, role: r.role, createdAt: r.created_at }));
}

export type MembershipChange = 'added' | 'updated' | 'unchanged' | 'removed' | 'no_teacher' | 'not_member' | 'last_owner';

/**
 * Adds a teacher to a classroom or changes their role. The member rows are locked so two
 * concurrent demotions cannot leave a classroom without an owner.
 */
export async function setMember(pool: Pool, classroomId: number, teacherId: number, role: ClassroomRole): Promise<MembershipChange> {
  return withTransaction(pool, async (client) => {
    const teacher = await client.query('SELECT 1 FROM teachers WHERE id = $1', [teacherId]);
    if (!teacher.rowCount) return 'no_teacher';
    const members = await lockMembers(client, classroomId);
    const current = members.find((m) => m.teacher_id === teacherId);
    if (current?.role === role) return 'unchanged';
    if (current?.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1) return 'last_owner';
    await client.query(
      `INSERT INTO classroom_members (classroom_id, teacher_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (classroom_id, teacher_id) DO UPDATE SET role = EXCLUDED.role`,
      [classroomId, teacherId, role],
    );
    return current ? 'updated' : 'added';
  });
}

/** Removes a member; never the last owner, or nobody could manage the classroom again. */
export async function removeMember(pool: Pool, classroomId: number, teacherId: number): Promise<MembershipChange> {
  return withTransaction(pool, async (client) => {
    const members = await lockMembers(client, classroomId);
    const current = members.find((m) => m.teacher_id === teacherId);
    if (!current) return 'not_member';
    if (current.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1) return 'last_owner';
    await client.query('DELETE FROM classroom_members WHERE classroom_id = $1 AND teacher_id = $2', [classroomId, teacherId]);
    return 'removed';
  });
}

async function lockMembers(client: PoolClient, classroomId: number): Promise<{ teacher_id: number; role: ClassroomRole }[]> {
  // Locking the classroom row serialises membership changes, including inserts of new members.
  await client.query('SELECT 1 FROM classrooms WHERE id = $1 FOR UPDATE', [classroomId]);
  const { rows } = await client.query<{ teacher_id: number; role: ClassroomRole }>(
    'SELECT teacher_id, role FROM classroom_members WHERE classroom_id = $1',
    [classroomId],
  );
  return rows;
}

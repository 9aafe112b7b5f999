import type { Pool, PoolClient } from './pool.js';
import { withTransaction } from './pool.js';
import { hashSecret } from './hashing.js';
import { createTeacher, issueToken } from './accounts.js';

// The webhook's view of a classroom (its secrets) and registration, shared by the CLI and the admin API.

export interface ClassroomSecrets {
  id: number;
  secretHash: string;
  /** The replaced secret's hash while its grace period lasts, else null. */
  previousSecretHash: string | null;
  /** The platform's id of this classroom: given at creation, or learned from the first authentic delivery. */
  platformId: number | null;
}

export async function findClassroomSecrets(db: Pool | PoolClient, classroomId: number): Promise<ClassroomSecrets | null> {
  const { rows } = await db.query<{ id: number; secret_hash: string; previous_secret_hash: string | null; platform_id: string | null }>(
    `SELECT id, secret_hash, platform_id,
            CASE WHEN previous_secret_expires_at > now() THEN previous_secret_hash END AS previous_secret_hash
       FROM classrooms WHERE id = $1`,
    [classroomId],
  );
  const r = rows[0];
  return r
    ? { id: r.id, secretHash: r.secret_hash, previousSecretHash: r.previous_secret_hash, platformId: r.platform_id === null ? null : Number(r.platform_id) }
    : null;
}

/**
 * Records the platform's classroom id from a delivery whose secret matched, once: later
 * deliveries with an unknown secret are quarantined only if they name the same classroom.
 */
export async function rememberClassroomPlatformId(db: Pool | PoolClient, classroomId: number, platformId: number): Promise<void> {
  await db.query('UPDATE classrooms SET platform_id = $2 WHERE id = $1 AND platform_id IS NULL', [classroomId, platformId]);
}

export interface RegisterClassroomInput {
  name: string;
  secret: string;
  teacherName?: string;
  teacherEmail?: string | null;
}

export interface RegisteredClassroom {
  classroomId: number;
  teacherId: number;
  apiToken: string;
}

/**
 * Creates a classroom, its owner (a new teacher account) and that teacher's first API token in
 * one transaction, so a failure never leaves a classroom nobody can reach. The token is returned
 * once; only its HMAC is stored, like the secret's.
 */
export async function registerClassroom(pool: Pool, pepper: string, input: RegisterClassroomInput): Promise<RegisteredClassroom> {
  return withTransaction(pool, async (client) => {
    const teacher = await createTeacher(client, {
      name: input.teacherName?.trim() || `${input.name.trim()} owner`,
      email: input.teacherEmail?.trim() || null,
    });
    const { rows } = await client.query<{ id: number }>(
      'INSERT INTO classrooms (name, secret_hash) VALUES ($1, $2) RETURNING id',
      [input.name.trim(), hashSecret(pepper, input.secret)],
    );
    const classroomId = rows[0].id;
    await client.query("INSERT INTO classroom_members (classroom_id, teacher_id, role) VALUES ($1, $2, 'owner')", [
      classroomId,
      teacher.id,
    ]);
    const token = await issueToken(client, pepper, teacher.id, `classroom ${classroomId}`);
    return { classroomId, teacherId: teacher.id, apiToken: token.token };
  });
}

/** Creates a teacher account and its first API token together (the admin API's POST /admin/teachers). */
export async function registerTeacher(
  pool: Pool,
  pepper: string,
  input: { name: string; email?: string | null; isAdmin?: boolean },
): Promise<{ teacherId: number; apiToken: string }> {
  return withTransaction(pool, async (client) => {
    const teacher = await createTeacher(client, { name: input.name.trim(), email: input.email?.trim() || null, isAdmin: input.isAdmin });
    const token = await issueToken(client, pepper, teacher.id, 'created by admin');
    return { teacherId: teacher.id, apiToken: token.token };
  });
}

/** The URL a teacher pastes into the platform's webhook settings. */
export function buildWebhookUrl(publicUrl: string, classroomId: number): string {
  return `${publicUrl.replace(/\/+$/, '')}/webhooks/replit/${classroomId}`;
}

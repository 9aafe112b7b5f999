import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import {
  createClassroomWithOwner, createTeacher, findTeacherByToken, issueToken, removeMember, revokeToken, setMember,
} from './index.js';

const PEPPER = 'accounts-test-pepper-0123456789';
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('findTeacherByToken', () => {
  it('writes last_used_at at most once a minute', async () => {
    const { id } = await createTeacher(db.pool, { name: 'T' });
    const { id: tokenId, token } = await issueToken(db.pool, PEPPER, id);
    const lastUsed = async () => (await db.pool.query('SELECT last_used_at FROM api_tokens WHERE id = $1', [tokenId])).rows[0].last_used_at as Date;

    await db.pool.query("UPDATE api_tokens SET last_used_at = now() - interval '30 seconds' WHERE id = $1", [tokenId]);
    const recent = await lastUsed();
    expect(await findTeacherByToken(db.pool, PEPPER, token)).toEqual({ teacherId: id, tokenId, isAdmin: false });
    expect(await lastUsed()).toEqual(recent);

    await db.pool.query("UPDATE api_tokens SET last_used_at = now() - interval '2 minutes' WHERE id = $1", [tokenId]);
    const stale = await lastUsed();
    await findTeacherByToken(db.pool, PEPPER, token);
    expect((await lastUsed()).getTime()).toBeGreaterThan(stale.getTime() + 60_000);
  });

  it('finds nothing for a revoked token or the right token under another pepper', async () => {
    const { id } = await createTeacher(db.pool, { name: 'R' });
    const { id: tokenId, token } = await issueToken(db.pool, PEPPER, id);
    expect(await findTeacherByToken(db.pool, 'another-pepper-0123456789', token)).toBeNull();
    expect(await revokeToken(db.pool, id + 1000, tokenId)).toBe(false);
    expect(await revokeToken(db.pool, id, tokenId)).toBe(true);
    expect(await findTeacherByToken(db.pool, PEPPER, token)).toBeNull();
  });
});

describe('membership', () => {
  it('keeps one owner when two owners are removed at the same moment', async () => {
    const a = await createTeacher(db.pool, { name: 'A' });
    const b = await createTeacher(db.pool, { name: 'B' });
    const { id: classroomId } = await createClassroomWithOwner(db.pool, PEPPER, { name: 'C', secret: 's', ownerId: a.id });
    expect(await setMember(db.pool, classroomId, b.id, 'owner')).toBe('added');
    const outcomes = await Promise.all([removeMember(db.pool, classroomId, a.id), removeMember(db.pool, classroomId, b.id)]);
    expect(outcomes.sort()).toEqual(['last_owner', 'removed']);
    const owners = await db.pool.query("SELECT count(*)::int AS n FROM classroom_members WHERE classroom_id = $1 AND role = 'owner'", [classroomId]);
    expect(owners.rows[0].n).toBe(1);
  });
});

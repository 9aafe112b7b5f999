import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { upsertPairs } from '@crosscheck/db';
import { MAX_FRAGMENTS, type Fragment } from '@crosscheck/similarity';
import { createApiFixture, type ApiFixture } from '../../../../test/support/api-fixture.js';
import { bearer, deliver } from '../../../../test/support/review-data.js';

// GET /api/pairs/:id lists at most MAX_FRAGMENTS fragments, longest first, and says how many the
// pair has: a pair stored before the engine kept only its longest held 90,000 (18.5 MB to answer).
//
// Fixture: one classroom, two students with one main.py each, and their pair stored directly
// with MAX_FRAGMENTS + 1 fragments of distinct lengths (12 + i tokens, on line i + 1).

let f: ApiFixture;
let token: string;
let pairId: number;

beforeAll(async () => {
  f = await createApiFixture();
  const owner = await f.addTeacher('Owner');
  token = owner.token;
  const classroom = await f.addClassroom(owner.id, 'frag-secret');
  const content = Array.from({ length: MAX_FRAGMENTS + 1 }, (_, i) => `x${i} = ${i}`).join('\n');
  const subs = [];
  for (const n of [1, 2]) subs.push(await deliver(f, classroom, { secret: 'frag-secret', studentId: n, submissionId: 100 + n, content }));
  const { rows } = await f.db.pool.query('SELECT id, student_id, assignment_id FROM submissions WHERE id = ANY($1) ORDER BY student_id', [subs]);
  const span = (line: number) => ({ startLine: line, startCol: 1, endLine: line, endCol: 6 });
  const fragments: Fragment[] = Array.from({ length: MAX_FRAGMENTS + 1 }, (_, i) => ({
    fileA: 'main.py', fileB: 'main.py', a: span(i + 1), b: span(i + 1), tokens: 12 + i,
  }));
  await upsertPairs(f.db.pool, [{
    assignmentId: rows[0].assignment_id, studentA: rows[0].student_id, studentB: rows[1].student_id,
    submissionA: rows[0].id, submissionB: rows[1].id, similarity: 1, weightedSimilarity: 1,
    longestTokens: 12 + MAX_FRAGMENTS, longestLines: 1, overlap: 100, fragments, engineVersion: 'test',
  }]);
  pairId = (await f.db.pool.query('SELECT id FROM pairs')).rows[0].id;
});
afterAll(async () => {
  await f?.close();
});

describe('the fragments of a pair', () => {
  it('are the MAX_FRAGMENTS longest, and the answer says how many there are in all', async () => {
    const res = await request(f.app).get(`/api/pairs/${pairId}`).set(...bearer(token)).expect(200);
    expect(res.body.fragmentsTotal).toBe(MAX_FRAGMENTS + 1);
    expect(res.body.fragments).toHaveLength(MAX_FRAGMENTS);
    expect(res.body.fragments[0]).toEqual({ fragment: 1, tokens: 12 + MAX_FRAGMENTS, fileA: 'main.py', fileB: 'main.py' });
    // The shortest (12 tokens, line 1) is the one left out, on both sides.
    expect(res.body.fragments.at(-1).tokens).toBe(13);
    for (const side of [res.body.a, res.body.b]) {
      const ranges = side.files[0].fragments;
      expect(ranges).toHaveLength(MAX_FRAGMENTS);
      expect(ranges.some((r: { startLine: number }) => r.startLine === 1)).toBe(false);
    }
  });

  it('come with the diff of the two files, which is within every limit', async () => {
    const res = await request(f.app).get(`/api/pairs/${pairId}`).set(...bearer(token)).expect(200);
    expect(res.body.diffs).toEqual([{ fileA: 'main.py', fileB: 'main.py', patch: expect.stringContaining('--- a/main.py'), omitted: null }]);
  });
});

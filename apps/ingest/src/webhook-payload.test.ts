import { readFileSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { isIsoDateTime, nestsDeeperThan, parseWebhookPayload, readInstant, readWebhookSecret, redactWebhookBody } from './webhook-payload.js';

// Fixtures (test/fixtures/webhooks): documented = the platform's documented shape, no ids;
// real = integer ids on every object; abandoned = undocumented status; empty-files = files [];
// unknown-fields = extra fields everywhere, an unknown status and an empty file.
const fixture = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/webhooks/${name}.json`, import.meta.url), 'utf8'));

describe('parseWebhookPayload', () => {
  it.each(['documented', 'real', 'abandoned', 'empty-files', 'unknown-fields'])('accepts the %s fixture', (name) => {
    const result = parseWebhookPayload(fixture(name));
    expect(result.ok).toBe(true);
  });

  it('keeps ids, unknown fields and unknown statuses as they come', () => {
    const result = parseWebhookPayload(fixture('unknown-fields'));
    if (!result.ok) throw new Error('expected ok');
    expect(result.payload.submission.status).toBe('returned_for_revision');
    expect(result.payload.student.id).toBe(6100004);
    expect((result.payload.assignment as Record<string, unknown>).rubric).toEqual({ points: 10 });
    expect(result.payload.submission.files[1]).toEqual({ name: 'notes.txt', content: '' });
  });

  it('lists every failing field path', () => {
    const body = fixture('real');
    delete body.submission.time_submitted;
    body.submission.files[0].content = 42;
    body.student.id = 'abc';
    const result = parseWebhookPayload(body);
    if (result.ok) throw new Error('expected failure');
    expect(result.problems.map((p) => p.path).sort()).toEqual(['student.id', 'submission.files.0.content', 'submission.time_submitted']);
  });

  it('requires a way to identify the student and the assignment', () => {
    const body = fixture('documented');
    delete body.student.email;
    body.assignment.name = '   ';
    const result = parseWebhookPayload(body);
    if (result.ok) throw new Error('expected failure');
    expect(result.problems.map((p) => p.path).sort()).toEqual(['assignment.name', 'student.email']);
  });

  it('rejects a date that is not ISO-8601 and duplicate file names', () => {
    const body = fixture('real');
    body.submission.time_submitted = 'yesterday';
    body.submission.files.push({ name: 'main.py', content: 'x' });
    const result = parseWebhookPayload(body);
    if (result.ok) throw new Error('expected failure');
    expect(result.problems.map((p) => p.path).sort()).toEqual(['submission.files.1.name', 'submission.time_submitted']);
  });

  it.each([
    ['a day that does not exist', '2024-02-30T10:00:00Z'],
    ['year 0', '0000-06-01T00:00:00Z'],
    ['a year before 1 once in UTC', '0001-01-01T00:00:00+01:00'],
    ['a year after 9999 once in UTC', '9999-12-31T23:59:59-14:00'],
  ])('rejects %s as time_submitted (Postgres cannot read it back)', (_label, time) => {
    const body = fixture('real');
    body.submission.time_submitted = time;
    const result = parseWebhookPayload(body);
    if (result.ok) throw new Error('expected failure');
    expect(result.problems.map((p) => p.path)).toEqual(['submission.time_submitted']);
  });

  it('accepts real dates at the edges of the range', () => {
    for (const time of ['2024-02-29T10:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2024-01-01 10:00:00+14:00']) {
      expect(isIsoDateTime(time)).toBe(true);
    }
  });

  it('reads a date-time without an offset as UTC, whatever the server time zone', () => {
    // A server away from UTC: Date.parse alone would read the offset-less forms 4 hours later.
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    onTestFinished(() => { if (zone === undefined) delete process.env.TZ; else process.env.TZ = zone; });
    expect(new Date(2024, 2, 12, 10).getTime()).not.toBe(1710237600000);
    // By hand: 2024-03-12T10:00:00Z is 1710237600000 ms after the epoch.
    expect(readInstant('2024-03-12T10:00:00')).toBe(1710237600000);
    expect(readInstant('2024-03-12 10:00:00')).toBe(1710237600000);
    expect(readInstant('2024-03-12T10:00:00Z')).toBe(1710237600000);
    expect(readInstant('2024-03-12T12:00:00+02:00')).toBe(1710237600000);
    expect(readInstant('2024-03-12T05:00:00-0500')).toBe(1710237600000);
    expect(readInstant('2024-03-12T10:00:00.250')).toBe(1710237600250);
  });

  it('takes a quoted id over the whole range of a numeric one, and no further', () => {
    const body = fixture('real');
    body.student.id = String(Number.MAX_SAFE_INTEGER);
    const ok = parseWebhookPayload(body);
    if (!ok.ok) throw new Error('expected ok');
    expect(ok.payload.student.id).toBe(Number.MAX_SAFE_INTEGER);
    body.student.id = '9007199254740992';
    const tooBig = parseWebhookPayload(body);
    expect(tooBig.ok).toBe(false);
  });

  it('names each missing object of an empty body', () => {
    const result = parseWebhookPayload({});
    if (result.ok) throw new Error('expected failure');
    expect(result.problems.map((p) => p.path).sort()).toEqual(['assignment', 'classroom', 'student', 'submission']);
  });

  it('reports a body that is not an object at the root', () => {
    const result = parseWebhookPayload([1, 2]);
    if (result.ok) throw new Error('expected failure');
    expect(result.problems).toEqual([expect.objectContaining({ path: '(body)' })]);
  });
});

describe('readWebhookSecret', () => {
  it('reads only a string secret', () => {
    expect(readWebhookSecret({ classroom: { webhook_secret: 's3' } })).toBe('s3');
    expect(readWebhookSecret({ classroom: { webhook_secret: 123 } })).toBeUndefined();
    expect(readWebhookSecret({ classroom: { webhook_secret: { value: 's3' } } })).toBeUndefined();
    expect(readWebhookSecret({ classroom: 'x' })).toBeUndefined();
    expect(readWebhookSecret(null)).toBeUndefined();
    expect(readWebhookSecret('text')).toBeUndefined();
  });
});

describe('redactWebhookBody', () => {
  it('replaces the secret by its hash and NUL characters by U+FFFD, leaving the input untouched', () => {
    const body = fixture('real');
    body.submission.files[0].content = 'a\u0000b';
    const redacted = redactWebhookBody(body, 'abc123') as Record<string, any>;
    expect(redacted.classroom.webhook_secret).toBeUndefined();
    expect(redacted.classroom.webhook_secret_hash).toBe('abc123');
    expect(redacted.submission.files[0].content).toBe('a\uFFFDb');
    expect(body.classroom.webhook_secret).toBe('fixture-secret-4242');
    expect(JSON.stringify(redacted)).not.toContain('fixture-secret-4242');
  });

  it('replaces unpaired surrogates by U+FFFD, so names Postgres would store alike are reported duplicates', () => {
    const body = fixture('real');
    body.submission.files = [{ name: 'a\uD800.py', content: '"\uDFFF" 😀' }, { name: 'a\uDFFF.py', content: '' }];
    const redacted = redactWebhookBody(body, undefined) as Record<string, any>;
    expect(redacted.submission.files[0]).toEqual({ name: 'a\uFFFD.py', content: '"\uFFFD" 😀' });
    const result = parseWebhookPayload(redacted);
    if (result.ok) throw new Error('expected failure');
    expect(result.problems).toEqual([{ path: 'submission.files.1.name', message: 'duplicate file name' }]);
  });

  it('drops a secret that is not a string without adding a hash', () => {
    const redacted = redactWebhookBody({ classroom: { webhook_secret: { nested: 'x' } } }, undefined) as Record<string, any>;
    expect(redacted).toEqual({ classroom: {} });
  });
});

describe('nestsDeeperThan', () => {
  it('measures a body nested 100,000 deep without overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(nestsDeeperThan(deep, 64)).toBe(true);
    expect(nestsDeeperThan(fixture('unknown-fields'), 64)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1] } }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [[]] } }, 3)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
  });
});

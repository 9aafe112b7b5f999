import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './errors.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('takes connection failures, a server going away and running out of connections', () => {
    for (const err of [
      withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'),
      new AggregateError([withCode('x', 'ECONNREFUSED')]),
      withCode('getaddrinfo ENOTFOUND db.invalid', 'ENOTFOUND'),
      withCode('connect ETIMEDOUT 10.0.0.1:5432', 'ETIMEDOUT'),
      withCode('read ECONNRESET', 'ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      withCode('connection failure', '08006'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('terminating connection due to crash of another server process', '57P02'),
      withCode('the database system is starting up', '57P03'),
      withCode('sorry, too many clients already', '53300'),
      withCode('database "x" does not exist', '3D000'),
    ]) expect({ message: err.message, unavailable: isDatabaseUnavailable(err) }).toEqual({ message: err.message, unavailable: true });
  });

  it('leaves SQL errors and non-errors alone', () => {
    expect(isDatabaseUnavailable(withCode('relation does not exist', '42P01'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('duplicate key', '23505'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('"1e-46" is out of range for type real', '22003'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('canceling statement due to statement timeout', '57014'))).toBe(false);
    expect(isDatabaseUnavailable('text')).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { AssignmentSettingsPatch, StarterFilesInput } from './schemas.js';
import { parseInput } from './validate.js';

function detailsOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).details;
  }
  throw new Error('expected a ValidationError');
}

describe('parseInput', () => {
  it('returns the parsed value', () => {
    expect(parseInput(AssignmentSettingsPatch, { flagThreshold: 0.7 }, 'body')).toEqual({ flagThreshold: 0.7 });
    expect(parseInput(AssignmentSettingsPatch, { minLongest: null }, 'body')).toEqual({ minLongest: null });
  });

  it('names every failing field path, unknown keys included', () => {
    expect(detailsOf(() => parseInput(AssignmentSettingsPatch, { flagThreshold: 1.5, colour: 'red' }, 'body'))).toEqual([
      { path: 'flagThreshold', message: expect.stringContaining('1') },
      { path: 'colour', message: 'unknown field' },
    ]);
    expect(detailsOf(() => parseInput(StarterFilesInput, { files: [{ name: '', content: 'x' }] }, 'body'))).toEqual([
      { path: 'files.0.name', message: expect.any(String) },
    ]);
  });
});

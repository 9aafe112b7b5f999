import type { z } from 'zod';
import { ValidationError } from '../errors.js';

/**
 * Parses a request part with the same zod schema the OpenAPI document describes it with; a failure
 * is a 400 naming every failing field path (`files.0.name`), as the webhook's 400s do.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query'): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    // An unknown key is reported on its parent; name the key itself, as for every other field.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'unknown field' }));
    return [{ path: path.join('.'), message: issue.message }];
  });
  throw new ValidationError(`invalid ${where}`, details);
}

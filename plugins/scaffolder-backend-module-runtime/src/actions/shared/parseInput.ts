import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/**
 * Parses an action's input with its zod schema (the same one the action list shows), applying
 * defaults. A violation is an `InputError` naming each failing field, e.g.
 * `Invalid input: name: must be a DNS label`. Input values are never echoed.
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(issue => {
    const field = issue.path.join('.') || 'input';
    return `${field}: ${issue.message}`;
  });
  throw new InputError(`Invalid input: ${problems.join('; ')}`);
}

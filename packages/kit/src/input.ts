import type { z } from 'zod';
import { badInput } from './errors.js';

export interface ParseInputOptions {
  /** How list positions show in the field's name: `input.tags.1` (the default) or `input.tags[1]`. */
  indexes?: 'segments' | 'brackets';
}

/**
 * Parses an argument with `schema` before anything is written, or throws BAD_USER_INPUT naming
 * the first offending field: `root` (the argument; '' for a field's own arguments) and the path
 * within it, e.g. `input.participants.1.position`.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root = 'input', { indexes = 'segments' }: ParseInputOptions = {}): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.reduce<string>((name, key) => {
    if (typeof key === 'number' && indexes === 'brackets') return `${name}[${key}]`;
    return name ? `${name}.${String(key)}` : String(key);
  }, root);
  throw badInput(field, issue.message);
}

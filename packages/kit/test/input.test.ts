import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { parseInput } from '../src/input.js';

const schema = z.object({ participants: z.array(z.object({ position: z.string().min(1, 'must not be empty') })) });
const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: { code: string; field: string } }).extensions;
  }
  throw new Error('parsed');
};

describe('parseInput', () => {
  it('answers the parsed value', () => {
    expect(parseInput(z.string().trim(), '  tabs ')).toBe('tabs');
  });

  it('names the first offending field after the argument, list positions as segments or subscripts', () => {
    const bad = { participants: [{ position: 'tabs' }, { position: '' }] };
    expect(fieldOf(() => parseInput(schema, bad))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.participants.1.position' });
    expect(fieldOf(() => parseInput(schema, bad, 'input', { indexes: 'brackets' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.participants[1].position' });
    expect(fieldOf(() => parseInput(z.object({ embedding: z.array(z.number()) }), {}, ''))).toEqual({ code: 'BAD_USER_INPUT', field: 'embedding' });
    expect(fieldOf(() => parseInput(z.guid(), 'x', 'id'))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

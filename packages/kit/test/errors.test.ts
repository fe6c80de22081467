import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { conflict, createErrorFormatter } from '../src/errors.js';
import { createLogger } from '../src/logger.js';

const format = createErrorFormatter(createLogger('silent'));

/** What Apollo Server hands formatError for an error a resolver threw without a code. */
const apolloFormatted = (error: Error) => ({ message: error.message, path: ['field'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });

describe('createErrorFormatter', () => {
  it('passes contract errors through, without stack traces', () => {
    const error = conflict('input.name', 'already exists');
    const formatted = format({ message: error.message, extensions: { ...error.extensions, stacktrace: ['at x'] } }, error);
    expect(formatted).toEqual({ message: 'input.name: already exists', extensions: { code: 'CONFLICT', field: 'input.name' } });
  });

  it('hides an unexpected error behind a generic message, even though Apollo marked it INTERNAL_SERVER_ERROR', () => {
    const error = new Error('Invalid `tx.model.create()` invocation in /srv/app/src/file.ts:12:3');
    const formatted = format(apolloFormatted(error), new GraphQLError(error.message, { originalError: error }));
    expect(formatted).toEqual({ message: 'Internal server error', path: ['field'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('maps a unique violation from Prisma to CONFLICT', () => {
    const error = Object.assign(new Error('Unique constraint failed'), { name: 'PrismaClientKnownRequestError', code: 'P2002', meta: { target: ['slug'] } });
    const formatted = format(apolloFormatted(error), new GraphQLError(error.message, { originalError: error }));
    expect(formatted.extensions).toMatchObject({ code: 'CONFLICT', field: 'slug' });
  });
});

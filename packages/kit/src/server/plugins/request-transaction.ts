import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../errors.js';
import type { RequestDb } from '../../db/request-db.js';
import type { Logger } from '../../logger.js';

/**
 * Ends each request's database transaction when its response is ready: a mutation that hit any
 * error rolls back entirely (nothing half-written); everything else commits. A failed commit is
 * reported in the response instead of being lost.
 */
export function requestTransactionPlugin(logger: Logger): ApolloServerPlugin<{ db: RequestDb<unknown>; requestId: string }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          const commit = !(operation?.operation === 'mutation' && errors && errors.length > 0);
          try {
            await contextValue.db.finish(commit);
          } catch (error) {
            logger.error({ err: error, requestId: contextValue.requestId }, 'request transaction failed to end');
            if (body.kind !== 'single') throw error;
            const failure = new GraphQLError('The change could not be saved; nothing was written', {
              extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
              originalError: error as Error,
            });
            body.singleResult.data = operation?.operation === 'mutation' ? null : body.singleResult.data;
            body.singleResult.errors = [...(body.singleResult.errors ?? []), failure.toJSON()];
          }
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { ErrorCode } from '../../errors.js';
import type { RequestDb } from '../../db/request-db.js';
import type { Logger } from '../../logger.js';

/**
 * Whether a root selection set asks, directly or through fragments, for any of `fields`.
 * @skip and @include are not looked at: a writing field skipped only keeps the query on the primary.
 */
function selectsAny(selectionSet: SelectionSetNode, fields: ReadonlySet<string>, document: DocumentNode): boolean {
  return selectionSet.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return fields.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectsAny(selection.selectionSet, fields, document);
    // Validation has already proved the fragment exists (and is not cyclic).
    const fragment = document.definitions.find((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value)!;
    return selectsAny(fragment.selectionSet, fields, document);
  });
}

/**
 * Routes each request's database transaction and ends it when the response is ready.
 *
 * A query runs on the read replica (when one is configured), unless it selects one of
 * `queriesThatWrite` at its root; mutations, and those queries, run on the primary.
 *
 * A mutation that hit any error rolls back entirely (nothing half-written); everything else
 * commits. A failed commit is reported in the response instead of being lost.
 */
export function requestTransactionPlugin(
  logger: Logger,
  queriesThatWrite: readonly string[],
): ApolloServerPlugin<{ db: RequestDb<unknown>; requestId: string }> {
  const writing = new Set(queriesThatWrite);
  return {
    async requestDidStart() {
      return {
        // Resolvers have not run yet, so the request's transaction is not open yet.
        async didResolveOperation({ contextValue, operation, document }) {
          if (operation?.operation === 'query' && !selectsAny(operation.selectionSet, writing, document)) contextValue.db.readFromReplica();
        },
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

import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '@sixfold/kit';

export interface QueryLimits {
  maxDepth: number;
  /** Most field values a response may be asked to contain (see `pageSizeEstimator`). */
  maxCost: number;
  maxAliases: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxCost: 25_000, maxAliases: 30 };

/**
 * Rejects queries too deep or too aliased before any subgraph sees them (graphql-armor's validation
 * rules). Cost is checked separately, with the request's variables (`checkQueryCost`).
 */
export function queryShapeLimits(limits: QueryLimits) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    // Armor's cost ignores variables (`first: $n` counted as 1, `first: 100` as 100); see checkQueryCost.
    costLimit: { enabled: false },
    maxAliases: { n: limits.maxAliases },
    // Its token counter reparses in a plugin and turns ordinary syntax errors into HTTP 500s;
    // the request-size limit (see server.ts) bounds document length instead.
    maxTokens: { enabled: false },
    maxDirectives: { n: 50 },
    // Field suggestions ("did you mean …") stay on: they help analysts, and the schema is public.
    blockFieldSuggestion: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules };
}

/**
 * A field costs one, plus its children's cost; a paginated field (one with `first`) multiplies its
 * children's cost by the page size asked for, default values and variables included. The total is
 * roughly the number of values the response can hold, whatever way the query is written.
 */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' && args.first > 0 ? args.first : 1;
  return 1 + first * childComplexity;
};

/** The cost of an operation, or a QUERY_TOO_COMPLEX error when it is over the limit. */
export function checkQueryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, maxCost: number): GraphQLError | undefined {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, variables, ...(operationName ? { operationName } : {}), estimators: [pageSizeEstimator] });
  } catch {
    return undefined; // variables that do not coerce are reported by execution, with their own code
  }
  if (cost <= maxCost) return undefined;
  return new GraphQLError(`Query cost limit of ${maxCost} exceeded: this query could return about ${cost} values; ask for smaller pages or fewer nested lists`, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, maxCost, http: { status: 400 } },
  });
}

/** Checks every HTTP operation's cost once its document and variables are known, before execution. */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const error = checkQueryCost(schema, document, request.variables ?? {}, operationName ?? undefined, maxCost);
          if (error) throw error;
        },
      };
    },
  };
}

const LIMIT_MESSAGES = [/query depth limit/i, /aliases limit/i, /directives limit/i];

/** Apollo reports validation-rule rejections as GRAPHQL_VALIDATION_FAILED; ours get their own stable code. */
export function queryLimitCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!LIMIT_MESSAGES.some((pattern) => pattern.test(formatted.message))) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.QUERY_TOO_COMPLEX } };
}

import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger.js';

/** The stable `extensions.code` values the graph answers with. Clients may switch on them. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const KNOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  // Codes Apollo Server itself uses for malformed requests; they are already safe to show.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

function graphError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, status?: number) {
  return new GraphQLError(message, { extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) } });
}

/** Input the caller can fix. `field` names the offending argument path, e.g. `input.slug`. */
export const badInput = (field: string, message: string) => graphError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
export const notFound = (what: string) => graphError(ErrorCode.NOT_FOUND, `${what} not found`);
export const conflict = (field: string, message: string) => graphError(ErrorCode.CONFLICT, `${field}: ${message}`, { field });
export const forbidden = (message = 'Not allowed') => graphError(ErrorCode.FORBIDDEN, message);
/**
 * No HTTP status: thrown from a resolver it is a field error among others, and a 401 would make
 * the gateway discard the subgraph's whole response. Request-level refusals set their own status.
 */
export const unauthenticated = (message = 'Authentication required') => graphError(ErrorCode.UNAUTHENTICATED, message);
export const rateLimited = (retryAfterSeconds: number) =>
  graphError(ErrorCode.RATE_LIMITED, `Rate limit exceeded; retry after ${retryAfterSeconds}s`, { retryAfter: retryAfterSeconds }, 429);
export const upstreamUnavailable = (what: string, reason: string) =>
  graphError(ErrorCode.UPSTREAM_UNAVAILABLE, `${what} is unreachable: ${reason}`);

/** Prisma's known request errors carry a code; map the ones a caller can cause to their contract codes. */
function fromPrisma(error: unknown): GraphQLError | undefined {
  const e = error as { name?: string; code?: string; meta?: { target?: unknown; modelName?: string; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } };
  if (e?.name !== 'PrismaClientKnownRequestError' || !e.code) return undefined;
  const fields = Array.isArray(e.meta?.target) ? e.meta.target.join(',') : (e.meta?.driverAdapterError?.cause?.constraint?.fields?.join(',') ?? 'input');
  switch (e.code) {
    case 'P2002':
      return conflict(fields, 'already exists');
    case 'P2003':
      return badInput(fields, 'refers to a record that does not exist');
    case 'P2025':
      return notFound(e.meta?.modelName ?? 'Record');
    case 'P2000':
      return badInput(fields, 'value too long');
    default:
      return undefined;
  }
}

/**
 * Apollo `formatError` for every server of the graph: errors with a known code pass through
 * (without stack traces), database errors a caller caused get their contract code, and
 * everything else becomes a generic INTERNAL_SERVER_ERROR whose details go only to the log.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as GraphQLError)?.originalError ?? error;
    const code = formatted.extensions?.code as string | undefined;
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    // Apollo stamps INTERNAL_SERVER_ERROR on every error that came without a code: that one is
    // not a contract code a resolver chose, so it takes the path of unexpected errors below.
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR && KNOWN_CODES.has(code)) return { ...formatted, extensions };
    const mapped = fromPrisma(original);
    if (mapped) return { message: mapped.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: mapped.extensions };
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

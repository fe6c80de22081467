/**
 * A two-subgraph supergraph for the gateway's own subscription tests: `quotes` owns a
 * Subscription whose events point at `Stock` entities that `stocks` resolves (an entity fetch).
 */
import { composeSupergraph } from '../../src/compose.js';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

export const QUOTES_SDL = `${link}
type Query { lastQuote(symbol: ID!): Quote }
type Subscription { quoted(symbols: [ID!]): Quote! }
type Quote { price: Int! stock: Stock! }
type Stock @key(fields: "symbol") { symbol: ID! }
`;

export const STOCKS_SDL = `${link}
type Query { stock(symbol: ID!): Stock }
type Stock @key(fields: "symbol") { symbol: ID! name: String! }
`;

export const SUPERGRAPH_SDL = composeSupergraph([
  { name: 'quotes', url: 'http://quotes.invalid/graphql', sdl: QUOTES_SDL },
  { name: 'stocks', url: 'http://stocks.invalid/graphql', sdl: STOCKS_SDL },
]);

export const QUOTED = 'subscription Quotes($symbols: [ID!]) { quoted(symbols: $symbols) { price stock { symbol name } } }';

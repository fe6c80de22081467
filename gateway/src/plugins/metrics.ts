import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics for `/metrics`: request rate, latency and errors per operation type. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sixfold_gateway_' });
  const requests = new Counter({
    name: 'sixfold_gateway_requests_total',
    help: 'GraphQL requests answered, by operation type and outcome',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'sixfold_gateway_request_duration_seconds',
    help: 'Time to answer a GraphQL request',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse({ operation, response }) {
          const type = operation?.operation ?? 'unknown';
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          stop({ operation: type });
          requests.inc({ operation: type, outcome: failed ? 'error' : 'ok' });
        },
      };
    },
  };
  return { registry, plugin };
}

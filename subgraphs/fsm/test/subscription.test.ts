/**
 * `serviceOrderStatusChanged` over graphql-ws, straight at the subgraph with signed identities.
 * Changes data of Brico Depot Portugal (BD_PT) only.
 *
 * Redis pub/sub has no delivery receipts, so the tests know a subscription is live, and that an
 * event did not arrive, by publishing probe events (changedAt in the year 2000) straight to the
 * bus: events reach a subscriber in the order they were published.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ANONYMOUS, IDENTITY_HEADER, signIdentity, type Identity } from '@sixfold/kit';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { SERVICE_ORDER_STATUS_CHANGED, type ServiceOrderStatusChanged } from '../src/events.js';
import { fsm } from '../src/subgraph.js';
import { memberOf, rows, seededTenants, tenantOf, type Tenant } from './support.js';

const SUBSCRIPTION = `subscription ($country: String, $unit: ID) {
  serviceOrderStatusChanged(countryCode: $country, businessUnitId: $unit) {
    serviceOrderId previousStatus status changedAt changedBy { id }
    serviceOrder { id status scheduledDate businessUnit { code } latestRiskAssessment { riskScore } }
  }
}`;

let subgraph: TestSubgraph;
let portugal: Tenant & { businessUnitId: string };
let other: Tenant;
const clients: Client[] = [];
beforeAll(async () => {
  subgraph = await startTestSubgraph(fsm);
  portugal = await tenantOf('BD_PT');
  other = (await seededTenants()).find((t) => t.organizationId !== portugal.organizationId)!;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await subgraph.stop();
});

async function connect(identity: Identity | null): Promise<Client> {
  const signed = identity ? await signIdentity(identity, process.env.IDENTITY_SECRET!) : undefined;
  const client = createClient({
    url: subgraph.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: signed ? { [IDENTITY_HEADER]: signed } : {},
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

interface Subscription {
  next(timeoutMs?: number): Promise<any>;
  error: Promise<any>;
}

function subscribe(client: Client, variables: Record<string, unknown> = {}): Subscription {
  const received: any[] = [];
  const waiting: Array<(value: any) => void> = [];
  let failed!: (e: unknown) => void;
  const error = new Promise((resolve) => (failed = resolve));
  client.subscribe({ query: SUBSCRIPTION, variables }, {
    next: (result) => (waiting.length ? waiting.shift()!(result) : received.push(result)),
    error: (e) => failed(e),
    complete: () => {},
  });
  return {
    error,
    next: (timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        if (received.length) return resolve(received.shift());
        const deliver = (value: any) => {
          clearTimeout(timer);
          resolve(value);
        };
        // A waiter that gave up must not swallow the next event.
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(deliver), 1);
          reject(new Error('no event arrived'));
        }, timeoutMs);
        waiting.push(deliver);
      }),
  };
}

let probes = 0;
/** A made-up status change of a real order, recognisable by its changedAt (in 2000). */
async function probe(order: { id: string; organization_id: string; country_code: string; business_unit_id: string }) {
  const changedAt = new Date(Date.UTC(2000, 0, 1, 0, 0, ++probes)).toISOString();
  const event: ServiceOrderStatusChanged = {
    serviceOrderId: order.id,
    organizationId: order.organization_id,
    countryCode: order.country_code,
    businessUnitId: order.business_unit_id,
    previousStatus: 'SCHEDULED',
    status: 'SCHEDULED',
    changedAt,
    changedBy: null,
  };
  await subgraph.bus.publish(SERVICE_ORDER_STATUS_CHANGED, event);
  return changedAt;
}
const isProbe = (result: any) => result?.data?.serviceOrderStatusChanged?.changedAt?.startsWith('2000-');

/** Publishes probes until one arrives: from then on the subscription receives every event. */
async function untilLive(subscription: Subscription, order: Parameters<typeof probe>[0]) {
  for (let attempt = 0; attempt < 50; attempt++) {
    await probe(order);
    try {
      if (isProbe(await subscription.next(200))) return;
    } catch {
      // not subscribed yet: the probe was lost, try again
    }
  }
  throw new Error('the subscription never went live');
}

/** Every real event that arrives before a fresh probe does. */
async function eventsBefore(subscription: Subscription, order: Parameters<typeof probe>[0]) {
  const marker = await probe(order);
  const events = [];
  for (;;) {
    const result = await subscription.next();
    if (result.data?.serviceOrderStatusChanged?.changedAt === marker) return events;
    if (!isProbe(result)) events.push(result);
  }
}

const orderOf = async (where: string, params: unknown[]) =>
  (await rows<any>(`SELECT id::text, organization_id::text, country_code, business_unit_id::text, status FROM fsm.service_orders WHERE ${where} ORDER BY id LIMIT 1`, params))[0];

describe('serviceOrderStatusChanged', () => {
  it("delivers a committed status change to the order's organization only, with the order as it is now", async () => {
    const member = memberOf(portugal);
    const ofPortugal = subscribe(await connect(member), { unit: portugal.businessUnitId });
    const ofOtherOrganization = subscribe(await connect(memberOf(other)));
    const portugalProbe = await orderOf("business_unit_id = $1 AND status <> 'CREATED'", [portugal.businessUnitId]);
    const otherProbe = await orderOf('organization_id = $1', [other.organizationId]);
    await untilLive(ofPortugal, portugalProbe);
    await untilLive(ofOtherOrganization, otherProbe);

    const target = await orderOf("business_unit_id = $1 AND status = 'CREATED'", [portugal.businessUnitId]);
    const scheduledDate = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const res = await subgraph.query<any>(
      'mutation ($id: ID!, $day: Date) { updateServiceOrderStatus(input: { serviceOrderId: $id, status: SCHEDULED, scheduledDate: $day }) { status } }',
      { id: target.id, day: scheduledDate },
      member,
    );
    expect(res.errors).toBeUndefined();

    const [event] = await eventsBefore(ofPortugal, portugalProbe);
    expect(event.data.serviceOrderStatusChanged).toMatchObject({
      serviceOrderId: target.id,
      previousStatus: 'CREATED',
      status: 'SCHEDULED',
      changedBy: { id: member.userId },
      serviceOrder: { id: target.id, status: 'SCHEDULED', scheduledDate, businessUnit: { code: 'BD_PT' } },
    });
    expect(await eventsBefore(ofOtherOrganization, otherProbe)).toEqual([]);
  });

  it('publishes nothing when the change rolls back', async () => {
    const member = memberOf(portugal);
    const subscription = subscribe(await connect(member), { country: 'PT' });
    const portugalProbe = await orderOf("business_unit_id = $1 AND status <> 'CREATED'", [portugal.businessUnitId]);
    await untilLive(subscription, portugalProbe);

    const target = await orderOf("business_unit_id = $1 AND status = 'SCHEDULED'", [portugal.businessUnitId]);
    const res = await subgraph.query<any>(
      `mutation ($id: ID!) {
        updateServiceOrderStatus(input: { serviceOrderId: $id, status: ON_HOLD }) { status }
        fails: updateServiceOrderStatus(input: { serviceOrderId: $id, status: CLOSED }) { status }
      }`,
      { id: target.id },
      member,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await eventsBefore(subscription, portugalProbe)).toEqual([]);
  });

  it("passes over events of the caller's organization that the filter leaves out", async () => {
    const subscription = subscribe(await connect(memberOf(portugal)), { unit: portugal.businessUnitId });
    const portugalProbe = await orderOf('business_unit_id = $1', [portugal.businessUnitId]);
    const elsewhere = await orderOf('organization_id = $1 AND business_unit_id <> $2', [portugal.organizationId, portugal.businessUnitId]);
    await untilLive(subscription, portugalProbe);
    await probe(elsewhere);
    expect(await eventsBefore(subscription, portugalProbe)).toEqual([]);
  });

  it('reads each event\'s order and its relations as they are now, not as an earlier event found them', async () => {
    const member = memberOf(portugal);
    const target = await orderOf("business_unit_id = $1 AND status = 'SCHEDULED'", [portugal.businessUnitId]);
    const subscription = subscribe(await connect(member), { unit: portugal.businessUnitId });
    // Probing with the target itself: the subscription has read its latest assessment already.
    await untilLive(subscription, target);
    const assessed = await subgraph.query<any>(
      `mutation ($input: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $input) { id } }`,
      { input: { serviceOrderId: target.id, riskLevel: 'LOW', riskScore: '12.34', modelVersion: 'risk-test', inputFeatures: {}, riskFactors: [], triggeredBy: 'TEST_SUITE' } },
      member,
    );
    expect(assessed.errors).toBeUndefined();
    const changed = await subgraph.query<any>('mutation ($id: ID!) { updateServiceOrderStatus(input: { serviceOrderId: $id, status: ON_HOLD }) { status } }', { id: target.id }, member);
    expect(changed.errors).toBeUndefined();
    const [event] = await eventsBefore(subscription, target);
    expect(event.data.serviceOrderStatusChanged.serviceOrder).toMatchObject({ id: target.id, status: 'ON_HOLD', latestRiskAssessment: { riskScore: '12.34' } });
  });

  it('refuses anonymous subscribers, malformed filters, and connections without a signed identity', async () => {
    // A subscription refused by its resolver answers with one result carrying the error, then completes.
    const anonymous = subscribe(await connect(ANONYMOUS));
    expect((await anonymous.next()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const malformed = subscribe(await connect(memberOf(portugal)), { unit: 'not-a-uuid' });
    expect((await malformed.next()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'serviceOrderStatusChanged.businessUnitId' });
    const unsigned = subscribe(await connect(null));
    expect(((await unsigned.error) as { code: number }).code).toBe(4403);
  });
});

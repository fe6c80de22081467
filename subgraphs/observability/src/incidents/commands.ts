import { badInput, notFound, parseInput, uuidArg } from '@sixfold/kit';
import { z } from 'zod';
import type { ObservabilityTx } from '../context.js';
import type { Incident, IncidentSeverity, IncidentStatus } from '../generated/prisma/client.js';
import { assertTransition } from './lifecycle.js';

const MAX_TEXT = 10_000;
const CLOCK_SKEW_MS = 60_000;

const openSchema = z
  .object({
    modelId: z.guid('is not a model id').transform((id) => id.toLowerCase()).nullish(),
    providerId: z.guid('is not a provider id').transform((id) => id.toLowerCase()).nullish(),
    regions: z.array(z.string().min(1).max(20)).max(20, 'has more than 20 regions').nullish(),
    severity: z.enum(['MINOR', 'MAJOR', 'CRITICAL']),
    title: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
    description: z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`).nullish(),
    impactDescription: z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`).nullish(),
    startedAt: z.date().refine((d) => d.getTime() <= Date.now() + CLOCK_SKEW_MS, 'is in the future').nullish(),
  })
  .refine((input) => input.modelId || input.providerId, { path: ['modelId'], message: 'give a modelId or a providerId' });

/**
 * Opens an incident about a monitored model (its provider implied) or a provider, in the given
 * regions (none: every region), with its first timeline entry.
 */
export async function openIncident(tx: ObservabilityTx, rawInput: unknown, authorId: string | null): Promise<Incident> {
  const input = parseInput(openSchema, rawInput, 'input', { indexes: 'brackets' });
  let providerId = input.providerId ?? null;
  if (input.modelId) {
    const model = await tx.monitoredModel.findUnique({ where: { id: input.modelId } });
    if (!model) throw badInput('input.modelId', 'is not a monitored model');
    if (providerId && providerId !== model.providerId) throw badInput('input.providerId', "is not the model's provider");
    providerId = model.providerId;
  } else if (!(await tx.monitoredModel.findFirst({ where: { providerId: providerId! }, select: { id: true } }))) {
    throw badInput('input.providerId', 'is not the provider of any monitored model');
  }
  const regions = [...new Set(input.regions ?? [])];
  if (regions.length) {
    const known = await tx.region.findMany({ where: { slug: { in: regions } }, select: { slug: true } });
    const unknown = regions.find((r) => !known.some((k) => k.slug === r));
    if (unknown) throw badInput('input.regions', `${unknown} is not a known region`);
  }
  return tx.incident.create({
    data: {
      modelId: input.modelId ?? null,
      providerId,
      regions,
      severity: input.severity,
      title: input.title,
      description: input.description ?? null,
      impactDescription: input.impactDescription ?? null,
      ...(input.startedAt ? { startedAt: input.startedAt } : {}),
      updates: { create: { status: 'INVESTIGATING', severity: input.severity, note: input.description ?? null, authorId } },
    },
  });
}

export interface IncidentChange {
  id: string;
  status: IncidentStatus;
  note?: string | null;
  severity?: IncidentSeverity | null;
}

/**
 * Applies a lifecycle step, a note or a severity change, and records it in the timeline.
 * Returns `changed: false` (and writes nothing) when the request changes nothing, so a client
 * retrying a transition gets the same answer.
 */
export async function updateIncident(tx: ObservabilityTx, change: IncidentChange, authorId: string | null): Promise<{ incident: Incident; changed: boolean }> {
  const id = uuidArg('id', change.id);
  if (change.note && change.note.length > MAX_TEXT) throw badInput('note', `must be at most ${MAX_TEXT} characters`);
  // Locks the incident, so concurrent updates apply one after the other, each checked against the last.
  const [current] = await tx.$queryRaw<Array<{ status: string; severity: string }>>`
    SELECT status::text, severity::text FROM observability.incidents WHERE id = ${id}::uuid FOR UPDATE`;
  if (!current) throw notFound('Incident');
  const from = current.status.toUpperCase() as IncidentStatus;
  assertTransition(from, change.status);
  const severity = change.severity ?? (current.severity.toUpperCase() as IncidentSeverity);
  const note = change.note?.trim() || null;
  if (change.status === from && severity === current.severity.toUpperCase() && !note) {
    return { incident: await tx.incident.findUniqueOrThrow({ where: { id } }), changed: false };
  }
  const incident = await tx.incident.update({
    where: { id },
    data: { status: change.status, severity, updates: { create: { status: change.status, severity, note, authorId } } },
  });
  return { incident, changed: true };
}

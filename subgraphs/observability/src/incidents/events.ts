import type { Incident } from '../generated/prisma/client.js';

/** An incident as it crosses the bus: JSON, times as ISO strings. */
export type IncidentEvent = Omit<Incident, 'startedAt' | 'identifiedAt' | 'monitoringAt' | 'resolvedAt' | 'createdAt' | 'updatedAt'> &
  Record<'startedAt' | 'createdAt' | 'updatedAt', string> &
  Record<'identifiedAt' | 'monitoringAt' | 'resolvedAt', string | null>;

const TIMES = ['startedAt', 'identifiedAt', 'monitoringAt', 'resolvedAt', 'createdAt', 'updatedAt'] as const;

export function toIncidentEvent(incident: Incident): IncidentEvent {
  return JSON.parse(JSON.stringify(incident)) as IncidentEvent;
}

export function fromIncidentEvent(event: IncidentEvent): Incident {
  const incident = { ...event } as unknown as Incident;
  for (const key of TIMES) {
    const value = event[key];
    (incident as Record<string, unknown>)[key] = value === null ? null : new Date(value);
  }
  return incident;
}

import { badInput } from '@sixfold/kit';
import type { IncidentStatus } from '../generated/prisma/client.js';

/** The lifecycle, in order. The database enforces the same rule (migration 004). */
export const LIFECYCLE: readonly IncidentStatus[] = ['INVESTIGATING', 'IDENTIFIED', 'MONITORING', 'RESOLVED'];

/**
 * An incident moves forward through its lifecycle, possibly skipping steps, or stays where it
 * is (to post a note). A resolved incident is closed: a recurrence is a new incident.
 */
export function assertTransition(from: IncidentStatus, to: IncidentStatus): void {
  if (!LIFECYCLE.includes(to)) throw badInput('status', `must be one of ${LIFECYCLE.join(', ')}`);
  if (from === 'RESOLVED') throw badInput('status', 'the incident is resolved; open a new incident if the problem is back');
  if (LIFECYCLE.indexOf(to) < LIFECYCLE.indexOf(from)) throw badInput('status', `cannot go back from ${from} to ${to}`);
}

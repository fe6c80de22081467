import { Scope } from '@sixfold/kit';
import { requireWriter } from '../access.js';
import { recordEvents } from '../analytics/record.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { toIncidentEvent } from '../incidents/events.js';
import { openIncident, updateIncident } from '../incidents/commands.js';
import { reportProbes } from '../probes/report.js';
import { Topic } from '../topics.js';

export const Mutation: MutationResolvers = {
  reportStatusProbes(_root, { probes }, ctx) {
    requireWriter(ctx.identity, Scope.probesWrite);
    return reportProbes(ctx, probes);
  },

  async openIncident(_root, { input }, ctx) {
    requireWriter(ctx.identity, Scope.statusWrite);
    const incident = await ctx.db.run((tx) => openIncident(tx, input, ctx.identity.userId));
    ctx.db.afterCommit(() => ctx.bus.publish(Topic.incidentChanged, toIncidentEvent(incident)));
    return incident;
  },

  async updateIncident(_root, { id, status, note, severity }, ctx) {
    requireWriter(ctx.identity, Scope.statusWrite);
    const { incident, changed } = await ctx.db.run((tx) => updateIncident(tx, { id, status, note, severity }, ctx.identity.userId));
    if (changed) ctx.db.afterCommit(() => ctx.bus.publish(Topic.incidentChanged, toIncidentEvent(incident)));
    return incident;
  },

  recordAnalyticsEvents(_root, { events }, ctx) {
    requireWriter(ctx.identity, Scope.analyticsWrite);
    return recordEvents(ctx, events);
  },
};

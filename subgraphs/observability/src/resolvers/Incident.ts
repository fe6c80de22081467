import type { IncidentResolvers } from '../generated/graphql.js';

export const Incident: IncidentResolvers = {
  __resolveReference: ({ id }, ctx) => ctx.loaders.incidentById.load(id),
  model: (incident) => (incident.modelId ? { id: incident.modelId } : null),
  provider: (incident) => (incident.providerId ? { id: incident.providerId } : null),
  updates: (incident, _args, ctx) => ctx.loaders.updatesByIncident.load(incident.id),
};

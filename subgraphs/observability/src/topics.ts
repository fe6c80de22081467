/**
 * Bus topics this subgraph publishes and follows. Payloads cross Redis as JSON, so times travel
 * as ISO strings.
 */
export const Topic = {
  /** One per model and region whose status a probe batch changed: a ModelStatusEvent. */
  modelStatusChanged: 'observability.modelStatusChanged',
  /** An incident opened or updated: an IncidentEvent. */
  incidentChanged: 'observability.incidentChanged',
  /** Published by catalog after a model is created or updated: a CatalogModelChanged. */
  catalogModelChanged: 'catalog.modelChanged',
} as const;

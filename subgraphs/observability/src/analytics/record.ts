import { badInput, parseInput } from '@sixfold/kit';
import { z } from 'zod';
import type { ObservabilityContext } from '../context.js';
import { utcDay } from './trending.js';

export const MAX_EVENTS_PER_BATCH = 500;
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const properties = z
  .record(z.string(), z.unknown())
  .refine((value) => JSON.stringify(value).length <= 8_192, 'must serialize to at most 8192 characters')
  .nullish();

const eventSchema = z
  .object({
    type: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'must be snake_case, at most 50 characters'),
    timestamp: z.date().nullish(),
    sessionId: z.string().max(100, 'must be at most 100 characters').nullish(),
    properties,
    userProperties: properties,
    deviceProperties: properties,
    geoProperties: properties,
    referrerProperties: properties,
  })
  .superRefine((event, ctx) => {
    const time = event.timestamp?.getTime() ?? Date.now();
    if (time > Date.now() + CLOCK_SKEW_MS) ctx.addIssue({ code: 'custom', path: ['timestamp'], message: 'is in the future' });
    if (time < Date.now() - MAX_AGE_MS) ctx.addIssue({ code: 'custom', path: ['timestamp'], message: 'is more than 30 days old' });
    if (event.type === 'model_view' && !z.guid().safeParse(event.properties?.model_id).success) {
      ctx.addIssue({ code: 'custom', path: ['properties', 'model_id'], message: 'a model_view needs the viewed model id' });
    }
  });

/** `recordAnalyticsEvents`: one multi-row insert; model views also count towards the day's trending models. */
export async function recordEvents(ctx: ObservabilityContext, input: readonly unknown[]): Promise<{ recorded: number }> {
  if (input.length > MAX_EVENTS_PER_BATCH) throw badInput('events', `at most ${MAX_EVENTS_PER_BATCH} events per call`);
  const events = parseInput(z.array(eventSchema), input, 'events', { indexes: 'brackets' });
  const now = new Date();
  const rows = events.map((e) => ({
    timestamp: e.timestamp ?? now,
    sessionId: e.sessionId ?? null,
    eventType: e.type,
    eventProperties: (e.properties ?? {}) as object,
    userProperties: (e.userProperties ?? {}) as object,
    deviceProperties: (e.deviceProperties ?? {}) as object,
    geoProperties: (e.geoProperties ?? {}) as object,
    referrerProperties: (e.referrerProperties ?? {}) as object,
  }));
  if (rows.length === 0) return { recorded: 0 };
  await ctx.db.run((tx) => tx.analyticsEvent.createMany({ data: rows }));

  const viewsByDay = new Map<string, Map<string, number>>();
  for (const row of rows.filter((r) => r.eventType === 'model_view')) {
    const day = utcDay(row.timestamp);
    const modelId = String((row.eventProperties as { model_id: string }).model_id).toLowerCase();
    const views = viewsByDay.get(day) ?? new Map<string, number>();
    views.set(modelId, (views.get(modelId) ?? 0) + 1);
    viewsByDay.set(day, views);
  }
  if (viewsByDay.size) ctx.db.afterCommit(() => Promise.all([...viewsByDay].map(([day, views]) => ctx.live.countViews(day, views))));
  return { recorded: rows.length };
}

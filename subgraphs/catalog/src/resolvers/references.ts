import type { CatalogContext } from '../context.js';
import type { Model, BenchmarkSuite } from '../generated/prisma/client.js';

/** A row's parent that a foreign key guarantees; its absence is a bug, not a caller's mistake. */
export async function modelOf(ctx: CatalogContext, id: string): Promise<Model> {
  const model = await ctx.loaders.modelById.load(id);
  if (!model) throw new Error(`missing model ${id}`);
  return model;
}

export async function suiteOf(ctx: CatalogContext, id: string): Promise<BenchmarkSuite> {
  const suite = await ctx.loaders.suiteById.load(id);
  if (!suite) throw new Error(`missing benchmark suite ${id}`);
  return suite;
}

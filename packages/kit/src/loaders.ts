import DataLoader from 'dataloader';

/**
 * DataLoader batch results must line up with the keys. These put rows back in key order,
 * leaving `null` (or `[]`) where the database had nothing for a key.
 */
function orderByKeys<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): Array<R | null> {
  const byKey = new Map<K, R>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

export function groupByKeys<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** A loader keyed by a single column: one `WHERE column IN (...)` per batch. */
export function loaderByKey<K, R>(fetch: (keys: readonly K[]) => Promise<readonly R[]>, keyOf: (row: R) => K): DataLoader<K, R | null> {
  return new DataLoader(async (keys) => orderByKeys(keys, await fetch(keys), keyOf));
}

/** A loader for a one-to-many relation: one query per batch returns the children of every parent. */
export function loaderOfGroups<K, R>(fetch: (keys: readonly K[]) => Promise<readonly R[]>, keyOf: (row: R) => K): DataLoader<K, R[]> {
  return new DataLoader(async (keys) => groupByKeys(keys, await fetch(keys), keyOf));
}

/**
 * One DataLoader (or loader factory, e.g. a `pagedChildrenLoader` family) per distinct argument set.
 * A field with arguments (`pricing(region: "eu")`) needs its own loader per argument value, or
 * batches would mix answers for different arguments.
 */
export function loaderFamily<A, V>(create: (args: A) => V): (args: A) => V {
  const made = new Map<string, V>();
  return (args: A) => {
    const id = JSON.stringify(args ?? null);
    let value = made.get(id);
    if (value === undefined) made.set(id, (value = create(args)));
    return value;
  };
}

import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';

/**
 * graphql-ws's `subscribe` option that executes every event of a subscription with a context of
 * its own.
 *
 * graphql-ws builds one context per operation. With graphql's own `subscribe`, all the events of
 * a subscription would share it, and its DataLoaders would serve later events the rows they
 * cached for the first one. Here the subscription's context serves only the subscribe phase (the
 * `subscribe` resolver, its access checks, and the filters that close over it); each event is
 * executed with `freshContext(subscriptionContext)`.
 */
export function subscribeWithFreshContexts<Ctx>(freshContext: (subscription: Ctx) => unknown) {
  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const stream = await createSourceEventStream(args);
    // The subscribe phase failed (not signed in, bad arguments): its errors are the client's answer.
    if (!(Symbol.asyncIterator in stream)) return stream;
    return mapEvents(stream[Symbol.asyncIterator](), (event) => execute({ ...args, rootValue: event, contextValue: freshContext(args.contextValue as Ctx) }));
  };
}

/**
 * The source's events mapped through `run`. Deliberately not an async generator: a generator's
 * `return()` waits for the `next()` in progress, i.e. for one more event, so a client that leaves a
 * quiet subscription would hold its bus subscription open. This forwards `return()` and `throw()`
 * to the source at once (the bus's iterators end immediately).
 */
function mapEvents<T>(source: AsyncIterator<unknown>, run: (event: unknown) => T | Promise<T>): AsyncIterableIterator<T> {
  const close = async () => {
    await source.return?.();
    return { value: undefined, done: true } as const;
  };
  const map = async (step: IteratorResult<unknown>): Promise<IteratorResult<T>> => {
    if (step.done) return { value: undefined, done: true };
    try {
      return { value: await run(step.value), done: false };
    } catch (error) {
      // graphql-ws does not call return() on an iterator whose next() failed: end the source here.
      await close();
      throw error;
    }
  };
  return {
    next: async () => map(await source.next()),
    return: close,
    async throw(error?: unknown) {
      if (source.throw) return map(await source.throw(error));
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

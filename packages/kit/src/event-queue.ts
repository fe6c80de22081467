/**
 * An async iterator fed by pushes: what a subscription reads its events from (the event bus's
 * subscriptions, the gateway's subscriptions). Producers push; graphql-ws pulls.
 *
 * Unlike an async generator, `return()` takes effect at once, even while a `next()` is waiting:
 * the waiting read resolves as done and `onClose` runs immediately, so a client that leaves frees
 * what it held upstream without waiting for one more event (a generator would hold its `return()`
 * until the next `yield`).
 *
 * The buffer is bounded: a client that reads slower than events arrive loses the oldest ones
 * (a live feed's latest state matters most) instead of growing the process's memory.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  readonly #buffer: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | undefined;
  /** No more pushes; the buffer still drains. */
  #ended = false;
  #closed = false;

  constructor(
    private readonly onClose: () => void,
    private readonly capacity = 1_000,
  ) {}

  push(value: T): void {
    if (this.#ended) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve({ value, done: false });
      return;
    }
    if (this.#buffer.length >= this.capacity) this.#buffer.shift();
    this.#buffer.push(value);
  }

  /** Ends the stream after what is buffered has been read (the producer is done). */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#waiting && this.#buffer.length === 0) this.#finish();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#buffer.length > 0) return Promise.resolve({ value: this.#buffer.shift()!, done: false });
    if (this.#ended) {
      this.#finish();
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  /** The reader leaves: the queue closes now, whatever is pending. */
  return(): Promise<IteratorResult<T>> {
    this.#ended = true;
    this.#buffer.length = 0;
    this.#finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #finish(): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.({ value: undefined, done: true });
    if (this.#closed) return;
    this.#closed = true;
    this.onClose();
  }
}

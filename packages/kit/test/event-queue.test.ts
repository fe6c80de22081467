import { describe, expect, it, jest } from '@jest/globals';
import { EventQueue } from '../src/event-queue.js';

describe('an event queue', () => {
  it('hands pushed values to the reader in order, whether it waits or not', async () => {
    const queue = new EventQueue<number>(() => {});
    queue.push(1);
    const waiting = [queue.next(), queue.next()];
    queue.push(2);
    expect(await Promise.all(waiting)).toEqual([
      { value: 1, done: false },
      { value: 2, done: false },
    ]);
  });

  it('ends at once on return(), even while the reader waits for an event that never comes', async () => {
    const onClose = jest.fn();
    const queue = new EventQueue<number>(onClose);
    const waiting = queue.next();
    await expect(queue.return()).resolves.toEqual({ value: undefined, done: true });
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    expect(onClose).toHaveBeenCalledTimes(1);
    queue.push(1);
    await expect(queue.next()).resolves.toEqual({ value: undefined, done: true });
    await queue.return();
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('delivers what is buffered before ending when the producer ends', async () => {
    const onClose = jest.fn();
    const queue = new EventQueue<number>(onClose);
    queue.push(1);
    queue.end();
    expect(onClose).not.toHaveBeenCalled();
    const read: number[] = [];
    for await (const value of queue) read.push(value);
    expect(read).toEqual([1]);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('keeps the newest events when a slow reader falls behind', async () => {
    const queue = new EventQueue<number>(() => {}, 2);
    for (const value of [1, 2, 3, 4]) queue.push(value);
    queue.end();
    const read: number[] = [];
    for await (const value of queue) read.push(value);
    expect(read).toEqual([3, 4]);
  });

  it('is what graphql-ws treats as closable: an async iterable with return()', () => {
    const queue = new EventQueue<number>(() => {});
    expect(queue[Symbol.asyncIterator]()).toBe(queue);
    expect(typeof queue.return).toBe('function');
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from '@sixfold/kit';
import { ListingsRefresher } from '../src/directory/listings.js';

const run = promisify(execFile);
const PACKAGE = new URL('..', import.meta.url).pathname;

describe('the listing refresher', () => {
  it('turns a burst of writes into one refresh, and writes during it into one more', async () => {
    let refreshes = 0;
    let finishRefresh: () => void = () => {};
    const refresher = new ListingsRefresher(
      () => {
        refreshes++;
        return new Promise<void>((resolve) => (finishRefresh = resolve));
      },
      createLogger('silent'),
      10,
    );
    for (let i = 0; i < 5; i++) refresher.schedule();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(refreshes).toBe(1);

    for (let i = 0; i < 3; i++) refresher.schedule(); // while the first one runs
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(refreshes).toBe(1);
    finishRefresh();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(refreshes).toBe(2);
    finishRefresh();
    await refresher.idle();
    expect(refreshes).toBe(2);
    await refresher.close();
  });

  it('survives a failed refresh and refreshes again on the next write', async () => {
    let attempts = 0;
    const refresher = new ListingsRefresher(async () => {
      attempts++;
      if (attempts === 1) throw new Error('database away');
    }, createLogger('silent'), 5);
    refresher.schedule();
    await refresher.idle();
    refresher.schedule();
    await refresher.idle();
    expect(attempts).toBe(2);
    await refresher.close();
  });
});

describe('refresh-listings', () => {
  it('rebuilds model_listings on demand', async () => {
    const { stdout } = await run('pnpm', ['--filter', '@sixfold/catalog', 'refresh-listings'], { cwd: PACKAGE, env: { ...process.env, LOG_LEVEL: 'silent' } });
    expect(stdout).toMatch(/refresh-listings: model_listings refreshed \(\d+ active models\) in \d+ ms/);
  }, 60_000);
});

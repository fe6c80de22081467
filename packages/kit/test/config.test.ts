import { describe, expect, it } from '@jest/globals';
import { commonSettings, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('names the variable that is missing or wrong, in one line', () => {
    expect(() => loadConfig({ DATABASE_URL: commonSettings.DATABASE_URL }, {})).toThrow('Invalid configuration: DATABASE_URL is required but not set');
    expect(() => loadConfig({ DATABASE_URL: commonSettings.DATABASE_URL }, { DATABASE_URL: 'mysql://x' })).toThrow(
      'Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL',
    );
    expect(() => loadConfig({ DATABASE_READ_URL: commonSettings.DATABASE_READ_URL }, { DATABASE_READ_URL: 'mysql://x' })).toThrow(
      'Invalid configuration: DATABASE_READ_URL must be a postgres:// or postgresql:// URL',
    );
    expect(() => loadConfig({ IDENTITY_SECRET: commonSettings.IDENTITY_SECRET }, { IDENTITY_SECRET: 'short' })).toThrow(/IDENTITY_SECRET must be at least 32/);
  });

  it('applies defaults and coerces numbers', () => {
    expect(loadConfig({ DB_POOL_MAX: commonSettings.DB_POOL_MAX }, {})).toEqual({ DB_POOL_MAX: 10 });
    expect(loadConfig({ DB_POOL_MAX: commonSettings.DB_POOL_MAX }, { DB_POOL_MAX: '3' })).toEqual({ DB_POOL_MAX: 3 });
    // Optional: unset leaves every request on DATABASE_URL.
    expect(loadConfig({ DATABASE_READ_URL: commonSettings.DATABASE_READ_URL }, {})).toEqual({});
  });
});

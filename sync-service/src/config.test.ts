import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const required = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', KEYCLOAK_URL: 'http://localhost:1', PROCURA_SYNC_CLIENT_SECRET: 's', PROCURA_CONSOLE_CLIENT_SECRET: 's' };

describe('loadConfig', () => {
  it('names every missing variable at once', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL is required.*KEYCLOAK_URL is required.*PROCURA_SYNC_CLIENT_SECRET is required.*PROCURA_CONSOLE_CLIENT_SECRET is required/);
  });

  it('R31: a bad operator deadline stops the start, instead of failing each operator request', () => {
    expect(() => loadConfig({ ...required, PROCURA_OPERATOR_DEADLINE_DAYS: 'two' })).toThrow(/configuration: .*PROCURA_OPERATOR_DEADLINE_DAYS must be a whole number/);
    expect(() => loadConfig({ ...required, PROCURA_OPERATOR_DEADLINE_DAYS: '5' })).not.toThrow();
  });
});

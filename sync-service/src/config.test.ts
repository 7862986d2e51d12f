import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('issue 14 item 11: TLS to the mail relay is required unless the relay is on loopback, and a mode can be chosen', () => {
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: 'smtp.mail.example' }).smtp.tls).toBe('required');
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: '10.0.0.5' }).smtp.tls).toBe('required');
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: 'localhost' }).smtp.tls).toBe('optional');
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: '127.0.0.1' }).smtp.tls).toBe('optional');
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: '::1' }).smtp.tls).toBe('optional');
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: 'smtp.mail.example', PROCURA_SMTP_TLS: 'implicit' }).smtp.tls).toBe('implicit');
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: 'mailsink', PROCURA_SMTP_TLS: 'optional' }).smtp.tls).toBe('optional');
    expect(() => loadConfig({ ...required, PROCURA_SMTP_TLS: 'starttls' })).toThrow(/PROCURA_SMTP_TLS must be one of required, implicit, optional \(got starttls\)/);
  });

  it('issue 14 item 11: a private authority for the relay is read from its file at start, a missing file stops the start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'procura-ca-'));
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(loadConfig({ ...required, PROCURA_SMTP_CA_FILE: join(dir, 'ca.pem') }).smtp.ca).toContain('BEGIN CERTIFICATE');
    expect(() => loadConfig({ ...required, PROCURA_SMTP_CA_FILE: join(dir, 'none.pem') })).toThrow(/PROCURA_SMTP_CA_FILE: cannot read .*none\.pem \(ENOENT\)/);
  });
});

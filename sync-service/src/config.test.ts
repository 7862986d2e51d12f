import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadWorkerConfig } from './config.js';

const required = {
  DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
  KEYCLOAK_URL: 'http://localhost:1',
  PROCURA_SYNC_CLIENT_SECRET: 's',
  PROCURA_CONSOLE_CLIENT_SECRET: 's',
};

describe('loadConfig', () => {
  it('names every missing variable at once', () => {
    expect(() => loadConfig({})).toThrow(
      /DATABASE_URL is required.*KEYCLOAK_URL is required.*PROCURA_SYNC_CLIENT_SECRET is required.*PROCURA_CONSOLE_CLIENT_SECRET is required/,
    );
  });

  it('issue 18 item 3: metrics listen on loopback, on a port of each process, unless turned off', () => {
    expect(loadConfig(required).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadWorkerConfig(required).metrics).toEqual({ host: '127.0.0.1', port: 9465 });
    expect(loadConfig({ ...required, PROCURA_METRICS_PORT: '9100', PROCURA_METRICS_HOST: '10.0.0.7' }).metrics).toEqual({ host: '10.0.0.7', port: 9100 });
    expect(loadConfig({ ...required, PROCURA_METRICS_PORT: 'off' }).metrics).toBeUndefined();
    expect(() => loadConfig({ ...required, PROCURA_METRICS_PORT: 'on' })).toThrow(/PROCURA_METRICS_PORT must be a port number/);
  });

  it("issue 18: the full reconcile's period in minutes, or in seconds where the seconds are given", () => {
    expect(loadConfig(required).fullReconcileSeconds).toBe(3600);
    expect(loadConfig({ ...required, PROCURA_FULL_RECONCILE_MINUTES: '5' }).fullReconcileSeconds).toBe(300);
    expect(loadConfig({ ...required, PROCURA_FULL_RECONCILE_MINUTES: '5', PROCURA_FULL_RECONCILE_SECONDS: '8' }).fullReconcileSeconds).toBe(8);
    expect(loadConfig({ ...required, PROCURA_FULL_RECONCILE_MINUTES: '0' }).fullReconcileSeconds).toBe(0);
  });

  it('R31: a bad operator deadline stops the start, instead of failing each operator request', () => {
    expect(() => loadConfig({ ...required, PROCURA_OPERATOR_DEADLINE_DAYS: 'two' })).toThrow(
      /configuration: .*PROCURA_OPERATOR_DEADLINE_DAYS must be a whole number/,
    );
    expect(() => loadConfig({ ...required, PROCURA_OPERATOR_DEADLINE_DAYS: '5' })).not.toThrow();
  });

  it('R18: a bad retention period stops the start of the server and of the worker, instead of failing each erasure', () => {
    expect(() => loadConfig({ ...required, PROCURA_RETENTION_DAYS: 'ninety' })).toThrow(/configuration: .*PROCURA_RETENTION_DAYS must be a whole number/);
    expect(() => loadWorkerConfig({ ...required, PROCURA_RETENTION_DAYS: '0' })).toThrow(/PROCURA_RETENTION_DAYS/);
    expect(() => loadConfig({ ...required, PROCURA_RETENTION_DAYS: '30' })).not.toThrow();
  });

  it('issue 14 item 11: TLS to the mail relay is required unless the relay is on loopback, and a mode can be chosen', () => {
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: 'smtp.mail.example' }).smtp.tls).toBe('required');
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: '10.0.0.5' }).smtp.tls).toBe('required');
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: 'localhost' }).smtp.tls).toBe('optional');
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: '127.0.0.1' }).smtp.tls).toBe('optional');
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: '::1' }).smtp.tls).toBe('optional');
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: 'smtp.mail.example', PROCURA_SMTP_TLS: 'implicit' }).smtp.tls).toBe('implicit');
    expect(loadConfig({ ...required, PROCURA_SMTP_HOST: 'mailsink', PROCURA_SMTP_TLS: 'optional' }).smtp.tls).toBe('optional');
    expect(() => loadConfig({ ...required, PROCURA_SMTP_TLS: 'starttls' })).toThrow(
      /PROCURA_SMTP_TLS must be one of required, implicit, optional \(got starttls\)/,
    );
  });

  it('issue 14 item 11: a private authority for the relay is read from its file at start, a missing file stops the start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'procura-ca-'));
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(loadConfig({ ...required, PROCURA_SMTP_CA_FILE: join(dir, 'ca.pem') }).smtp.ca).toContain('BEGIN CERTIFICATE');
    expect(() => loadConfig({ ...required, PROCURA_SMTP_CA_FILE: join(dir, 'none.pem') })).toThrow(/PROCURA_SMTP_CA_FILE: cannot read .*none\.pem \(ENOENT\)/);
  });

  it('issue 14 item 6: the sync client proves itself with its private key instead of its secret; one of the two, a usable key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'procura-key-'));
    const write = (name: string, text: string): string => (writeFileSync(join(dir, name), text), join(dir, name));
    const rsa = write('rsa.pem', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const { PROCURA_SYNC_CLIENT_SECRET: _, ...withoutSecret } = required;
    expect(loadConfig({ ...withoutSecret, PROCURA_SYNC_CLIENT_KEY_FILE: rsa }).keycloak.syncClientAuth).toEqual({
      privateKeyPem: expect.stringContaining('BEGIN PRIVATE KEY'),
    });
    expect(loadConfig(required).keycloak.syncClientAuth).toEqual({ secret: 's' });
    expect(() => loadConfig({ ...required, PROCURA_SYNC_CLIENT_KEY_FILE: rsa })).toThrow(
      /PROCURA_SYNC_CLIENT_SECRET and PROCURA_SYNC_CLIENT_KEY_FILE are both set/,
    );
    const weak = write('weak.pem', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    expect(() => loadConfig({ ...withoutSecret, PROCURA_SYNC_CLIENT_KEY_FILE: weak })).toThrow(
      /PROCURA_SYNC_CLIENT_KEY_FILE: the client's RSA key must have 2048 bits at least/,
    );
    const ed = write('ed.pem', generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    expect(() => loadConfig({ ...withoutSecret, PROCURA_SYNC_CLIENT_KEY_FILE: ed })).toThrow(/must be RSA or EC P-256 \(got ed25519\)/);
    expect(() => loadConfig({ ...withoutSecret, PROCURA_SYNC_CLIENT_KEY_FILE: write('junk.pem', 'not a key') })).toThrow(/is not a PEM private key/);
  });
});

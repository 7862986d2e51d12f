import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signedHeaders, verifySignature } from './signature.js';
import { checkWebhookUrl, isPrivate, privateTarget, webhookTargets } from './targets.js';

/** Issue 21 item 4: the deliveries are signed as Standard Webhooks says, and go only where they may. */
describe('audit webhooks: Standard Webhooks signatures', () => {
  it("signs the specification's test vector as the specification does", () => {
    const headers = signedHeaders('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', {
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
    });
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('a signature verifies with its secret only, and not once the body changed', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = signedHeaders(secret, { id: 'audit-1', timestamp: 1_800_000_000, body: '{"a":1}' });
    const given = { id: 'audit-1', timestamp: '1800000000', signature: `v1,bm90IGl0 ${headers['webhook-signature']}` };
    expect(verifySignature(secret, given, '{"a":1}')).toBe(true);
    expect(verifySignature(secret, given, '{"a":2}')).toBe(false);
    expect(verifySignature(newWebhookSecret(), given, '{"a":1}')).toBe(false);
  });
});

describe('audit webhooks: where they may point', () => {
  it('https only by default, no credentials in the URL, no private address; `any` also takes http and this machine', () => {
    expect(checkWebhookUrl('https://siem.example.ch/procura', 'public')).toBeUndefined();
    expect(checkWebhookUrl('http://siem.example.ch/procura', 'public')?.code).toBe('webhook.url_not_https');
    expect(checkWebhookUrl('https://user:pw@siem.example.ch/', 'public')?.code).toBe('webhook.url_credentials');
    expect(checkWebhookUrl('https://169.254.169.254/latest/meta-data', 'public')?.code).toBe('webhook.url_private');
    expect(checkWebhookUrl('https://[::1]:8443/', 'public')?.code).toBe('webhook.url_private');
    expect(checkWebhookUrl('siem.example.ch', 'public')).toMatchObject({ code: 'webhook.url_invalid', status: 422, field: '/url' });
    expect(checkWebhookUrl('http://127.0.0.1:9000/audit', 'any')).toBeUndefined();
    expect(checkWebhookUrl('ftp://127.0.0.1/audit', 'any')?.code).toBe('webhook.url_not_https');
  });

  it('tells private, loopback and link-local addresses from public ones, IPv4 and IPv6', () => {
    for (const address of [
      '10.1.2.3',
      '127.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ])
      expect(isPrivate(address), address).toBe(true);
    for (const address of ['8.8.8.8', '172.32.0.1', '193.5.216.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isPrivate(address), address).toBe(false);
  });

  it('at delivery, a host that resolves to this machine is refused unless `any`', async () => {
    expect(await privateTarget('https://localhost:8443/audit', 'public')).toMatch(/private address/);
    expect(await privateTarget('https://localhost:8443/audit', 'any')).toBeUndefined();
  });

  it('PROCURA_WEBHOOK_TARGETS is public, any, or a start that stops', () => {
    expect(webhookTargets({})).toBe('public');
    expect(webhookTargets({ PROCURA_WEBHOOK_TARGETS: 'any' })).toBe('any');
    expect(() => webhookTargets({ PROCURA_WEBHOOK_TARGETS: 'all' })).toThrow(/public or any/);
  });
});

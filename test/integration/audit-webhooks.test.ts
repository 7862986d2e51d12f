import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainDeliveries } from '@procura/sync-service/audit/webhooks/worker';
import { changeRole } from '@procura/sync-service/members/commands';
import { bearerOf, callApi, type ApiCaller } from '../helpers/api.js';
import { membershipOf } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember, createTestOperator } from '../helpers/people.js';
import { database } from '../helpers/stack.js';

/**
 * Issue 21 item 4: the audit trail as a stream. Each audit entry of an organization reaches its
 * webhooks once, signed (Standard Webhooks), through the delivery rows its transaction wrote;
 * a receiver that is down gets it later, and nothing is lost.
 */

interface Received {
  readonly headers: Record<string, string>;
  readonly body: string;
  /** What the receiver answered. */
  readonly status: number;
}

/** A receiver on this machine: records each request; answers 200, or 503 while `down`. */
class Receiver {
  readonly received: Received[] = [];
  down = false;
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const status = this.down ? 503 : 200;
        this.received.push({ headers: request.headers as Record<string, string>, body, status });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/procura/audit`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The entries received with a 200, by webhook-id, parsed; and how many times each id came. */
  accepted(): Array<{ id: string; event: { type: string; data: Record<string, any> } }> {
    return this.received.filter((r) => r.status === 200).map((r) => ({ id: r.headers['webhook-id']!, event: JSON.parse(r.body) }));
  }
}

/** Standard Webhooks' check, written here from the specification (not the service's code): HMAC-SHA256 of id.timestamp.body. */
function signatureHolds(secret: string, received: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${received.headers['webhook-id']}.${received.headers['webhook-timestamp']}.${received.body}`)
    .digest('base64');
  return received.headers['webhook-signature']!.split(' ').includes(`v1,${expected}`);
}

let organization: TestOrganization;
let manager: ApiCaller;
let colleague: string;
const receivers: Receiver[] = [];

async function receiver(): Promise<Receiver> {
  const started = new Receiver();
  await started.start();
  receivers.push(started);
  return started;
}

async function register(caller: ApiCaller, path: string, url: string): Promise<{ id: string; secret: string }> {
  const answer = await callApi(caller, 'post', path, { url, description: 'SIEM' });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as { id: string; secret: string };
}

/** A change that the audit records: the colleague's role, back and forth. */
async function auditedChange(role: 'observer' | 'member'): Promise<void> {
  await changeRole(database(), { personId: null, label: 'Test' }, { membershipId: colleague, role });
}

const drain = (webhookId: string) => drainDeliveries(database(), { targets: 'any', webhookIds: [webhookId] });

beforeAll(async () => {
  organization = await createTestOrganization({ legalName: 'Flux SA' });
  const person = await createTestMember(organization.id, 'legal_representative', 'flux');
  manager = await bearerOf(person);
  const other = await createTestMember(organization.id, 'member', 'flux-colleague');
  colleague = await membershipOf(other.personId, organization.id);
}, 120_000);

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
});

describe('audit webhooks', () => {
  it('a manager registers one and sees its secret once; each entry then arrives signed, once, with what changed', async () => {
    const sink = await receiver();
    const webhook = await register(manager, `/organizations/${organization.id}/audit/webhooks`, sink.url);
    expect(webhook.secret).toMatch(/^whsec_/);
    const listed = await callApi(manager, 'get', `/organizations/${organization.id}/audit/webhooks`);
    expect(listed.body.webhooks).toEqual([expect.objectContaining({ id: webhook.id, url: sink.url, description: 'SIEM' })]);
    expect(JSON.stringify(listed.body)).not.toContain(webhook.secret);

    await auditedChange('observer');
    expect(await drain(webhook.id)).toEqual({ delivered: 2, failed: 0 });
    expect(sink.received.every((r) => signatureHolds(webhook.secret, r))).toBe(true);
    const [registered, changed] = sink.accepted();
    expect(registered?.event.data.action).toBe('audit_webhook.registered');
    expect(changed?.event).toMatchObject({
      type: 'audit.entry',
      data: {
        action: 'membership.role_changed',
        actor: 'Test',
        organization: { id: organization.id, legalName: 'Flux SA' },
        subject: { type: 'membership', id: colleague },
        before: { role: 'member' },
        after: { role: 'observer' },
      },
    });
    expect(changed?.id).toBe(`audit-${changed?.event.data.id}`);
    expect(await drain(webhook.id)).toEqual({ delivered: 0, failed: 0 });

    const log = await callApi(manager, 'get', `/organizations/${organization.id}/audit/webhooks/${webhook.id}/deliveries`);
    expect(log.body.deliveries.map((d: { action: string; status: string; lastStatus: number }) => `${d.action} ${d.status} ${d.lastStatus}`)).toEqual([
      'membership.role_changed delivered 200',
      'audit_webhook.registered delivered 200',
    ]);
    await callApi(manager, 'delete', `/organizations/${organization.id}/audit/webhooks/${webhook.id}`);
  });

  it('a receiver that is down is asked once per interval, then gets every entry once: nothing lost, nothing twice', async () => {
    const sink = await receiver();
    const webhook = await register(manager, `/organizations/${organization.id}/audit/webhooks`, sink.url);
    await drain(webhook.id);
    sink.down = true;
    sink.received.length = 0;
    await auditedChange('member');
    await auditedChange('observer');
    await auditedChange('member');
    expect(await drain(webhook.id)).toEqual({ delivered: 0, failed: 1 });
    expect(sink.received).toHaveLength(1); // the webhook is paused: one try per interval, not one per entry
    const log = async () =>
      (await callApi(manager, 'get', `/organizations/${organization.id}/audit/webhooks/${webhook.id}/deliveries`)).body.deliveries as Array<{
        status: string;
        attempts: number;
        lastStatus: number | null;
        nextAttemptAt: string | null;
      }>;
    expect((await log()).slice(0, 3).map((d) => d.status)).toEqual(['pending', 'pending', 'pending']);
    expect((await log()).some((d) => d.lastStatus === 503 && d.nextAttemptAt !== null)).toBe(true);

    sink.down = false;
    // The backoff has run out (as if a second had passed): due again.
    await database().query('UPDATE audit_webhook SET paused_until = now() WHERE id = $1', [webhook.id]);
    expect(await drain(webhook.id)).toEqual({ delivered: 3, failed: 0 });
    const ids = sink.accepted().map((a) => a.id);
    expect(new Set(ids).size).toBe(3);
    expect(sink.accepted().map((a) => a.event.data.after.role)).toEqual(['member', 'observer', 'member']);
    expect((await log()).slice(0, 3).every((d) => d.status === 'delivered')).toBe(true);
    await callApi(manager, 'delete', `/organizations/${organization.id}/audit/webhooks/${webhook.id}`);
  });

  it('a slow receiver holds no command back: entries are written while one is being sent', async () => {
    let release: (() => void) | undefined;
    let released = false;
    let arrived: (() => void) | undefined;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    // Holds the first request until released; answers the next ones at once.
    const slow = createServer((request, response) => {
      request.resume();
      if (released) return void response.writeHead(200).end();
      arrived?.();
      release = () => {
        if (released) return;
        released = true;
        response.writeHead(200).end();
      };
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const webhook = await register(manager, `/organizations/${organization.id}/audit/webhooks`, `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`);
      const sending = drain(webhook.id);
      await arrival;
      // Each would wait for the send if the delivery held a lock that the entry's delivery row needs.
      await auditedChange('observer');
      await auditedChange('member');
      release?.();
      expect(await sending).toEqual({ delivered: 3, failed: 0 });
      await callApi(manager, 'delete', `/organizations/${organization.id}/audit/webhooks/${webhook.id}`);
    } finally {
      release?.();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });

  it("a revoked webhook gets nothing more, its undelivered entries are marked failed; another organization's manager finds nothing", async () => {
    const sink = await receiver();
    const webhook = await register(manager, `/organizations/${organization.id}/audit/webhooks`, sink.url);
    const elsewhere = await createTestOrganization();
    const stranger = await bearerOf(await createTestMember(elsewhere.id, 'legal_representative', 'flux-stranger'));
    expect((await callApi(stranger, 'get', `/organizations/${elsewhere.id}/audit/webhooks/${webhook.id}/deliveries`)).status).toBe(404);
    expect((await callApi(stranger, 'delete', `/organizations/${elsewhere.id}/audit/webhooks/${webhook.id}`)).status).toBe(404);
    await auditedChange('observer');
    expect((await callApi(manager, 'delete', `/organizations/${organization.id}/audit/webhooks/${webhook.id}`)).status).toBe(204);
    await auditedChange('member');
    expect(await drain(webhook.id)).toEqual({ delivered: 0, failed: 0 });
    expect(sink.received).toHaveLength(0);
    const { rows } = await database().query<{ failed: number; pending: number }>(
      `SELECT count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed, count(*) FILTER (WHERE failed_at IS NULL AND delivered_at IS NULL)::int AS pending FROM audit_delivery WHERE webhook_id = $1`,
      [webhook.id],
    );
    expect(rows[0]).toEqual({ failed: 2, pending: 0 }); // its registration and the change before the revocation
    expect((await callApi(manager, 'get', `/organizations/${organization.id}/audit/webhooks`)).body.webhooks.map((w: { id: string }) => w.id)).not.toContain(
      webhook.id,
    );
  });

  it('at most five at once, and a URL that is not one is refused with the field', async () => {
    const bounded = await createTestOrganization();
    const representative = await bearerOf(await createTestMember(bounded.id, 'legal_representative', 'flux-bounded'));
    const path = `/organizations/${bounded.id}/audit/webhooks`;
    for (let i = 0; i < 5; i++) await register(representative, path, `http://127.0.0.1:9/hook-${i}`);
    const sixth = await callApi(representative, 'post', path, { url: 'http://127.0.0.1:9/hook-6' });
    expect([sixth.status, sixth.body.code]).toEqual([409, 'webhook.too_many']);
    const wrong = await callApi(representative, 'post', path, { url: 'siem.example.ch' });
    expect([wrong.status, wrong.body.code, wrong.body.field]).toEqual([422, 'webhook.url_invalid', '/url']);
    expect(wrong.body.detail ?? wrong.body.title).toBeTruthy();
  });

  it("the operator's platform webhook receives the entries of every organization", async () => {
    const sink = await receiver();
    const operator = await bearerOf(await createTestOperator());
    const webhook = await register(operator, '/operator/audit/webhooks', sink.url);
    const second = await createTestOrganization({ legalName: 'Deuxième SA' });
    await auditedChange('observer');
    await drain(webhook.id);
    const organizations = new Set(sink.accepted().map((a) => a.event.data.organization?.id));
    expect(organizations).toContain(organization.id);
    expect(organizations).toContain(second.id);
    expect(sink.received.every((r) => signatureHolds(webhook.secret, r))).toBe(true);
    expect((await callApi(operator, 'delete', `/operator/audit/webhooks/${webhook.id}`)).status).toBe(204);
  });
});

import type { Server } from 'node:http';
import nodemailer from 'nodemailer';
import * as oidc from 'openid-client';
import { createHoldersClient } from '@procura/express-kit';
import { createInboxApp } from '@procura/example-employer-inbox/app';
import { demoLetters } from '@procura/example-employer-inbox/letters';
import { CookieJar, signInThroughKeycloak } from './browserless.js';
import { waitForLoginCode } from './mail.js';
import { serviceClientSecret } from '../harness/service-clients.js';
import { stack } from './stack.js';

/** The example employer inbox (R29), in-process on a free port, against the run's realm and sync-service. */
export interface RunningInbox {
  readonly url: string;
  /** The redirect URI registered for svc-employer-inbox in the run's realm, under the sync-service's URL. */
  readonly redirectUri: string;
  /** The key an emitting service presents to deposit a letter (`POST /deposits`). */
  readonly depositKey: string;
  close(): Promise<void>;
}

export async function startInbox(): Promise<RunningInbox> {
  const info = stack();
  const issuer = `${info.keycloak.url}/realms/${info.keycloak.realm}`;
  const secret = await serviceClientSecret(info.keycloak, 'employer-inbox');
  const configuration = await oidc.discovery(new URL(issuer), 'svc-employer-inbox', secret, undefined, { execute: [oidc.allowInsecureRequests] });
  const redirectUri = `${info.publicUrl}/services/employer-inbox/callback`;
  const depositKey = 'test-deposit-key';
  const mailer = nodemailer.createTransport({ host: info.mail.smtpHost, port: info.mail.smtpPort, secure: false, ignoreTLS: true });
  const app = createInboxApp({
    oidc: configuration,
    redirectUri,
    kit: { issuer, audience: 'svc-employer-inbox', decisions: { procuraUrl: info.publicUrl, clientSecret: secret } },
    letters: demoLetters,
    depositKey,
    holders: createHoldersClient({ procuraUrl: info.publicUrl, issuer, clientId: 'svc-employer-inbox', clientSecret: secret }),
    send: async (mail) => {
      await mailer.sendMail({ from: 'courriers@inbox.example', ...mail });
    },
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, redirectUri, depositKey, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A browser of the inbox, logged in by `person` through its /login and Keycloak's real pages. */
export interface InboxBrowser {
  get(path: string): Promise<{ status: number; html: string; location: string | null }>;
  post(path: string): Promise<{ status: number; html: string; location: string | null }>;
}

export async function logInToInbox(inbox: Pick<RunningInbox, 'url' | 'redirectUri'>, person: { email: string; password: string }): Promise<InboxBrowser> {
  const start = await fetch(`${inbox.url}/login`, { redirect: 'manual' });
  const cookie = /inbox_session=[^;]+/.exec(start.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('the inbox set no session cookie');
  const readCode = (reference: string) => waitForLoginCode(person.email, reference, 15_000, stack().mail.webUrl);
  // Keycloak sends the browser back to the registered redirect URI; the test carries it to the inbox, as a reverse proxy would.
  const callback = new URL(await signInThroughKeycloak(new CookieJar(), start.headers.get('location')!, inbox.redirectUri, person, { readCode }));
  const back = await fetch(`${inbox.url}${callback.pathname}${callback.search}`, { headers: { cookie }, redirect: 'manual' });
  if (back.status !== 302) throw new Error(`inbox callback answered ${back.status}: ${await back.text()}`);
  const call = async (method: string, path: string) => {
    const response = await fetch(`${inbox.url}${path}`, { method, headers: { cookie }, redirect: 'manual' });
    return { status: response.status, html: await response.text(), location: response.headers.get('location') };
  };
  return { get: (path) => call('GET', path), post: (path) => call('POST', path) };
}

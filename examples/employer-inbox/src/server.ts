import nodemailer from 'nodemailer';
import * as oidc from 'openid-client';
import { createHoldersClient } from '@procura/express-kit';
import { createInboxApp } from './app.js';
import { demoLetters } from './letters.js';

/**
 * Runs the employer inbox beside the stack (`npm start -w examples/employer-inbox`). Reads:
 * INBOX_CLIENT_SECRET (required: the secret of svc-employer-inbox), KEYCLOAK_URL
 * (http://localhost:8080), KEYCLOAK_REALM (procura), PROCURA_URL (http://localhost:3000),
 * PORT (8090), INBOX_PUBLIC_URL (http://localhost:$PORT); INBOX_DEPOSIT_KEY (none: no deposits),
 * INBOX_SMTP_HOST (127.0.0.1) and INBOX_SMTP_PORT (1025) for the « Action requise » e-mails.
 */
const env = process.env;
const secret = env.INBOX_CLIENT_SECRET;
if (!secret) {
  console.error(
    'INBOX_CLIENT_SECRET est requis (le secret du client svc-employer-inbox) / is required (the secret of client svc-employer-inbox): see README.md',
  );
  process.exit(1);
}
const port = Number(env.PORT ?? 8090);
const publicUrl = env.INBOX_PUBLIC_URL ?? `http://localhost:${port}`;
const issuer = `${env.KEYCLOAK_URL ?? 'http://localhost:8080'}/realms/${env.KEYCLOAK_REALM ?? 'procura'}`;
const clientId = 'svc-employer-inbox';
const insecure = issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {};

const configuration = await oidc.discovery(new URL(issuer), clientId, secret, undefined, insecure).catch((error: unknown) => {
  console.error(`Keycloak injoignable / unreachable: ${issuer} (npm start tourne-t-il ? / is npm start running?)`, error);
  process.exit(1);
});
const procuraUrl = env.PROCURA_URL ?? 'http://localhost:3000';
// A local relay (the mail sink) speaks plain SMTP; a real one is the operator's to configure.
const mailer = nodemailer.createTransport({
  host: env.INBOX_SMTP_HOST ?? '127.0.0.1',
  port: Number(env.INBOX_SMTP_PORT ?? 1025),
  secure: false,
  ignoreTLS: true,
});
const app = createInboxApp({
  oidc: configuration,
  redirectUri: `${publicUrl}/employer-inbox/callback`,
  kit: { issuer, audience: clientId, decisions: { procuraUrl, clientSecret: secret } },
  letters: demoLetters,
  ...(env.INBOX_DEPOSIT_KEY ? { depositKey: env.INBOX_DEPOSIT_KEY } : {}),
  holders: createHoldersClient({ procuraUrl, issuer, clientId, clientSecret: secret }),
  send: async (mail) => {
    await mailer.sendMail({ from: 'Vos courriers <courriers@procura.example>', ...mail });
  },
});
app.listen(port, () => console.log(`Vos courriers / Employer inbox: ${publicUrl}`));

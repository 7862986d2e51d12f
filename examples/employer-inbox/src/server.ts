import * as oidc from 'openid-client';
import { createInboxApp } from './app.js';
import { demoLetters } from './letters.js';

/**
 * Runs the employer inbox beside the stack (`npm start -w examples/employer-inbox`). Reads:
 * INBOX_CLIENT_SECRET (required: the secret of svc-employer-inbox), KEYCLOAK_URL
 * (http://localhost:8080), KEYCLOAK_REALM (procura), PROCURA_URL (http://localhost:3000),
 * PORT (8090), INBOX_PUBLIC_URL (http://localhost:$PORT).
 */
const env = process.env;
const secret = env.INBOX_CLIENT_SECRET;
if (!secret) {
  console.error('INBOX_CLIENT_SECRET est requis (le secret du client svc-employer-inbox) / is required (the secret of client svc-employer-inbox): see README.md');
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
const app = createInboxApp({
  oidc: configuration,
  redirectUri: `${publicUrl}/employer-inbox/callback`,
  kit: { issuer, audience: clientId, decisions: { procuraUrl: env.PROCURA_URL ?? 'http://localhost:3000', clientSecret: secret } },
  letters: demoLetters,
});
app.listen(port, () => console.log(`Vos courriers / Employer inbox: ${publicUrl}`));

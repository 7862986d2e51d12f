import { join } from 'node:path';
import { isAlive, startManaged, type ManagedProcess } from './processes.js';
import { repoRoot } from './paths.js';
import { waitUntil } from './ports.js';
import { registerRedirectUri, serviceClientSecret } from './service-clients.js';
import type { StackInfo } from './stack.js';

/** The example employer inbox (examples/employer-inbox) running beside the stack. */
export interface RunningEmployerInbox {
  readonly url: string;
  readonly process: ManagedProcess;
}

/** Its server, by absolute path: `.ci/run`'s left-over check looks for it. */
export const employerInboxServer = join(repoRoot, 'examples/employer-inbox/src/server.ts');

/**
 * Starts the example inbox (R29) as a process of its own, with its demo letters, against the stack:
 * its client secret read through Keycloak's admin API and its redirect URI registered
 * (docs/decisions/0021-example-service-secret.md). Resolves once it answers; stopped with the
 * returned process (a managed process group: Ctrl-C and the harness's exit handlers stop it too).
 */
export async function startEmployerInbox(
  info: StackInfo,
  options: { port: number; logFile: string; log?: (message: string) => void },
): Promise<RunningEmployerInbox> {
  const url = `http://localhost:${options.port}`;
  const redirectUri = `${url}/employer-inbox/callback`;
  const secret = await serviceClientSecret(info.keycloak, 'employer-inbox');
  if (await registerRedirectUri(info.keycloak, 'employer-inbox', redirectUri)) options.log?.(`redirect URI ${redirectUri} registered for svc-employer-inbox`);
  const inbox = startManaged('employer-inbox', process.execPath, ['--import', 'tsx', employerInboxServer], {
    cwd: join(repoRoot, 'examples/employer-inbox'),
    env: {
      ...process.env,
      INBOX_CLIENT_SECRET: secret,
      KEYCLOAK_URL: info.keycloak.url,
      KEYCLOAK_REALM: info.keycloak.realm,
      PROCURA_URL: info.publicUrl,
      PORT: String(options.port),
      INBOX_PUBLIC_URL: url,
      INBOX_SMTP_HOST: info.mail.smtpHost,
      INBOX_SMTP_PORT: String(info.mail.smtpPort),
    },
    logFile: options.logFile,
  });
  try {
    await waitUntil(
      'the employer inbox',
      async () => (await fetch(`${url}/`)).ok,
      60_000,
      () => (isAlive(inbox.pid) ? undefined : `it exited (see ${options.logFile})`),
    );
  } catch (error) {
    await inbox.stop();
    throw error;
  }
  return { url, process: inbox };
}

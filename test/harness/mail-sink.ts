import { createRequire } from 'node:module';
import { join } from 'node:path';
import { freePort, waitUntil } from './ports.js';
import { startManaged, type ManagedProcess } from './processes.js';

/** The SMTP sink (maildev): Keycloak and the sync-service send here; tests read its REST API. */
export interface MailSink {
  readonly smtpPort: number;
  /** Web UI and REST API (`GET /email`). */
  readonly webUrl: string;
  readonly process: ManagedProcess;
}

const require = createRequire(import.meta.url);

export async function startMailSink(logDir: string, ports?: { smtp: number; web: number }): Promise<MailSink> {
  const smtpPort = ports?.smtp ?? (await freePort());
  const webPort = ports?.web ?? (await freePort());
  const bin = join(require.resolve('maildev/package.json'), '../bin/maildev');
  const child = startManaged('maildev', process.execPath, [bin, '--ip', '127.0.0.1', '--smtp', String(smtpPort), '--web', String(webPort), '--silent'], {
    env: process.env,
    logFile: join(logDir, 'maildev.log'),
  });
  const webUrl = `http://127.0.0.1:${webPort}`;
  try {
    await waitUntil('the mail sink', async () => (await fetch(`${webUrl}/healthz`)).ok, 30_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { smtpPort, webUrl, process: child };
}

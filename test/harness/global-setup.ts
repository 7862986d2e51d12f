import type { TestProject } from 'vitest/node';
import { startApp } from './app.js';
import { installExitHandlers } from './processes.js';
import { startStack, type StackInfo } from './stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

const log = (message: string): void => console.log(`[stack] ${message}`);

/**
 * Starts ONE real stack for the whole run (Keycloak on PostgreSQL, a database of the run's own, the
 * SMTP sink) on free ports, and stops it at the end, on failure and on Ctrl-C.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const stack = await startStack({ purpose: 'test', log, cheapPasswordHashing: true });
  installExitHandlers(() => stack.stop());
  const app = await startApp(stack.info).catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  log(
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s: Keycloak ${stack.info.keycloak.version}, database ${new URL(stack.info.databaseUrl).pathname.slice(1)}, mail sink ${stack.info.mail.webUrl}, sync-service ${stack.info.publicUrl}`,
  );
  // Every group of files (vitest.config.ts's projects) reaches the same stack.
  for (const each of new Set([project, ...project.vitest.projects])) each.provide('stack', stack.info);
  return async () => {
    // What the run sent: a figure to watch (every wait for an e-mail asks the sink).
    const mails = await fetch(`${stack.info.mail.webUrl}/email`).then(
      async (response) => ((await response.json()) as unknown[]).length,
      () => undefined,
    );
    if (mails !== undefined) log(`the mail sink received ${mails} e-mails in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await app.close();
    await stack.stop();
    log('stopped');
  };
}

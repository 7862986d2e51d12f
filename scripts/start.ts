/**
 * `npm start`: the whole product on this machine. PostgreSQL (DATABASE_URL, else the local server,
 * else an embedded one), the SMTP sink with its web UI, Keycloak with the realm, the sync-service
 * serving the console; demo data seeded once; the example employer inbox (examples/employer-inbox)
 * beside it; URLs and demo logins printed. Ctrl-C stops it all.
 * `npm start -- --reset` drops the dev database first (only one these scripts created).
 * `npm start -- --profile NAME` runs the portal of a shipped profile (sync-service/profiles/, issue
 * 17): the sync-service and the realm set-up follow it, on a dev database of its own.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { serviceEnvironment } from '../test/harness/app.js';
import { startEmployerInbox, type RunningEmployerInbox } from '../test/harness/employer-inbox.js';
import { startStack, type StackInfo } from '../test/harness/stack.js';
import { devDatabaseFor } from '../test/harness/databases.js';
import { installExitHandlers, startManaged, type ManagedProcess } from '../test/harness/processes.js';
import { run } from '../test/harness/run.js';
import { cacheDir, repoRoot } from '../test/harness/paths.js';
import { waitUntil } from '../test/harness/ports.js';
import { createKeycloakAdmin } from '@procura/sync-service/keycloak';
import { defaultProfile, loadProfile, shippedProfiles, type Profile } from '@procura/sync-service/profile/profile';
import { demoOperatorEmail, demoPassword, seedDemo, worldFor } from '@procura/sync-service/demo';

const log = (message: string): void => console.log(`[start] ${message}`);
const port = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const ports = {
  app: port('PORT', 3000),
  keycloak: port('KEYCLOAK_PORT', 8080),
  smtp: port('MAIL_SMTP_PORT', 1025),
  mailWeb: port('MAIL_WEB_PORT', 1080),
  inbox: port('INBOX_PORT', 8090),
};
// The service clients' redirect URIs point where the example inbox runs (a realm created by this run).
process.env.PROCURA_SERVICES_BASE_URL ??= `http://localhost:${ports.inbox}`;

const profile = chosenProfile(process.argv.slice(2));
// The realm set-up (the login page's name and colours) and the sync-service read the same profile.
process.env.PROCURA_PROFILE = profile.id;
await assertPortsFree();
const stack = await startStack({ purpose: 'dev', log, reset: process.argv.includes('--reset'), ports, devDatabase: devDatabaseFor(profile.id) });
// Filled as each starts; the exit handler stops what has started so far.
const running: { service?: ManagedProcess; inbox?: RunningEmployerInbox } = {};
installExitHandlers(async () => {
  log('stopping…');
  await running.inbox?.process.stop();
  await running.service?.stop();
  await stack.stop();
});
log('building the console (vite build)');
await run('npm', ['run', 'build', '-w', 'console'], { cwd: repoRoot });
await seed(stack.info);
running.service = startManaged('sync-service', process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  cwd: join(repoRoot, 'sync-service'),
  env: { ...process.env, ...serviceEnvironment(stack.info), PROCURA_CONSOLE_DIR: join(repoRoot, 'console/dist') },
  logFile: join(cacheDir, 'logs/dev/sync-service.log'),
});
await waitUntil('the sync-service', async () => (await fetch(`${stack.info.publicUrl}/healthz`)).ok, 60_000);
log('starting the example employer inbox');
running.inbox = await startEmployerInbox(stack.info, { port: ports.inbox, logFile: join(cacheDir, 'logs/dev/employer-inbox.log'), log });
printWelcome(stack.info, running.inbox.url, profile);
// Stay up until Ctrl-C; the exit handlers stop every process started above.
await new Promise<never>(() => {});

async function seed(info: StackInfo): Promise<void> {
  const pool = new pg.Pool({ connectionString: info.databaseUrl });
  pool.on('error', () => {}); // a connection cut while idle: replaced, never a crash
  try {
    const keycloak = createKeycloakAdmin({
      url: info.keycloak.url,
      realm: info.keycloak.realm,
      clientId: info.clients.sync.clientId,
      auth: { secret: info.clients.sync.secret },
    });
    const seeded = await seedDemo(pool, keycloak, log, profile);
    log(seeded ? 'demo data seeded' : 'demo data already there');
  } finally {
    await pool.end();
  }
}

/** `--profile NAME` (or `--profile=NAME`): a shipped profile, checked before anything starts; else the default. */
function chosenProfile(args: readonly string[]): Profile {
  const at = args.findIndex((arg) => arg === '--profile' || arg.startsWith('--profile='));
  const name = at < 0 ? defaultProfile : args[at]!.includes('=') ? args[at]!.slice('--profile='.length) : args[at + 1];
  const shipped = shippedProfiles();
  if (!name || !shipped.includes(name)) {
    console.error(`[start] ${name ? `no profile "${name}"` : '--profile needs a name'}; the shipped ones are: ${shipped.join(', ')}`);
    process.exit(2);
  }
  return loadProfile({ PROCURA_PROFILE: name });
}

function printWelcome(info: StackInfo, inboxUrl: string, profile: Profile): void {
  const world = worldFor(profile.id);
  const account = `${info.keycloak.url}/realms/${info.keycloak.realm}/account`;
  console.log(`
${profile.name.en} is running (profile ${profile.id}, Keycloak ${info.keycloak.version}, PostgreSQL: ${info.postgres.kind}). Ctrl-C stops everything.

  Console            ${info.publicUrl}
  Sign in (account)  ${account}
  Mail sink          ${info.mail.webUrl}   (login codes arrive here: after the password, a one-time code, R2)
  SMS sink           ${info.sms.url}/sms   (codes sent by SMS, as JSON)
  Keycloak admin     ${info.keycloak.url}/admin  (${info.keycloak.adminUser} / ${info.keycloak.adminPassword}, kept in the database)
  Database           DATABASE_URL=${info.databaseUrl}
                     (for the CLI: npx tsx sync-service/src/cli.ts …, with KEYCLOAK_URL=${info.keycloak.url}
                      and PROCURA_SYNC_CLIENT_SECRET=${info.clients.sync.secret})
  Employer inbox     ${inboxUrl}   (example service, R29: letters for holders of its read right)

Demo logins (password: ${demoPassword}):
${world.people.map((p) => `  ${p.email}`).join('\n')}
  ${demoOperatorEmail}
  ${world.tour};
  Olivia is the operator's staff (/api/v1/operator/queue, R31).

First steps (docs/first-steps.md): sign an organization up at ${info.publicUrl}/sign-up with
${world.signUpCandidates.map((entry) => `  ${entry.identifier} (${entry.name})`).join('\n')}
  then validate it as Olivia in the console's back office, and activate it from the mail sink.
`);
}

async function assertPortsFree(): Promise<void> {
  const names: Record<keyof typeof ports, string> = {
    app: 'PORT',
    keycloak: 'KEYCLOAK_PORT',
    smtp: 'MAIL_SMTP_PORT',
    mailWeb: 'MAIL_WEB_PORT',
    inbox: 'INBOX_PORT',
  };
  for (const [key, value] of Object.entries(ports) as Array<[keyof typeof ports, number]>) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer()
        .once('error', () => resolve(false))
        .listen(value, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (!free) throw new Error(`port ${value} is taken: stop what uses it, or set ${names[key]} to another port`);
  }
}

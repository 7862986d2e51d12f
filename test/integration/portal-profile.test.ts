import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '@procura/sync-service/migrations';
import { claimDatabase } from '@procura/sync-service/profile/store';
import { serviceEnvironment } from '../harness/app.js';
import { createOwnedDatabase, dropOwnedDatabase } from '../harness/databases.js';
import { repoRoot } from '../harness/paths.js';
import { uniqueSiren } from '../helpers/organizations.js';
import { startOwnApp } from '../helpers/own-app.js';
import { uniqueEmail } from '../helpers/people.js';
import { database, stack } from '../helpers/stack.js';

const created: string[] = [];
afterAll(async () => {
  for (const name of created) await dropOwnedDatabase(stack().postgres.adminUrl, name);
});

async function freshDatabase(): Promise<string> {
  const name = `procura_profile_${randomBytes(4).toString('hex')}`;
  created.push(name);
  const url = await createOwnedDatabase(stack().postgres.adminUrl, name, 'test');
  await migrate(url);
  return url;
}

/** The server's start, as `npm start` and the image run it, until it exits or listens. */
function startServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: join(repoRoot, 'sync-service'),
      env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('sync-service listening')) child.kill('SIGTERM');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe("the portal's profile", () => {
  it('GET /portal tells the console, without a session, the portal it serves: name, colours, role labels, what it offers', async () => {
    const response = await fetch(`${stack().publicUrl}/portal`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      id: string;
      name: { fr: string };
      roles: { labels: { deputy: { fr: string } } };
      look: { logo: string; colours: { primary: string } };
    };
    expect(body).toMatchObject({
      id: 'procura',
      name: { fr: 'Procura' },
      roles: { labels: { deputy: { fr: 'Requérant adjoint' } } },
      look: { colours: { primary: '#1d4e89' } },
    });
    const logo = await fetch(`${stack().publicUrl}${body.look.logo}`);
    expect(logo.headers.get('content-type')).toContain('image/svg+xml');
    expect(await logo.text()).toContain('<svg');
  });

  it('a database remembers the profile it was started with, and refuses another', async () => {
    const url = await freshDatabase();
    const pool = new pg.Pool({ connectionString: url });
    pool.on('error', () => {}); // a connection cut while idle: replaced, never a crash
    try {
      await claimDatabase(pool, 'procura');
      await claimDatabase(pool, 'procura');
      await expect(claimDatabase(pool, 'peps')).rejects.toThrow(
        'this database was started with the profile "procura", not "peps": start with --profile procura',
      );
      expect((await pool.query('SELECT profile FROM portal_profile')).rows).toEqual([{ profile: 'procura' }]);
    } finally {
      await pool.end();
    }
  });

  it('the server started on a database of another profile stops before serving, saying what to do', async () => {
    const url = await freshDatabase();
    const pool = new pg.Pool({ connectionString: url });
    pool.on('error', () => {}); // a connection cut while idle: replaced, never a crash
    await claimDatabase(pool, 'procura').finally(() => pool.end());
    const folder = mkdtempSync(join(tmpdir(), 'procura-profile-'));
    const own = { ...(JSON.parse(readFileSync(join(repoRoot, 'sync-service/profiles/procura.json'), 'utf8')) as object), id: 'my-portal' };
    writeFileSync(join(folder, 'my-portal.json'), JSON.stringify(own));
    const port = String(40_000 + Math.floor(Math.random() * 10_000));
    const refused = await startServer({ ...serviceEnvironment(stack()), DATABASE_URL: url, PORT: port, PROCURA_PROFILE: join(folder, 'my-portal.json') });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('this database was started with the profile "procura", not "my-portal"');
    expect(refused.output).not.toContain('sync-service listening');
  }, 60_000);

  it('a sign-up with an identifier kind the portal does not take is refused, naming what it accepts, and nothing is filed', async () => {
    const swiss = await startOwnApp({ PROCURA_PROFILE: 'fer-ge' });
    try {
      const siren = uniqueSiren();
      const form = {
        identifier: siren,
        legalName: 'Boulangerie Inscrite',
        representative: { givenName: 'Léa', familyName: 'Favre', function: 'Gérante', email: uniqueEmail('representative') },
      };
      const post = (base: string) => fetch(`${base}/sign-ups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(form) });
      const refused = await post(swiss.base);
      expect(refused.status).toBe(422);
      const problem = (await refused.json()) as { code: string; field: string; messages: { fr: string } };
      expect(problem).toMatchObject({ code: 'organization.identifier_kind_not_offered', field: '/identifier' });
      expect(problem.messages.fr).toContain("il accepte : numéro d'affilié, IDE");
      expect((await database().query('SELECT 1 FROM sign_up WHERE identifier = $1', [siren])).rowCount).toBe(0);
      // The mixed profile takes a SIREN: the same form goes on to the registry's check.
      const mixed = await post(`${stack().publicUrl}/api/v1`);
      expect(((await mixed.json()) as { code?: string }).code).not.toBe('organization.identifier_kind_not_offered');
    } finally {
      await swiss.close();
    }
  });
});

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { worldFor, writeDemoWorld } from '@procura/sync-service/demo';
import { migrate } from '@procura/sync-service/migrations';
import { loadProfile, shippedProfiles } from '@procura/sync-service/profile/profile';
import { createOwnedDatabase, dropOwnedDatabase } from '../harness/databases.js';
import { stack } from '../helpers/stack.js';

/**
 * Issue 17 item 2: each portal's demo world is written through the domain commands under that
 * portal's own rules (its identifier kinds, types, roles, who adds units, shared identifiers), in a
 * database of its own as `npm start -- --profile NAME` makes one. The projection onto Keycloak is
 * the one every other test checks; here nothing is projected.
 */
const created: string[] = [];
afterAll(async () => {
  for (const name of created) await dropOwnedDatabase(stack().postgres.adminUrl, name);
});

describe('the demo world of each portal', () => {
  it.each(shippedProfiles())(
    '%s: written under its own profile, every organization and membership there',
    async (name) => {
      const database = `procura_world_${randomBytes(4).toString('hex')}`;
      created.push(database);
      const url = await createOwnedDatabase(stack().postgres.adminUrl, database, 'test');
      await migrate(url);
      const pool = new pg.Pool({ connectionString: url });
      pool.on('error', () => {}); // a connection cut while idle: replaced, never a crash
      try {
        await writeDemoWorld(pool, loadProfile({ PROCURA_PROFILE: name }));
        const world = worldFor(name);
        const organizations = await pool.query<{ legal_name: string; type: string }>('SELECT legal_name, type FROM organization ORDER BY legal_name');
        expect(organizations.rows).toEqual(
          world.organizations.map((o) => ({ legal_name: o.legalName, type: o.type })).sort((a, b) => a.legal_name.localeCompare(b.legal_name)),
        );
        const memberships = await pool.query<{ count: string }>("SELECT count(*) FROM membership WHERE status = 'active'");
        expect(Number(memberships.rows[0]!.count)).toBe(world.organizations.reduce((sum, o) => sum + o.members.length, 0));
        const mandates = await pool.query<{ count: string }>("SELECT count(*) FROM mandate WHERE status = 'active'");
        expect(Number(mandates.rows[0]!.count)).toBe(world.mandates.length);
      } finally {
        await pool.end();
      }
    },
    60_000,
  );
});

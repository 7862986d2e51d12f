import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbedded } from '../harness/postgres.js';

describe('the embedded PostgreSQL, for laptops without a server', () => {
  it('starts a real server on a free port, answers SQL, and stops', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'procura-pg-'));
    chmodSync(parent, 0o755); // as root, PostgreSQL runs as the postgres user, who must reach the folder
    const dataDir = join(parent, 'data');
    const server = await startEmbedded(dataDir, () => {});
    try {
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      await client.end();
      expect(Number.parseInt(rows[0]!.server_version, 10)).toBeGreaterThanOrEqual(15);
    } finally {
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    }
    const after = new pg.Client({ connectionString: server.adminUrl, connectionTimeoutMillis: 2000 });
    await expect(after.connect()).rejects.toThrow();
  });
});

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shippedProfiles } from '@procura/sync-service/profile/profile';
import { devDatabaseFor } from '../harness/databases.js';
import { repoRoot } from '../harness/paths.js';

const run = promisify(execFile);

/** `npm start -- …`, stopped at its first check (nothing is started before it). */
async function start(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await run(join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/start.ts', ...args], { cwd: repoRoot, timeout: 60_000, env: { ...process.env, PORT: '1' } });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

/** Issue 17 item 3: `npm start -- --profile NAME`. */
describe('npm start -- --profile NAME', () => {
  it('refuses an unknown name at once, listing the shipped profiles (exit 2)', async () => {
    const answer = await start('--profile', 'no-such-portal');
    expect(answer.code).toBe(2);
    expect(answer.stderr).toContain('no profile "no-such-portal"');
    expect(answer.stderr).toContain(`the shipped ones are: ${shippedProfiles().join(', ')}`);
    expect((await start('--profile')).code).toBe(2);
  }, 120_000);

  it("keeps one dev database per profile, the default's being today's", () => {
    expect(devDatabaseFor('procura')).toBe('procura_dev');
    expect(devDatabaseFor('ge-edemarches')).toBe('procura_dev_ge_edemarches');
    expect(new Set(shippedProfiles().map(devDatabaseFor)).size).toBe(shippedProfiles().length);
  });
});

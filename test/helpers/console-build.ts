import { execFile } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { consoleDir } from '../harness/app.js';
import { repoRoot } from '../harness/paths.js';
import { stack } from './stack.js';

const run = promisify(execFile);

/**
 * Builds the console (Vite) into the folder the run's sync-service serves, once per run: the first
 * test file that needs it builds aside and renames into place; the others find it built. Nothing
 * built is committed.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  const target = consoleDir(stack());
  if (existsSync(join(target, 'index.html'))) return;
  const aside = `${target}.${process.pid}`;
  const vite = join(repoRoot, 'node_modules/.bin/vite');
  await run(vite, ['build', '--outDir', aside, '--emptyOutDir', '--logLevel', 'warn'], { cwd: join(repoRoot, 'console') });
  try {
    rmSync(target, { recursive: true, force: true });
    renameSync(aside, target);
  } catch (error) {
    // Another test file renamed its build in first: the same sources, so keep it.
    rmSync(aside, { recursive: true, force: true });
    if (!existsSync(join(target, 'index.html'))) throw error;
  }
}

/**
 * `npm run check`: the type checks of both TypeScript projects, the linter and the formatter's check, side by side (each is
 * single-threaded; on 2 cores together they take the longest one's time, not the sum). Each one's
 * output is printed whole once it ends, never interleaved; the exit status is non-zero when any failed.
 */
import { spawn } from 'node:child_process';

const checks: ReadonlyArray<{ name: string; command: string; args: string[] }> = [
  { name: 'typecheck', command: 'npx', args: ['tsc', '-p', 'tsconfig.json'] },
  { name: 'typecheck console', command: 'npx', args: ['tsc', '-p', 'console/tsconfig.json'] },
  { name: 'lint', command: 'npm', args: ['run', '-s', 'lint'] },
  { name: 'format', command: 'npx', args: ['prettier', '--check', '--log-level', 'warn', '.'] },
];

const started = Date.now();
const results = await Promise.all(
  checks.map(
    (check) =>
      new Promise<{ name: string; code: number; output: string; seconds: number }>((resolve) => {
        const child = spawn(check.command, check.args, { stdio: ['ignore', 'pipe', 'pipe'] });
        const output: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
        child.on('close', (code) => {
          const result = { name: check.name, code: code ?? 1, output: Buffer.concat(output).toString(), seconds: (Date.now() - started) / 1000 };
          console.log(`${result.code === 0 ? 'passed' : 'FAILED'}: ${check.name} (${result.seconds.toFixed(1)} s)`);
          if (result.output.trim()) console.log(result.output.trimEnd());
          resolve(result);
        });
      }),
  ),
);
const failed = results.filter((result) => result.code !== 0);
if (failed.length > 0) {
  console.error(`${failed.map((result) => result.name).join(', ')} failed`);
  process.exit(1);
}

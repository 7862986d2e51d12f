/**
 * `npm run bench:runtime` (issue 18 item 4): how fast the sync-service starts ready and how much
 * memory it holds, as the image runs it (`node sync-service/dist/server.js`, the bundle of
 * `npm run build:service`, decision 0059), against a real Keycloak and PostgreSQL started for the
 * run, on dataset M (`BENCH_SCALE`, 1 by default). Start to ready: from the spawn to the first 200
 * of `/readyz`, over `BENCH_STARTS` starts (3) of the bundle and as many of the sources through tsx
 * (`npm start`'s way), one after the other so that both meet the same load. Memory: resident
 * (VmRSS) when ready, and its peak while the server's own outbox worker projects the whole dataset
 * (one outbox row per organization). Prints a table; docs/benchmarks.md records it. `node` is the
 * one that runs the benchmark: put another first in PATH to measure another version.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, hostname, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { syncCatalogue } from '@procura/sync-service/catalogue';
import { progressLine } from '@procura/sync-service/cli/progress';
import { serviceEnvironment } from '../harness/app.js';
import { repoRoot } from '../harness/paths.js';
import { freePort } from '../harness/ports.js';
import { installExitHandlers } from '../harness/processes.js';
import { run } from '../harness/run.js';
import { startStack } from '../harness/stack.js';
import { stop, untilReady } from './server-process.js';
import { datasetM, generateDataset, scaled } from './dataset.js';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const starts = Math.max(1, Number(process.env.BENCH_STARTS ?? 3));
const log = (message: string): void => console.log(`[bench] ${message}`);
const results: Array<{ name: string; value: string; target: string }> = [];
const record = (name: string, value: string, target?: { goal: string; met: boolean }): void => {
  results.push({ name, value, target: target ? `${target.goal}: ${target.met ? 'met' : '**missed**'}` : '' });
  log(`${name}: ${value}`);
};

const stack = await startStack({ purpose: 'test', log });
installExitHandlers(() => stack.stop());
const pool = new pg.Pool({ connectionString: stack.info.databaseUrl, max: 4 });
pool.on('error', () => {}); // a connection cut while idle: replaced, never a crash
let server: ChildProcess | undefined;
try {
  await syncCatalogue(pool);
  const size = scaled(datasetM, scale);
  const dataset = await generateDataset(pool, size, 'R');
  log(`dataset generated: ${JSON.stringify(size)}`);
  const env = { ...process.env, ...serviceEnvironment(stack.info), LOG_LEVEL: 'info', PROCURA_METRICS_PORT: String(await freePort()) };

  await run(process.execPath, ['--import', 'tsx', 'scripts/build-sync-service.ts'], { cwd: repoRoot });
  const ways = [
    {
      name: 'the bundle (the image: node sync-service/dist/server.js)',
      args: [join(repoRoot, 'sync-service/dist/server.js')],
      times: [] as number[],
      phases: [] as string[],
      rss: [] as number[],
    },
    {
      name: 'the sources through tsx (npm start)',
      args: ['--import', 'tsx', join(repoRoot, 'sync-service/src/server.ts')],
      times: [] as number[],
      phases: [] as string[],
      rss: [] as number[],
    },
  ];
  for (let i = 0; i < starts; i++) {
    // The sources first, the bundle second: the bundle's last start stays up, its memory is measured below.
    for (const way of [ways[1]!, ways[0]!]) {
      const started = performance.now();
      server = spawn(process.execPath, way.args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
      let output = '';
      server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await untilReady(`${stack.info.publicUrl}/readyz`, server);
      way.times.push(Math.round(performance.now() - started));
      // What the server's start line says: its phases, ms after the process began.
      const listening = /"modulesLoadedMs":(\d+),"migratedMs":(\d+),"catalogueMs":(\d+),"appBuiltMs":(\d+),"listeningMs":(\d+)/.exec(output);
      if (listening) way.phases.push(listening.slice(1).join('/'));
      way.rss.push(rssMiB(server.pid!));
      if (i < starts - 1 || way !== ways[0]) await stop(server);
    }
  }
  const [bundle] = ways;
  for (const way of ways) {
    const sorted = [...way.times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    record(
      `start to ready (/readyz 200), ${way.name}, median of ${starts}`,
      `${median} ms (all: ${sorted.join(', ')} ms)`,
      way === bundle ? { goal: '≤ 2 s', met: median <= 2000 } : undefined,
    );
    record(
      `of which: modules loaded / migrations checked / catalogue / app built / listening (the server's clock), ${way.name}`,
      `${way.phases.join(', ')} ms`,
    );
  }
  record('resident memory when ready (the bundle / the sources)', `${Math.max(...bundle!.rss)} / ${Math.max(...ways[1]!.rss)} MiB`, {
    goal: '≤ 256 MB',
    met: Math.max(...bundle!.rss, ...ways[1]!.rss) * 2 ** 20 <= 256e6,
  });

  // The whole dataset asked of the server's outbox worker, as after a restore; its peak memory meanwhile.
  const projecting = performance.now();
  await pool.query(`INSERT INTO outbox (topic, aggregate_id, payload) SELECT 'projection', id::text, '{}' FROM organization`);
  await pool.query(`SELECT pg_notify('procura_outbox', '')`);
  let peak = 0;
  const progress = progressLine('projecting');
  const total = dataset.organizationIds.length;
  for (;;) {
    peak = Math.max(peak, rssMiB(server!.pid!));
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'projection' AND processed_at IS NULL`);
    progress.update(total - Math.min(total, rows[0]!.n), total, `${peak} MiB`);
    if (rows[0]!.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  progress.end();
  record(
    `peak resident memory while projecting dataset M×${scale} (${dataset.organizationIds.length} organizations)`,
    `${peak} MiB in ${((performance.now() - projecting) / 1000).toFixed(1)} s`,
    { goal: '≤ 256 MB', met: peak * 2 ** 20 <= 256e6 },
  );
  record('resident memory after it', `${rssMiB(server!.pid!)} MiB`);
  await stop(server!);
  server = undefined;
} finally {
  if (server) await stop(server);
  await pool.end();
  await stack.stop();
}
printTable();

/** The process's resident set (VmRSS of /proc), in MiB. */
function rssMiB(pid: number): number {
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kib / 1024);
}

function printTable(): void {
  const width = Math.max(...results.map(({ name }) => name.length));
  console.log(
    `\nbench:runtime — ${new Date().toISOString().slice(0, 10)}, ${hostname()}, ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, scale ${scale}\n`,
  );
  console.log(`| ${'measure'.padEnd(width)} | result | target |`);
  console.log(`| ${'-'.repeat(width)} | --- | --- |`);
  for (const { name, value, target } of results) console.log(`| ${name.padEnd(width)} | ${value} | ${target} |`);
}

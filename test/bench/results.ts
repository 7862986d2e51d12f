import { cpus, hostname, totalmem } from 'node:os';

/** A benchmark's log line prefix. */
export const log = (message: string): void => console.log(`[bench] ${message}`);

/**
 * A benchmark's measures, each with the issue's target and whether this run met it, logged as they
 * come and printed at the end as a table for docs/benchmarks.md.
 */
export function resultTable(): {
  record: (name: string, value: string, target?: { goal: string; met: boolean }) => void;
  print: (title: string, details: string) => void;
} {
  const results: Array<{ name: string; value: string; target: string }> = [];
  return {
    record(name, value, target) {
      results.push({ name, value, target: target ? `${target.goal}: ${target.met ? 'met' : '**missed**'}` : '' });
      log(`${name}: ${value}${target ? ` (${target.goal}: ${target.met ? 'met' : 'missed'})` : ''}`);
    },
    print(title, details) {
      const width = Math.max(...results.map(({ name }) => name.length));
      console.log(
        `\n${title} — ${new Date().toISOString().slice(0, 10)}, ${hostname()}, ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, ${details}\n`,
      );
      console.log(`| ${'measure'.padEnd(width)} | result | target |`);
      console.log(`| ${'-'.repeat(width)} | --- | --- |`);
      for (const { name, value, target } of results) console.log(`| ${name.padEnd(width)} | ${value} | ${target} |`);
    },
  };
}

/** The `p`th percentile of `values` (nearest rank), rounded to 0.1; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

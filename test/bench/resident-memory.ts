import { readFileSync, writeFileSync } from 'node:fs';

/** Resident memory of this process while `work` ran, in MiB: at its start and at its peak. */
export interface ResidentMemory {
  readonly startMiB: number;
  readonly peakMiB: number;
}

/**
 * Issue 19: the peak resident memory of this process (the benchmark runs the reconcile in-process,
 * as the sync-service does) while `work` runs. The kernel's own peak (VmHWM) is reset first
 * (`clear_refs` 5) and read at the end, so that no short peak between two samples is missed; where
 * that is not allowed, `rss` is sampled every 20 ms.
 */
export async function measureResident<T>(work: () => Promise<T>): Promise<{ result: T; memory: ResidentMemory }> {
  const startMiB = mib(process.memoryUsage().rss);
  const kernelPeak = resetKernelPeak();
  let sampled = startMiB;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, mib(process.memoryUsage().rss));
  }, 20);
  try {
    const result = await work();
    sampled = Math.max(sampled, mib(process.memoryUsage().rss));
    return { result, memory: { startMiB, peakMiB: kernelPeak ? Math.max(sampled, kernelPeakMiB()) : sampled } };
  } finally {
    clearInterval(timer);
  }
}

/** `5` in clear_refs resets VmHWM to the current resident set (Linux ≥ 4.0); false where refused. */
function resetKernelPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function kernelPeakMiB(): number {
  const kib = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  return Math.round(kib / 1024);
}

function mib(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}

/** "start → peak MiB" for a table's line. */
export function describeResident(memory: ResidentMemory): string {
  return `${memory.startMiB} → ${memory.peakMiB} MiB`;
}

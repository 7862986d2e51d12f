/**
 * A small deterministic generator (xorshift32): the random suites (issue 15) draw from it, so that
 * a run is replayed from the seed it prints. `int(n)`: 0 ≤ x < n; `next()`: 0 ≤ x < 1.
 */
export function seeded(seed: number) {
  let state = seed >>> 0 || 1;
  const word = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const next = (): number => word() / 4294967296;
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)]!, chance: (p: number): boolean => next() < p };
}
export type Seeded = ReturnType<typeof seeded>;

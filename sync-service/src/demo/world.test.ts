import { describe, expect, it } from 'vitest';
import { checkRegistryLines } from '../registry/rules.js';
import { organizations, signUpCandidates } from './world.js';

describe('the demo world (docs/first-steps.md)', () => {
  it('R10, R11: the registry entries offered for the first sign-up are valid, active, and of no demo organization', () => {
    const { entries, rejected } = checkRegistryLines(signUpCandidates.map((value, index) => ({ line: index + 1, value })));
    expect(rejected).toEqual([]);
    expect(entries.map((entry) => entry.status)).toEqual(signUpCandidates.map(() => 'active'));
    const demo = new Set(organizations.map((organization) => organization.identifier));
    expect(entries.filter((entry) => demo.has(entry.identifier))).toEqual([]);
  });
});

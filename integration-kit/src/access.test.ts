import { describe, expect, it } from 'vitest';
import { organizationsClaimErrors } from '@procura/realm-config/claims';
import { ProcuraAccess } from './access.js';
import { readOrganizationClaims, type OrganizationClaims } from './claims.js';

/** R29, R8, R25: what the token says, per organization; the claim reader held to the claim's JSON Schema. */

const access = (claims: OrganizationClaims) => new ProcuraAccess({ sub: 'person', exp: 1, iat: 0 }, claims);

describe('R29: ProcuraAccess', () => {
  const token = access({
    organizations: {
      CHE123456788: { rights: ['read'], units: { 'unit-1': ['archive'] } },
      '73282931200014': { rights: ['read', 'reply'], via: 'CHE234567895' },
    },
    organizations_complete: true,
  });

  it('a right for A never reads as a right for B; a unit right counts for its unit only', () => {
    expect(token.can('CHE123456788', 'read')).toBe(true);
    expect(token.can('CHE123456788', 'archive')).toBe(false);
    expect(token.can('CHE123456788', 'archive', 'unit-1')).toBe(true);
    expect(token.can('CHE123456788', 'archive', 'unit-2')).toBe(false);
    expect(token.can('CHE123456788', 'read', 'unit-2')).toBe(true);
    expect(token.can('CHE999999996', 'read')).toBe(false);
    expect(token.via('73282931200014')).toBe('CHE234567895');
    expect(token.organizationsWith('archive')).toEqual(['CHE123456788']);
  });

  it('an incomplete token knows only the organizations it carries', () => {
    const cut = access({
      organizations: { CHE123456788: { rights: ['read'], via: 'CHE234567895' } },
      organizations_complete: false,
      active_organization: 'CHE123456788',
    });
    expect(cut.knows('CHE123456788')).toBe(true);
    expect(cut.knows('73282931200014')).toBe(false);
    expect(token.knows('73282931200014')).toBe(true);
  });
});

describe('the claim reader accepts exactly what the JSON Schema accepts (service tokens)', () => {
  const samples: Array<Record<string, unknown>> = [
    { organizations: { CHE123456788: { rights: ['read'] } }, organizations_complete: true },
    { organizations: {}, organizations_complete: false },
    { organizations_complete: true },
    { organizations: { CHE123456788: { rights: [], units: { u: ['archive'] } } }, organizations_complete: true, active_organization: 'CHE123456788' },
    { organizations: { '73282931200014': { rights: ['read'], via: 'CHE234567895' } }, organizations_complete: true },
    { organizations: { CHE123456788: { rights: ['read'] } } },
    { organizations: { 'CHE-123.456.788': { rights: ['read'] } }, organizations_complete: true },
    { organizations: { CHE123456788: { rights: ['read', 'read'] } }, organizations_complete: true },
    { organizations: { CHE123456788: { rights: ['read'], units: {} } }, organizations_complete: true },
    { organizations: { CHE123456788: { rights: ['read'], via: 'fiduciary' } }, organizations_complete: true },
    { organizations: { CHE123456788: { rights: ['read'], extra: 1 } }, organizations_complete: true },
    { organizations: { CHE123456788: { units: { u: ['read'] } } }, organizations_complete: true },
    { organizations: [], organizations_complete: true },
    { organizations: {}, organizations_complete: true, active_organization: 'nope' },
  ];
  for (const sample of samples) {
    it(JSON.stringify(sample), () => {
      expect(readOrganizationClaims(sample) !== undefined).toBe(organizationsClaimErrors(sample).length === 0);
    });
  }
});

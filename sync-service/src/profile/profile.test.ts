import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { contrast, loadProfile, parseProfile, portal, profilesDir, shippedProfiles, withPortal } from './profile.js';

const raw = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`${name}.json`, profilesDir), 'utf8')) as Record<string, unknown>;
const procura = raw('procura');
/** The default profile with one setting replaced (`path` as keys, the last one set to `value`). */
function changed(path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(procura);
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  if (value === undefined) delete at[path.at(-1)!];
  else at[path.at(-1)!] = value;
  return copy;
}
const refusal = (value: unknown): string => {
  try {
    parseProfile(value, 'mine.json');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe("a portal's profile", () => {
  it.each(shippedProfiles())('the shipped profile %s is valid and named as its file', (name) => {
    expect(loadProfile({ PROCURA_PROFILE: name }).id).toBe(name);
  });

  it('the default is the mixed profile, every feature on, with the words of the Geneva social-insurance fund', () => {
    const profile = loadProfile({});
    expect(profile.id).toBe('procura');
    expect(profile.roles.labels.deputy.fr).toBe('Requérant adjoint');
    expect(profile.mandates.enabled && profile.members.managersEditDetails && profile.activation.mailSecurityKey).toBe(true);
  });

  it.each([
    [['support', 'email'], 'not an address', '/support/email: must match pattern'],
    [['roles', 'labels', 'deputy'], { fr: 'Adjoint' }, '/roles/labels/deputy: "en" is missing'],
    [['invitations', 'by'], 'everyone', '/invitations/by: must be one of "managers", "members"'],
    [['organizations', 'mustNotMix'], [['employer', 'charity']], '/organizations/mustNotMix/0/1: must be one of'],
    [['organizations', 'mustNotMix'], [['employer', 'employer']], '/organizations/mustNotMix/0: a pair of two different types'],
    [['organizations', 'immutable'], ['identifier', 'colour'], '/organizations/immutable/1: must be one of'],
    [['units', 'byOperatorFor'], ['fiduciary', 'charity'], '/units/byOperatorFor/1: must be one of'],
    [['expiryReminders', 'dayOfMonth'], 31, '/expiryReminders/dayOfMonth: must be <= 28'],
    [['mandates'], undefined, '/: "mandates" is missing'],
    [['letter'], { enabled: true }, '/: unknown setting "letter"'],
    [['services'], ['employer-inbox', 'payroll'], '/services/1: "payroll" is not a service of the catalogue'],
    [
      ['accessRequests', 'observerRights'],
      [{ serviceId: 'company-journal', rightId: 'raed' }],
      '/accessRequests/observerRights/0: "company-journal:raed" is not a right',
    ],
    [['roles', 'offered'], ['manager', 'member'], '/roles/offered: must include "legal_representative"'],
    [['look', 'colours', 'onPrimary'], '#2d5e99', '/look/colours/onPrimary: contrast with primary is'],
    [['look', 'logo'], 'nobody.svg', '/look/logo: no file'],
  ])('a malformed setting %j stops the start, naming the file and the field', (path, value, message) => {
    const text = refusal(changed(path, value));
    expect(text).toMatch(/^profile mine\.json: /);
    expect(text).toContain(message);
  });

  it('every problem is named at once, not the first only', () => {
    const text = refusal({ ...changed(['invitations', 'by'], 'all'), account: { loginEmail: 'sometimes' } });
    expect(text).toContain('/invitations/by');
    expect(text).toContain('/account/loginEmail');
  });

  it('an unknown profile name lists the shipped ones; a path is read as a file of its own', () => {
    expect(() => loadProfile({ PROCURA_PROFILE: 'pepz' })).toThrow(`no profile "pepz"; the shipped ones are ${shippedProfiles().join(', ')}`);
    expect(() => loadProfile({ PROCURA_PROFILE: '/nowhere/mine.json' })).toThrow('cannot read /nowhere/mine.json (ENOENT)');
  });

  it("a file of an earlier version's setting stops the start, saying which section of the profile replaces it", () => {
    expect(() =>
      loadConfig({
        DATABASE_URL: 'postgres://x',
        KEYCLOAK_URL: 'http://127.0.0.1:8080',
        PROCURA_SYNC_CLIENT_SECRET: 's',
        PROCURA_CONSOLE_CLIENT_SECRET: 's',
        PROCURA_NOTICES: '/etc/notices.json',
      }),
    ).toThrow('PROCURA_NOTICES is replaced by the section "notices" of the portal\'s profile');
  });

  it('a scope serves another profile to what runs inside it, awaited work included, and the process default outside', async () => {
    const other = { ...portal(), id: 'other' };
    const seen = await withPortal(other, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return portal().id;
    });
    expect(seen).toBe('other');
    expect(portal().id).toBe('procura');
  });

  it('contrast follows WCAG: white on black is 21:1, a colour on itself 1:1', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#1d4e89', '#1d4e89')).toBe(1);
  });
});

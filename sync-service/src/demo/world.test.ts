import { describe, expect, it } from 'vitest';
import { loadServices } from '@procura/realm-config';
import { loadProfile, shippedProfiles } from '../profile/profile.js';
import { parseIdentifier } from '../organizations/identifiers.js';
import { checkRegistryLines } from '../registry/rules.js';
import { demoWorlds, worldFor } from './world.js';

describe('the demo worlds (docs/first-steps.md, docs/profiles.md)', () => {
  it('every shipped profile has a world of its own', () => {
    expect(Object.keys(demoWorlds).sort()).toEqual(shippedProfiles());
  });

  describe.each(shippedProfiles())('the world of %s', (name) => {
    const profile = loadProfile({ PROCURA_PROFILE: name });
    const world = worldFor(name);

    it('R10, R11: its registry entries offered for the first sign-up are valid, active, of no demo organization, and of a kind the portal takes', () => {
      const { entries, rejected } = checkRegistryLines(world.signUpCandidates.map((value, index) => ({ line: index + 1, value })));
      expect(rejected).toEqual([]);
      expect(entries.map((entry) => entry.status)).toEqual(world.signUpCandidates.map(() => 'active'));
      const demo = new Set(world.organizations.map((organization) => organization.identifier));
      expect(entries.filter((entry) => demo.has(entry.identifier))).toEqual([]);
      for (const entry of entries) expect(profile.organizations.identifierKinds).toContain(entry.identifierKind);
    });

    it("fits the portal's profile: identifiers valid and of its kinds, its types, its roles, its services, people it knows", () => {
      const rights = new Set(loadServices().flatMap((service) => service.rights.map((right) => `${service.id}:${right.id}`)));
      const emails = new Set(world.people.map((person) => person.email));
      for (const organization of world.organizations) {
        expect(parseIdentifier(organization.identifierKind, organization.identifier).ok, organization.legalName).toBe(true);
        expect(profile.organizations.identifierKinds).toContain(organization.identifierKind);
        expect(profile.organizations.types).toContain(organization.type);
        for (const service of organization.subscriptions) expect(profile.services).toContain(service);
        for (const member of organization.members) {
          expect(emails.has(member.email), member.email).toBe(true);
          expect(profile.roles.offered).toContain(member.role);
          for (const grant of member.rights ?? []) {
            const [right = ''] = grant.split('@');
            expect(rights.has(right), grant).toBe(true);
            expect(organization.subscriptions).toContain(right.split(':')[0]);
          }
        }
        if (organization.mailSecurityKey) expect(profile.activation.mailSecurityKey).toBe(true);
        if (organization.members.some((member) => member.expiresInMonths !== undefined)) expect(profile.expiryReminders.enabled).toBe(true);
      }
      if (world.mandates.length > 0) expect(profile.mandates.enabled).toBe(true);
      const identifiers = world.organizations.map((organization) =>
        profile.organizations.identifierUnique === 'identifier' ? organization.identifier : `${organization.identifier} ${organization.type}`,
      );
      expect(new Set(identifiers).size).toBe(identifiers.length);
    });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Portal } from '../api/index.js';

/** The page the module paints on, as far as it touches it: the root's style and window's events. */
const painted = new Map<string, string>();
const events: string[] = [];
Object.assign(globalThis, {
  document: { documentElement: { style: { setProperty: (name: string, value: string) => painted.set(name, value) } } },
  window: { dispatchEvent: (event: Event) => (events.push(event.type), true) },
});

const { loadPortal, offeredRoles, portalName, portalOffers } = await import('./portal.js');
const { roleLabel } = await import('../i18n/labels.js');

const leman = {
  id: 'leman',
  name: { fr: 'Portail Léman', en: 'Leman Portal' },
  look: { logo: '/portal/logo.svg', colours: { primary: '#5a1e6e', onPrimary: '#ffffff', accent: '#a33b00' } },
  roles: {
    offered: ['legal_representative', 'manager', 'member'],
    labels: {
      legal_representative: { fr: 'Signataire', en: 'Signatory' },
      deputy: { fr: 'Adjoint', en: 'Deputy' },
      manager: { fr: 'Administrateur', en: 'Administrator' },
      member: { fr: 'Utilisateur', en: 'User' },
      observer: { fr: 'Lecteur', en: 'Reader' },
    },
  },
  invitations: { by: 'members' },
  account: { loginEmail: 'fixed' },
  members: { managersEditDetails: false },
  activation: { mailSecurityKey: false, secretQuestion: true },
  mandates: { enabled: false },
  expiryReminders: { enabled: false, dayOfMonth: 20 },
} as unknown as Portal;

const answering = (status: number, body?: unknown) =>
  (async () => new Response(body === undefined ? null : JSON.stringify(body), { status })) as unknown as typeof fetch;

describe("the console's portal (issue 17)", () => {
  it('until GET /portal answers: the built-in words and everything on, as the mixed profile', async () => {
    expect(await loadPortal(answering(503))).toBeUndefined();
    expect(portalName()).toBe('Procura');
    expect(roleLabel('member')).toBe('Collaborateur');
    expect(offeredRoles(['legal_representative', 'deputy', 'observer'])).toEqual(['legal_representative', 'deputy', 'observer']);
    expect(portalOffers('mandates') && portalOffers('expiryDates') && portalOffers('loginEmailChange')).toBe(true);
    expect(portalOffers('membersInvite')).toBe(false);
    expect(painted.size).toBe(0);
  });

  describe('once it has answered', () => {
    beforeAll(async () => {
      await loadPortal(answering(200, leman));
    });

    it("paints the portal's colours on the page and re-renders the screens", () => {
      expect(Object.fromEntries(painted)).toEqual({ '--procura-primary': '#5a1e6e', '--procura-on-primary': '#ffffff', '--procura-accent': '#a33b00' });
      expect(events).toContain('lit-localize-status');
    });

    it("names the portal and its roles with the profile's words", () => {
      expect(portalName()).toBe('Portail Léman');
      expect(roleLabel('member')).toBe('Utilisateur');
      expect(roleLabel('legal_representative')).toBe('Signataire');
    });

    it('offers only the roles of the profile, and keeps the role a person holds now', () => {
      expect(offeredRoles(['legal_representative', 'deputy', 'manager', 'member', 'observer'])).toEqual(['legal_representative', 'manager', 'member']);
      expect(offeredRoles(['legal_representative', 'deputy', 'manager', 'member', 'observer'], 'observer')).toEqual([
        'legal_representative',
        'manager',
        'member',
        'observer',
      ]);
    });

    it('says what the profile turns off', () => {
      expect(
        ['mandates', 'expiryDates', 'mailSecurityKey', 'secretQuestion', 'managersEditDetails', 'loginEmailChange', 'membersInvite'].map((f) => [
          f,
          portalOffers(f as never),
        ]),
      ).toEqual([
        ['mandates', false],
        ['expiryDates', false],
        ['mailSecurityKey', false],
        ['secretQuestion', true],
        ['managersEditDetails', false],
        ['loginEmailChange', false],
        ['membersInvite', true],
      ]);
    });
  });
});

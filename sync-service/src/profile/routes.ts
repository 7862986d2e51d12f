import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { portal, profilesDir, type Profile } from './profile.js';

/**
 * What the console shows of the portal before anyone signs in: its name, logo and colours, the
 * labels of its roles, its support contact, and the switches of what it offers (issue 17). Public,
 * like `/support`; nothing in it is a secret.
 */
export function publicPortal(profile: Profile) {
  return {
    id: profile.id,
    name: profile.name,
    look: { colours: profile.look.colours, logo: `/portal/logo.svg` },
    support: profile.support,
    roles: profile.roles,
    invitations: profile.invitations,
    organizations: { types: profile.organizations.types, identifierKinds: profile.organizations.identifierKinds, immutable: profile.organizations.immutable },
    units: profile.units,
    account: profile.account,
    members: profile.members,
    activation: profile.activation,
    mandates: profile.mandates,
    expiryReminders: profile.expiryReminders,
    letters: profile.letters,
    services: profile.services,
  };
}

export type PublicPortal = ReturnType<typeof publicPortal>;

/** Each profile's logo, read from its file once (the start checked that it is there). */
const logos = new WeakMap<Profile, Buffer>();

/** `GET /portal` and `GET /portal/logo.svg`. */
export function portalRoutes(): Router {
  const router = Router();
  router.get('/portal', (_request, response) => {
    response.set('cache-control', 'public, max-age=300').json(publicPortal(portal()));
  });
  router.get('/portal/logo.svg', (_request, response) => {
    const profile = portal();
    let svg = logos.get(profile);
    if (!svg) logos.set(profile, (svg = readFileSync(new URL(`logos/${profile.look.logo}`, profilesDir))));
    response.set('cache-control', 'public, max-age=300').type('image/svg+xml').send(svg);
  });
  return router;
}

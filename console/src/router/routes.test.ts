import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, sameScreenFor } from './routes.js';

describe('console routes', () => {
  it('reads every screen from the hash and writes it back', () => {
    const hashes = [
      '#/o/a1/members',
      '#/o/a1/members?q=l%C3%A9a&page=2',
      '#/o/a1/members/m-9',
      '#/o/a1/organization',
      '#/o/a1/units',
      '#/o/a1/invitations',
      '#/o/a1/key',
      '#/o/a1/audit',
    ];
    for (const hash of hashes) expect(routeHref(parseRoute(hash))).toBe(hash);
  });

  it('treats an empty hash as home and the organization alone as its members', () => {
    expect(parseRoute('')).toEqual({ screen: 'home' });
    expect(parseRoute('#/')).toEqual({ screen: 'home' });
    expect(parseRoute('#/o/a1')).toMatchObject({ screen: 'members', orgId: 'a1' });
  });

  it('answers not-found for anything else', () => {
    for (const hash of ['#/x', '#/o', '#/o/a1/journal', '#/o/a1/units/u1', '#/o/a1/audit/x', '#/o/a1/members/m/extra'])
      expect(parseRoute(hash).screen).toBe('not-found');
  });

  it('R21: switching organization keeps the screen, but not a member of the other organization', () => {
    expect(sameScreenFor(parseRoute('#/o/a1/units'), 'b2')).toEqual({ screen: 'units', orgId: 'b2' });
    expect(routeHref(sameScreenFor(parseRoute('#/o/a1/members/m-9'), 'b2'))).toBe('#/o/b2/members');
    expect(sameScreenFor(parseRoute('#/o/a1/audit'), 'b2')).toEqual({ screen: 'audit', orgId: 'b2' });
    expect(sameScreenFor(parseRoute('#/o/a1/invitations'), 'b2')).toEqual({ screen: 'invitations', orgId: 'b2' });
  });

  it('R15, R14, R4: the services and managers of an organization, and my profile outside any', () => {
    for (const hash of ['#/o/a1/services', '#/o/a1/managers', '#/me/profile']) expect(routeHref(parseRoute(hash))).toBe(hash);
    expect(parseRoute('#/me/profile')).toEqual({ screen: 'profile' });
    expect(parseRoute('#/me').screen).toBe('not-found');
    expect(sameScreenFor(parseRoute('#/o/a1/managers'), 'b2')).toEqual({ screen: 'managers', orgId: 'b2' });
  });

  it('R22: asking for access outside any organization; the requests of one organization kept across the switcher', () => {
    for (const hash of ['#/me/access', '#/o/a1/access-requests']) expect(routeHref(parseRoute(hash))).toBe(hash);
    expect(parseRoute('#/me/access')).toEqual({ screen: 'ask-access' });
    expect(sameScreenFor(parseRoute('#/o/a1/access-requests'), 'b2')).toEqual({ screen: 'access-requests', orgId: 'b2' });
  });
});

describe("R31: the operator's back office", () => {
  it('the queue and one request of each kind, outside any organization; an unknown kind is not found', () => {
    for (const hash of ['#/operator', '#/operator/support', '#/operator/sign-ups/s-1', '#/operator/mandates/m-1', '#/operator/recoveries/r-1'])
      expect(routeHref(parseRoute(hash))).toBe(hash);
    expect(parseRoute('#/operator/mandates/m-1')).toEqual({ screen: 'operator-request', kind: 'mandates', id: 'm-1' });
    expect(parseRoute('#/operator/invoices/i-1').screen).toBe('not-found');
    expect(parseRoute('#/operator/mandates').screen).toBe('not-found');
    expect(parseRoute('#/operator/mandates/m-1/x').screen).toBe('not-found');
  });
});

describe('console routes: mandates', () => {
  it('R24–R27: the mandates of an organization, kept when switching organization', () => {
    expect(routeHref(parseRoute('#/o/a1/mandates'))).toBe('#/o/a1/mandates');
    expect(sameScreenFor(parseRoute('#/o/a1/mandates'), 'b2')).toEqual({ screen: 'mandates', orgId: 'b2' });
    expect(parseRoute('#/o/a1/mandates/m1').screen).toBe('not-found');
  });
});

import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { decide } from './decide.js';
import { checkRightsControlled, controlledServices } from './rights.js';
import { standingOf } from './standing.js';
import { policyTable, standings, type Action } from './table.js';

const organizationActions = (Object.keys(policyTable) as Action[]).filter((action) => policyTable[action].scope === 'organization');
const verdict = (action: Action, standing: (typeof standings)[number] | null, self = false): string => {
  const refusal = decide(action, { standing, self });
  return refusal ? refusalOf(refusal) : 'allow';
};

describe('policy table (pure)', () => {
  it('R13: managers (legal representative, deputy, manager) may do every action on their own organization', () => {
    for (const action of organizationActions) expect(verdict(action, 'manager'), action).toBe('allow');
  });

  it('no business with the organization: every action answers 404 organization.not_found, as a missing id', () => {
    for (const action of organizationActions) expect(verdict(action, null, true), action).toBe('404 organization.not_found /orgId');
  });

  it('members and observers read the organization, its units, who manages it and only their own membership; they change nothing', () => {
    for (const standing of ['member', 'observer'] as const) {
      expect(verdict('organization.read', standing)).toBe('allow');
      expect(verdict('unit.list', standing)).toBe('allow');
      expect(verdict('member.read', standing, true)).toBe('allow');
      expect(verdict('manager.list', standing)).toBe('allow');
      expect(verdict('member.read', standing, false)).toBe('403 policy.forbidden');
      expect(verdict('member.list', standing)).toBe('403 policy.forbidden');
      for (const action of organizationActions.filter((a) => !a.endsWith('.read') && !a.endsWith('.list'))) {
        expect(verdict(action, standing, true), action).toBe('403 policy.forbidden');
      }
    }
  });

  it('R25: a delegate of an active mandate reads the client and its units, and manages none of its people', () => {
    expect(verdict('organization.read', 'delegate')).toBe('allow');
    expect(verdict('unit.list', 'delegate')).toBe('allow');
    for (const action of organizationActions.filter((a) => a.startsWith('member.') || a.endsWith('.update') || a.endsWith('.add'))) {
      expect(verdict(action, 'delegate', true), action).toBe('403 policy.forbidden');
    }
  });

  it('routes outside an organization are decided by authentication only', () => {
    expect(decide('me.read', { standing: null, self: false })).toBeUndefined();
    expect(decide('api.describe', { standing: null, self: false })).toBeUndefined();
  });

  it('standing: manager roles are managers; a membership wins over a mandate; no membership nor mandate is no business', () => {
    expect(['legal_representative', 'deputy', 'manager'].map((role) => standingOf(role as 'manager', false))).toEqual(['manager', 'manager', 'manager']);
    expect(standingOf('member', true)).toBe('member');
    expect(standingOf('observer', false)).toBe('observer');
    expect(standingOf(null, true)).toBe('delegate');
    expect(standingOf(null, false)).toBeNull();
  });
});

describe('R13: nobody grants a right they do not control', () => {
  const read = { serviceId: 'employer-inbox', rightId: 'read', unitId: null };
  const pay = { serviceId: 'contributions', rightId: 'pay', unitId: null };
  const subscribed = new Set(['employer-inbox', 'contributions']);

  it('a manager controls every subscribed service', () => {
    expect(checkRightsControlled([], [read, pay], controlledServices('manager', subscribed), subscribed)).toBeUndefined();
  });

  it('anyone else controls none: granting or withdrawing is refused, keeping a right as it is passes', () => {
    const none = controlledServices('member', subscribed);
    expect(refusalOf(checkRightsControlled([], [read], none, subscribed))).toBe('403 right.not_controlled /rights');
    expect(refusalOf(checkRightsControlled([read], [], none, subscribed))).toBe('403 right.not_controlled /rights');
    expect(checkRightsControlled([read], [read], none, subscribed)).toBeUndefined();
  });

  it('a service the organization does not subscribe to is left to the command (R15, 422)', () => {
    const journal = { serviceId: 'company-journal', rightId: 'read', unitId: null };
    expect(checkRightsControlled([], [journal], controlledServices('manager', subscribed), subscribed)).toBeUndefined();
  });

  it('a right limited to a unit is another right than the same for the whole organization', () => {
    const some = new Set(['employer-inbox']);
    const branchRead = { ...read, unitId: '3b0c1a52-0000-4000-8000-000000000001' };
    expect(refusalOf(checkRightsControlled([read], [branchRead], new Set(), some))).toBe('403 right.not_controlled /rights');
  });
});

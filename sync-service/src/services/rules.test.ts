import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkGrantable, checkSubscription, checkSubscriptionEnd } from './rules.js';

const today = '2026-03-10';
const input = { organizationId: 'org', serviceId: 'employer-inbox' };

describe('subscription rules', () => {
  it('R15: a subscription starts today unless dated, open-ended unless an end is given', () => {
    expect(checkSubscription(input, true, undefined, today)).toEqual({ startsOn: today, endsOn: null });
    expect(checkSubscription({ ...input, startsOn: '2026-04-01', endsOn: '2026-12-31' }, true, undefined, today)).toEqual({
      startsOn: '2026-04-01',
      endsOn: '2026-12-31',
    });
  });

  it('R15: the service must be in the catalogue', () => {
    expect(refusalOf(checkSubscription(input, false, undefined, today))).toBe('404 service.not_found /serviceId');
  });

  it('R15: malformed or reversed dates name their field', () => {
    expect(refusalOf(checkSubscription({ ...input, startsOn: '2026-02-30' }, true, undefined, today))).toBe('422 input.date /startsOn');
    expect(refusalOf(checkSubscription({ ...input, startsOn: '2026-04-01', endsOn: '2026-03-01' }, true, undefined, today))).toBe('422 input.period /endsOn');
  });

  it('R15: an open subscription is not taken twice; an ended one is renewed', () => {
    expect(refusalOf(checkSubscription(input, true, { startsOn: '2025-01-01', endsOn: null }, today))).toBe('409 subscription.exists /serviceId');
    expect(checkSubscription(input, true, { startsOn: '2025-01-01', endsOn: '2026-01-31' }, today)).toEqual({ startsOn: today, endsOn: null });
  });

  it('R15: ending a subscription: today by default, never twice, never before it starts', () => {
    expect(checkSubscriptionEnd({ startsOn: '2025-01-01', endsOn: null }, undefined, today)).toBe(today);
    expect(refusalOf(checkSubscriptionEnd(undefined, undefined, today))).toBe('404 subscription.not_found /serviceId');
    expect(refusalOf(checkSubscriptionEnd({ startsOn: '2025-01-01', endsOn: '2026-01-31' }, undefined, today))).toBe('409 subscription.ended /serviceId');
    expect(refusalOf(checkSubscriptionEnd({ startsOn: '2026-06-01', endsOn: null }, undefined, today))).toBe('422 input.period /endsOn');
  });

  it('R15: rights are grantable only from the catalogue and on subscribed services', () => {
    const catalogue = new Set(['employer-inbox:read', 'contributions:pay']);
    expect(checkGrantable([{ serviceId: 'employer-inbox', rightId: 'read' }], catalogue, new Set(['employer-inbox']))).toBeUndefined();
    expect(refusalOf(checkGrantable([{ serviceId: 'employer-inbox', rightId: 'fly' }], catalogue, new Set(['employer-inbox'])))).toBe(
      '422 right.unknown /rights',
    );
    expect(refusalOf(checkGrantable([{ serviceId: 'contributions', rightId: 'pay' }], catalogue, new Set(['employer-inbox'])))).toBe(
      '422 right.service_not_subscribed /rights',
    );
  });
});

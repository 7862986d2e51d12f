import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import {
  checkDecision,
  checkDelegate,
  checkEnd,
  checkMandateRequest,
  checkOpen,
  checkRemoveDelegate,
  type MandateState,
  type RequestMandate,
} from './rules.js';

const today = '2026-03-10';
const digest = 'a'.repeat(64);
const request: RequestMandate = {
  fiduciaryId: 'fid',
  clientId: 'client',
  powerOfAttorneyRef: 'documents/procuration.pdf',
  powerOfAttorneySha256: digest.toUpperCase(),
};
const fiduciary = { type: 'fiduciary' };
const requested: MandateState = { id: 'm', fiduciaryId: 'fid', clientId: 'client', status: 'requested', validFrom: null, validUntil: null };

describe('mandate rules', () => {
  it('R24: a fiduciary requests a mandate on a client, with its power of attorney', () => {
    expect(checkMandateRequest(request, fiduciary, true, false)).toEqual({
      powerOfAttorneyRef: 'documents/procuration.pdf',
      powerOfAttorneySha256: digest,
      validFrom: null,
      validUntil: null,
    });
  });

  it('R24: only an organization of type fiduciary requests; never on itself', () => {
    expect(refusalOf(checkMandateRequest(request, { type: 'employer' }, true, false))).toBe('422 mandate.not_fiduciary /fiduciaryId');
    expect(refusalOf(checkMandateRequest({ ...request, clientId: 'fid' }, fiduciary, true, false))).toBe('422 mandate.same_organization /clientId');
    expect(refusalOf(checkMandateRequest(request, fiduciary, false, false))).toBe('404 organization.not_found /clientId');
  });

  it('R24: no document, no request', () => {
    expect(refusalOf(checkMandateRequest({ ...request, powerOfAttorneyRef: ' ' }, fiduciary, true, false))).toBe(
      '422 mandate.power_of_attorney_required /powerOfAttorneyRef',
    );
    expect(refusalOf(checkMandateRequest({ ...request, powerOfAttorneySha256: 'abc' }, fiduciary, true, false))).toBe(
      '422 mandate.power_of_attorney_required /powerOfAttorneySha256',
    );
  });

  it('R24: one open mandate per fiduciary and client', () => {
    expect(refusalOf(checkMandateRequest(request, fiduciary, true, true))).toBe('409 mandate.exists /clientId');
  });

  it('R24, R31: a requested mandate is activated from today, or rejected with a reason', () => {
    expect(checkDecision(requested, { mandateId: 'm', decision: 'active' }, today)).toEqual({ status: 'active', validFrom: today, reason: null });
    expect(checkDecision(requested, { mandateId: 'm', decision: 'rejected', reason: ' Procuration illisible ' }, today)).toEqual({
      status: 'rejected',
      validFrom: null,
      reason: 'Procuration illisible',
    });
    expect(refusalOf(checkDecision(requested, { mandateId: 'm', decision: 'rejected' }, today))).toBe('422 mandate.reason_required /reason');
  });

  it('R24: only a requested mandate is decided', () => {
    expect(refusalOf(checkDecision({ ...requested, status: 'active' }, { mandateId: 'm', decision: 'active' }, today))).toBe(
      '409 mandate.not_requested /mandateId',
    );
  });

  it('R27: either side ends an open mandate; a third party does not see it', () => {
    expect(checkEnd({ ...requested, status: 'active' }, 'client')).toBeUndefined();
    expect(checkEnd({ ...requested, status: 'active' }, 'fid')).toBeUndefined();
    expect(refusalOf(checkEnd(requested, 'other'))).toBe('404 mandate.not_found /mandateId');
    expect(refusalOf(checkEnd({ ...requested, status: 'ended' }, 'client'))).toBe('409 mandate.not_open /mandateId');
    expect(refusalOf(checkOpen({ status: 'rejected' }))).toBe('409 mandate.not_open /mandateId');
  });

  it('R25, R26: a delegate is a member of the fiduciary, assigned once, on an open mandate', () => {
    const active = { ...requested, status: 'active' } as const;
    expect(checkDelegate(active, { organizationId: 'fid' }, false)).toBeUndefined();
    expect(refusalOf(checkDelegate(active, { organizationId: 'client' }, false))).toBe('422 mandate.delegate_not_fiduciary /membershipId');
    expect(refusalOf(checkDelegate(active, undefined, false))).toBe('422 mandate.delegate_not_fiduciary /membershipId');
    expect(refusalOf(checkDelegate(active, { organizationId: 'fid' }, true))).toBe('409 mandate.delegate_exists /membershipId');
    expect(refusalOf(checkDelegate({ ...requested, status: 'ended' }, { organizationId: 'fid' }, false))).toBe('409 mandate.not_open /mandateId');
  });

  it('R25: a delegate is taken off an open mandate; someone who does not handle it is not found; an ended mandate keeps its delegates', () => {
    expect(checkRemoveDelegate({ status: 'active' }, true)).toBeUndefined();
    expect(checkRemoveDelegate({ status: 'requested' }, true)).toBeUndefined();
    expect(refusalOf(checkRemoveDelegate({ status: 'active' }, false))).toBe('404 delegate.not_found /membershipId');
    expect(refusalOf(checkRemoveDelegate({ status: 'ended' }, false))).toBe('404 delegate.not_found /membershipId');
    expect(refusalOf(checkRemoveDelegate({ status: 'ended' }, true))).toBe('409 mandate.not_open /mandateId');
  });
});

import { describe, expect, it } from 'vitest';
import { noticeRecipients, recipientsFor } from './recipients.js';

const managers = [
  { email: 'lea@x.ch', role: 'legal_representative' as const },
  { email: 'marc@x.ch', role: 'deputy' as const },
  { email: 'sophie@x.ch', role: 'manager' as const },
];

describe('who receives each notice, by role (configuration)', () => {
  it('R22: by default, an observer request and an attached fiduciary go to the « requérant ou requérant adjoint », a member request and a new service to every manager', () => {
    const configured = noticeRecipients();
    expect(recipientsFor(configured['access_request.observer'], managers)).toEqual(['lea@x.ch', 'marc@x.ch']);
    expect(recipientsFor(configured['mandate.fiduciary_attached'], managers)).toEqual(['lea@x.ch', 'marc@x.ch']);
    expect(recipientsFor(configured['access_request.member'], managers)).toEqual(['lea@x.ch', 'marc@x.ch', 'sophie@x.ch']);
    expect(recipientsFor(configured['service.activated'], managers)).toEqual(['lea@x.ch', 'marc@x.ch', 'sophie@x.ch']);
  });

  it('an organization with nobody in the roles configured tells all its managers: a notice never goes nowhere', () => {
    expect(recipientsFor(['legal_representative'], managers.slice(2))).toEqual(['sophie@x.ch']);
    expect(recipientsFor(['deputy'], [...managers, { email: 'MARC@x.ch', role: 'deputy' }, managers[1]!])).toEqual(['marc@x.ch', 'MARC@x.ch']);
  });
});

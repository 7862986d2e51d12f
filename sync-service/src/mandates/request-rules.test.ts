import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkClientRepresentative, checkRequester } from './request-rules.js';

const representative = { givenName: ' Irène ', familyName: 'Vautier', email: 'Irene@Example.test' };

describe('mandate requests (R24)', () => {
  it("only the fiduciary's legal representative or deputy files one", () => {
    expect(checkRequester('legal_representative')).toBeUndefined();
    expect(checkRequester('deputy')).toBeUndefined();
    for (const role of ['manager', 'member', 'observer', undefined] as const)
      expect(refusalOf(checkRequester(role)), String(role)).toBe('403 mandate.requester');
  });

  it('a client without access needs its representative named; a client with managers refuses one', () => {
    expect(checkClientRepresentative(false, representative)).toEqual({ givenName: 'Irène', familyName: 'Vautier', email: 'irene@example.test' });
    expect(refusalOf(checkClientRepresentative(false, undefined))).toBe('422 mandate.client_representative_required /clientRepresentative');
    expect(refusalOf(checkClientRepresentative(false, { ...representative, familyName: ' ' }))).toBe('422 input.required /clientRepresentative/familyName');
    expect(checkClientRepresentative(true, undefined)).toBeNull();
    expect(refusalOf(checkClientRepresentative(true, representative))).toBe('422 mandate.client_has_access /clientRepresentative');
  });
});

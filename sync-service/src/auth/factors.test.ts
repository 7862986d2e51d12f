import { describe, expect, it } from 'vitest';
import { methodsOf, showsOperatorFactor, showsSecondFactor } from './factors.js';

describe('what a token says of the login (amr)', () => {
  it('R2: a code, an authenticator app or a passkey is a second factor; a password alone is not', () => {
    expect(showsSecondFactor({ amr: ['pwd', 'code'] })).toBe(true);
    expect(showsSecondFactor({ amr: ['pwd', 'otp'] })).toBe(true);
    expect(showsSecondFactor({ amr: ['hwk'] })).toBe(true);
    expect(showsSecondFactor({ amr: ['pwd'] })).toBe(false);
    expect(showsSecondFactor({})).toBe(false);
  });

  it("R31: only an authenticator app or a passkey is a factor of the operator's staff", () => {
    expect(showsOperatorFactor({ amr: ['pwd', 'otp'] })).toBe(true);
    expect(showsOperatorFactor({ amr: ['pwd', 'code'] })).toBe(false);
  });

  it('ignores a claim that is not a list of strings', () => {
    expect(methodsOf({ amr: 'otp' })).toEqual([]);
    expect(methodsOf({ amr: ['otp', 3] })).toEqual(['otp']);
  });
});

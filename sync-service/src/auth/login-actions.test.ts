import { describe, expect, it } from 'vitest';
import { loginActionOf, loginActionUrl } from './login-actions.js';

describe("the console login's Keycloak actions (kc_action)", () => {
  it("R4: update_password asks Keycloak's UPDATE_PASSWORD", () => {
    expect(loginActionOf('update_password')).toBe('UPDATE_PASSWORD');
  });

  it("R2: mobile_number asks the provider's procura-mobile-number", () => {
    expect(loginActionOf('mobile_number')).toBe('procura-mobile-number');
  });

  it("anything else is a plain login: unknown names, Keycloak's own names, inherited keys, arrays", () => {
    for (const value of [undefined, '', 'UPDATE_PASSWORD', 'procura-mobile-number', 'delete_account', 'toString', '__proto__', ['mobile_number']]) {
      expect(loginActionOf(value)).toBeUndefined();
    }
  });

  it('builds the links the profile gives, whether the public URL ends with a slash or not', () => {
    expect(loginActionUrl('https://procura.example/', 'mobile_number')).toBe('https://procura.example/auth/login?action=mobile_number&returnTo=%2F');
    expect(loginActionUrl('https://procura.example', 'update_password')).toBe('https://procura.example/auth/login?action=update_password&returnTo=%2F');
  });
});

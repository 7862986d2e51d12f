/**
 * Keycloak's application-initiated actions (kc_action) that the console's login may ask for, by the
 * name the console puts in `/auth/login?action=…`. Any other value is ignored: a plain login.
 * - R4: `update_password` → Keycloak's UPDATE_PASSWORD (its page, the realm's password policy);
 * - R2: `mobile_number` → the provider's `procura-mobile-number` (add a mobile number, verified by an SMS code).
 */
/** The provider JAR's required action that adds and verifies a mobile number (R2, decision 0019). */
export const mobileNumberAction = 'procura-mobile-number';

const loginActions = {
  update_password: 'UPDATE_PASSWORD',
  mobile_number: mobileNumberAction,
} as const;

export type LoginAction = (typeof loginActions)[keyof typeof loginActions];

/** The kc_action for the console's `action` query parameter, or undefined for a plain login. */
export function loginActionOf(requested: unknown): LoginAction | undefined {
  return typeof requested === 'string' && Object.hasOwn(loginActions, requested) ? loginActions[requested as keyof typeof loginActions] : undefined;
}

/** The console's login URL that runs `action` then comes back to the console's start page. */
export function loginActionUrl(publicUrl: string, action: keyof typeof loginActions): string {
  return `${publicUrl.replace(/\/$/, '')}/auth/login?action=${action}&returnTo=%2F`;
}

import type KcAdminClient from '@keycloak/keycloak-admin-client';
import { AppError } from '../../errors.js';
import { orUndefined, type CallCounter } from './calls.js';
import { refuse } from '../../error-codes/refuse.js';

export interface KeycloakUser {
  readonly id: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly enabled: boolean;
}

/** Issue 14 item 4: the account as a console session's check sees it. */
export interface AccountStanding {
  readonly enabled: boolean;
  readonly sessionIds: readonly string[];
  readonly passwordSetAt: Date | undefined;
  readonly realmRoles: readonly string[];
}

interface UserFields {
  email: string;
  givenName: string;
  familyName: string;
  enabled: boolean;
  emailVerified: boolean;
}

export function userOperations(client: KcAdminClient, calls: CallCounter) {
  return {
    async createUser({ email, givenName, familyName, enabled, emailVerified }: UserFields): Promise<KeycloakUser> {
      const created = await calls.write(`user ${email}`, () =>
        client.users.create({ username: email, email, firstName: givenName, lastName: familyName, enabled, emailVerified }),
      );
      return { id: created.id, email, firstName: givenName, lastName: familyName, enabled };
    },
    async getUser(id: string): Promise<KeycloakUser | undefined> {
      const user = await orUndefined(calls.read(`user ${id}`, () => client.users.findOne({ id })));
      return user?.id ? toUser(user) : undefined;
    },
    /** The account of an e-mail (exact match): after a 409, or to merge (R1, R20). */
    async findUserByEmail(email: string): Promise<KeycloakUser | undefined> {
      const found = await calls.read(`user ${email}`, () => client.users.find({ email, exact: true, max: 2 }));
      const user = found.find((u) => u.email?.toLowerCase() === email.toLowerCase());
      return user ? toUser(user) : undefined;
    },
    /**
     * Sets e-mail (also the username: the realm logs in by e-mail) and names. The whole profile is
     * sent: since Keycloak 24 a PUT replaces the user-profile attributes it does not carry.
     */
    async updateUser(id: string, { email, firstName, lastName }: { email: string; firstName: string; lastName: string }): Promise<void> {
      await calls.write(`user ${id}`, () => client.users.update({ id }, { username: email, email, firstName, lastName }));
    },
    /** Sets the password; one the realm's password policy refuses is a 422 `password.policy` naming Keycloak's reason. */
    async setPassword(userId: string, password: string, { temporary }: { temporary: boolean }): Promise<void> {
      try {
        await calls.write(`password of user ${userId}`, () =>
          client.users.resetPassword({ id: userId, credential: { type: 'password', value: password, temporary } }),
        );
      } catch (error) {
        throw passwordRefusal(error) ?? error;
      }
    },
    /**
     * Adds a required action (e.g. R2's `procura-mobile-number`) that Keycloak runs at the user's
     * next login. The whole representation goes back: a PUT replaces the profile it does not carry.
     */
    async requireAction(userId: string, action: string): Promise<void> {
      const user = await calls.read(`user ${userId}`, () => client.users.findOne({ id: userId }));
      if (!user?.id) throw new Error(`no Keycloak user ${userId}`);
      if (user.requiredActions?.includes(action)) return;
      await calls.write(`required action ${action} of user ${userId}`, () =>
        client.users.update({ id: userId }, { ...user, requiredActions: [...(user.requiredActions ?? []), action] }),
      );
    },
    /**
     * R2: the number that may receive login codes (`phone_number`) and whether it is verified
     * (`phone_number_verified`), the attributes the provider's code step reads (decision 0019).
     */
    async codePhone(userId: string): Promise<{ phone: string | null; verified: boolean } | undefined> {
      const user = await orUndefined(calls.read(`user ${userId}`, () => client.users.findOne({ id: userId })));
      if (!user?.id) return undefined;
      const attributes = user.attributes as Record<string, string[] | undefined> | undefined;
      const phone = attributes?.['phone_number']?.[0] ?? null;
      return { phone: phone || null, verified: attributes?.['phone_number_verified']?.[0] === 'true' };
    },
    /**
     * Issue 16 item 3 (decision 0049): a manager sets the code phone and whether codes may go by SMS.
     * The whole representation goes back, its other attributes kept; `phone: null` removes both.
     */
    async setCodePhone(userId: string, { phone, verified }: { phone: string | null; verified: boolean }): Promise<void> {
      const user = await calls.read(`user ${userId}`, () => client.users.findOne({ id: userId }));
      if (!user?.id) throw new Error(`no Keycloak user ${userId}`);
      const { phone_number: _phone, phone_number_verified: _verified, ...others } = user.attributes ?? {};
      const attributes = phone === null ? others : { ...others, phone_number: [phone], phone_number_verified: [verified ? 'true' : 'false'] };
      await calls.write(`code phone of user ${userId}`, () => client.users.update({ id: userId }, { ...user, attributes }));
    },
    /** The types of the user's credentials (`password`, `otp`, `webauthn`…): none means no way to log in yet. */
    async credentialTypes(userId: string): Promise<string[]> {
      const credentials = await calls.read(`credentials of user ${userId}`, () => client.users.getCredentials({ id: userId }));
      return credentials.map((credential) => credential.type ?? '').filter(Boolean);
    },
    /**
     * Grants the user a realm role (R31: `procura-operator`), read among the roles the user may
     * still get (the service account may map roles without viewing the realm).
     */
    async grantRealmRole(userId: string, roleName: string): Promise<void> {
      const available = await calls.read(`realm roles available to ${userId}`, () => client.users.listAvailableRealmRoleMappings({ id: userId }));
      const role = available.find((candidate) => candidate.name === roleName);
      if (!role?.id) return; // already held (or no such role: the realm import lacks it, and the caller's token will say so)
      await calls.write(`realm role ${roleName} of ${userId}`, () =>
        client.users.addRealmRoleMappings({ id: userId, roles: [{ id: role.id!, name: roleName }] }),
      );
    },
    async addUserToGroup(userId: string, groupId: string): Promise<void> {
      await calls.write(`membership of ${userId} in ${groupId}`, () => client.users.addToGroup({ id: userId, groupId }));
    },
    /**
     * Issue 14 item 4: what a console session's check needs of the account: enabled, its live
     * Keycloak sessions, when its password was last set, and its realm roles (composites expanded).
     * Undefined when the user is gone.
     */
    async accountStanding(userId: string): Promise<AccountStanding | undefined> {
      const user = await orUndefined(calls.read(`user ${userId}`, () => client.users.findOne({ id: userId })));
      if (!user?.id) return undefined;
      const [sessions, credentials, roles] = await Promise.all([
        calls.read(`sessions of user ${userId}`, () => client.users.listSessions({ id: userId })),
        calls.read(`credentials of user ${userId}`, () => client.users.getCredentials({ id: userId })),
        calls.read(`realm roles of user ${userId}`, () => client.users.listCompositeRealmRoleMappings({ id: userId })),
      ]);
      const passwordSetAt = credentials
        .filter((c) => c.type === 'password')
        .map((c) => c.createdDate ?? 0)
        .reduce((a, b) => Math.max(a, b), 0);
      return {
        enabled: user.enabled ?? false,
        sessionIds: sessions.map((session) => session.id ?? '').filter(Boolean),
        passwordSetAt: passwordSetAt > 0 ? new Date(passwordSetAt) : undefined,
        realmRoles: roles.map((role) => role.name ?? '').filter(Boolean),
      };
    },
    /** Ends every Keycloak session of the user (issue 14 items 4 and 7): a refresh then fails, SSO asks the password again. */
    async logoutUser(userId: string): Promise<void> {
      await orUndefined(calls.write(`sessions of user ${userId}`, () => client.users.logout({ id: userId })));
    },
    /**
     * Issue 16 item 5: enables or disables the account (a departed person's, decision 0047). The
     * whole representation goes back: a PUT replaces the profile it does not carry.
     */
    async setUserEnabled(userId: string, enabled: boolean): Promise<void> {
      const user = await calls.read(`user ${userId}`, () => client.users.findOne({ id: userId }));
      if (!user?.id || user.enabled === enabled) return;
      await calls.write(`${enabled ? 'enable' : 'disable'} user ${userId}`, () => client.users.update({ id: userId }, { ...user, enabled }));
    },
    /** Whether the account holds the realm role (composites expanded): the operator's staff keep their login. */
    async holdsRealmRole(userId: string, roleName: string): Promise<boolean> {
      const roles = await calls.read(`realm roles of user ${userId}`, () => client.users.listCompositeRealmRoleMappings({ id: userId }));
      return roles.some((role) => role.name === roleName);
    },
    /** Issue 16 item 5: deletes the account (erasure after the retention period); an account already gone is no error. */
    async deleteUser(userId: string): Promise<void> {
      await orUndefined(calls.write(`user ${userId}`, () => client.users.del({ id: userId })));
    },
    async removeUserFromGroup(userId: string, groupId: string): Promise<void> {
      await orUndefined(calls.write(`membership of ${userId} in ${groupId}`, () => client.users.delFromGroup({ id: userId, groupId })));
    },
  };
}

export type UserOperations = ReturnType<typeof userOperations>;

function toUser(user: { id?: string; email?: string; firstName?: string; lastName?: string; enabled?: boolean }): KeycloakUser {
  return { id: user.id ?? '', email: user.email ?? '', firstName: user.firstName ?? '', lastName: user.lastName ?? '', enabled: user.enabled ?? false };
}

/** Keycloak's 400 on a password (its policy: length, history, not the e-mail…) as our error. */
function passwordRefusal(error: unknown): AppError | undefined {
  const response = error as { response?: { status?: number }; responseData?: { error_description?: string; error?: string } };
  if (response.response?.status !== 400) return undefined;
  const reason = response.responseData?.error_description ?? response.responseData?.error ?? '';
  return refuse('password.policy', { reason }, { cause: error });
}

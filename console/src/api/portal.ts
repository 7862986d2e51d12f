/**
 * Issue 17: what the portal shows and offers, from the public `GET /portal` (outside `/api/v1`, like
 * `/support`): its name, logo and colours, its roles and their labels, the switches of its features.
 */
import type { Role } from './types.js';
import { getPublicJson, type SupportContact } from './support.js';

export interface Localized {
  readonly fr: string;
  readonly en: string;
}

export type OrganizationField = 'identifierKind' | 'identifier' | 'category' | 'type' | 'address' | 'legalName';

export interface Portal {
  readonly id: string;
  readonly name: Localized;
  readonly look: { readonly logo: string; readonly colours: { readonly primary: string; readonly onPrimary: string; readonly accent: string } };
  readonly support: SupportContact;
  readonly roles: { readonly offered: readonly Role[]; readonly labels: Readonly<Record<Role, Localized>> };
  readonly invitations: { readonly by: 'managers' | 'members' };
  readonly organizations: { readonly types: readonly string[]; readonly identifierKinds: readonly string[]; readonly immutable: readonly OrganizationField[] };
  readonly units: { readonly byOperatorFor: readonly string[] };
  readonly account: { readonly loginEmail: 'changeable' | 'fixed' };
  readonly members: { readonly managersEditDetails: boolean };
  readonly activation: { readonly mailSecurityKey: boolean; readonly secretQuestion: boolean };
  readonly mandates: { readonly enabled: boolean };
  readonly expiryReminders: { readonly enabled: boolean; readonly dayOfMonth: number };
  readonly letters: { readonly enabled: boolean };
  readonly services: readonly string[];
}

/** The portal, or undefined when the server does not answer (the console then keeps its built-in words). */
export const getPortal = (signal?: AbortSignal, fetcher: typeof fetch = fetch): Promise<Portal | undefined> =>
  getPublicJson<Portal>('/portal', signal, fetcher);

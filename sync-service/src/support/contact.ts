import { portal, type SupportContact } from '../profile/profile.js';

/** The contact of the portal's profile (`support`, issue 17). */
export const supportContact = (): SupportContact => portal().support;

/**
 * The contact as the realm's attributes, which the login theme reads (`realm.attributes`, decision
 * 0044): the realm set-up merges them into the realm it imports.
 */
export function supportRealmAttributes(contact: SupportContact): Record<string, string> {
  return {
    'procura.support.email': contact.email,
    'procura.support.phone': contact.phone,
    'procura.support.hours.fr': contact.hours.fr,
    'procura.support.hours.en': contact.hours.en,
  };
}

import type { Localized, Profile } from './profile.js';

/**
 * Issue 17: the portal as the realm's attributes, which the login theme reads (`realm.attributes`,
 * like the support contact, decision 0044): its name per language and its colours. The realm set-up
 * merges them into the realm it imports.
 */
export function portalRealmAttributes(profile: Profile): Record<string, string> {
  return {
    'procura.portal.name.fr': profile.name.fr,
    'procura.portal.name.en': profile.name.en,
    'procura.portal.primary': profile.look.colours.primary,
    'procura.portal.onPrimary': profile.look.colours.onPrimary,
    'procura.portal.accent': profile.look.colours.accent,
  };
}

/** Texts by language, then key: the themes' messages or the realm's localization texts. */
export type Texts = Readonly<Record<keyof Localized, Readonly<Record<string, string>>>>;

/**
 * The themes' messages that name the product, with the portal's name instead, as the realm's
 * localization texts (which Keycloak prefers to a theme's): the login pages' titles and the e-mails
 * say the portal's name without a copy of the theme per portal. The texts are java.text.MessageFormat
 * patterns (as the themes' are): an apostrophe of the name is written '' there, or Keycloak drops it.
 */
export function portalRealmTexts(profile: Profile, themes: Texts): Texts {
  const named = (language: keyof Localized): Record<string, string> =>
    Object.fromEntries(
      Object.entries(themes[language])
        .filter(([, text]) => text.includes('Procura'))
        .map(([key, text]) => [key, text.replaceAll('Procura', asPattern(profile.name[language]))]),
    );
  return { fr: named('fr'), en: named('en') };
}

/** `text` as a literal inside a java.text.MessageFormat pattern: its apostrophes doubled. */
function asPattern(text: string): string {
  return text.replaceAll("'", "''");
}

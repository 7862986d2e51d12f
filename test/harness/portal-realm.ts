import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { portal, type Profile } from '@procura/sync-service/profile/profile';
import { portalRealmAttributes, portalRealmTexts, type Texts } from '@procura/sync-service/profile/realm';
import { supportRealmAttributes } from '@procura/sync-service/support/contact';
import { repoRoot } from './paths.js';

/** A `.properties` file of the theme as Keycloak reads it: `key=value` lines, `\n` and `\\` unescaped. */
function properties(path: string): Record<string, string> {
  const entries: Array<[string, string]> = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (line.startsWith('#') || at < 1) continue;
    entries.push([line.slice(0, at).trim(), line.slice(at + 1).replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c))]);
  }
  return Object.fromEntries(entries);
}

/** The login and e-mail themes' messages, by language. */
function themeMessages(): Texts {
  const of = (language: 'fr' | 'en') => ({
    ...properties(join(repoRoot, `themes/procura/login/messages/messages_${language}.properties`)),
    ...properties(join(repoRoot, `themes/procura/email/messages/messages_${language}.properties`)),
  });
  return { fr: of('fr'), en: of('en') };
}

/** What of the realm follows the profile: its attributes (support contact, portal's name and colours) and its texts, by language. */
export interface PortalRealmPart {
  readonly attributes: Record<string, string>;
  readonly localizationTexts: Texts;
}

/**
 * The part of the realm that follows `profile`: the support contact and the portal's name and
 * colours as attributes, which the login theme reads (decision 0044), and the themes' texts that
 * name the product, with the portal's name, as the realm's texts. A kept realm gets it again at
 * each start (`importRealm`, decision 0052).
 */
export function portalRealmPart(profile: Profile = portal()): PortalRealmPart {
  const texts = portalRealmTexts(profile, themeMessages());
  return { attributes: { ...supportRealmAttributes(profile.support), ...portalRealmAttributes(profile) }, localizationTexts: { fr: texts.fr, en: texts.en } };
}

/** The realm with the portal of `profile` on it (by default the one in force, `PROCURA_PROFILE`, issue 17). */
export function realmWithPortal(realm: Record<string, unknown>, profile: Profile = portal()): Record<string, unknown> {
  const part = portalRealmPart(profile);
  return {
    ...realm,
    attributes: { ...(realm.attributes as Record<string, string> | undefined), ...part.attributes },
    localizationTexts: { ...(realm.localizationTexts as Record<string, unknown> | undefined), ...part.localizationTexts },
  };
}

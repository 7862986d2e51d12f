/**
 * French by default, English on a switch: `@lit/localize` in runtime mode. Source strings are
 * French in the components (`msg('…', { id })`); `locales/en.ts` holds their English, by hand.
 */
import { configureLocalization } from '@lit/localize';
import { useLanguage, type Language } from '../api/index.js';

export const languages: readonly Language[] = ['fr', 'en'];
const storageKey = 'procura.language';

const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'fr',
  targetLocales: ['en'],
  loadLocale: () => import('../locales/en.js'),
});

/** The console's language now. */
export function language(): Language {
  return getLocale() === 'en' ? 'en' : 'fr';
}

useLanguage(language);

/** Switches the language, remembers it and tells the page (`<html lang>`, for screen readers). */
export async function switchLanguage(next: Language): Promise<void> {
  await setLocale(next);
  document.documentElement.lang = next;
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

/** At start: the language chosen last time, else French. */
export async function restoreLanguage(): Promise<void> {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(storageKey);
  } catch {
    saved = null;
  }
  if (saved === 'en') await switchLanguage('en');
}

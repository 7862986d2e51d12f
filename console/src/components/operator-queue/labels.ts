import { msg } from '@lit/localize';
import type { RequestKind } from '../../api/index.js';
import { language } from '../../i18n/localization.js';

/** R31: the kinds of requests in the operator's words. */
export function kindLabel(kind: RequestKind): string {
  switch (kind) {
    case 'sign-ups':
      return msg('Inscription', { id: 'operator.kind.sign_up' });
    case 'mandates':
      return msg('Mandat', { id: 'operator.kind.mandate' });
    default:
      return msg('Reprise', { id: 'operator.kind.recovery' });
  }
}

/** A day of the API (`2026-03-10`) or an instant, as a date in the console's language (Zurich time). */
export function day(value: string): string {
  const date = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  return new Intl.DateTimeFormat(language() === 'en' ? 'en-GB' : 'fr-CH', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Zurich' }).format(
    date,
  );
}

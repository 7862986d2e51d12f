import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import { organizationTypes } from '../../api/index.js';
import { organizationTypeLabel } from '../../i18n/labels.js';
import { errorId, fieldError, invalid, textField } from '../field-error/field-error.js';

/**
 * The person a public form names (R10's representative, R30's requester): names, function and
 * e-mail, as the fields `<prefix>/givenName`… the API refuses by name.
 */
export function personFields(error: unknown, prefix: 'representative' | 'requester', legend: string, emailHint: string) {
  return html`<fieldset>
    <legend>${legend}</legend>
    ${textField(error, `${prefix}/givenName`, msg('Prénom', { id: 'mandates.request.given_name' }), { autocomplete: 'given-name' })}
    ${textField(error, `${prefix}/familyName`, msg('Nom', { id: 'mandates.request.family_name' }), { autocomplete: 'family-name' })}
    ${textField(error, `${prefix}/function`, msg('Fonction', { id: 'sign_up.function' }), { hint: msg('Par exemple : gérante, directeur des ressources humaines.', { id: 'sign_up.function.hint' }), autocomplete: 'organization-title' })}
    ${textField(error, `${prefix}/email`, msg('E-mail', { id: 'members.col.email' }), { hint: emailHint, autocomplete: 'email', type: 'email' })}
  </fieldset>`;
}

/** The organization's number as a public form asks it. */
export function identifierField(error: unknown, name: 'identifier' | 'organization') {
  return textField(error, name, msg("Numéro de l'organisation", { id: 'sign_up.identifier' }), {
    hint: msg("IDE (CHE-123.456.789), SIRET (14 chiffres), SIREN (9 chiffres) ou numéro d'affilié, comme sur l'extrait du registre.", {
      id: 'sign_up.identifier.hint',
    }),
  });
}

/** The organization's type as a registration form asks it (R10: the sign-up, the support desk's registration). */
export function organizationTypeField(error: unknown) {
  return html`<div class="field">
    <label for="type">${msg("Type d'organisation", { id: 'sign_up.type' })}</label>
    <select id="type" name="type" aria-invalid=${invalid(error, 'type')} aria-describedby=${errorId(error, 'type') || nothing}>
      ${organizationTypes.map((type) => html`<option value=${type}>${organizationTypeLabel(type)}</option>`)}
    </select>
    ${fieldError(error, 'type', 'type-error')}
  </div>`;
}

/**
 * The fields typed, without those left empty: the API then names each missing one « obligatoire »
 * rather than « au moins 1 caractère ».
 */
export function filled<T extends Record<string, unknown>>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== '')) as T;
}

/** The person of the form's data, as the API takes it. */
export function personOf(data: FormData, prefix: 'representative' | 'requester') {
  const value = (name: string) => String(data.get(`${prefix}/${name}`) ?? '').trim();
  return filled({ givenName: value('givenName'), familyName: value('familyName'), function: value('function'), email: value('email') });
}

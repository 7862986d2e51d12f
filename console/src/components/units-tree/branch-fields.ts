/**
 * The parts of « Ajouter une succursale » beyond the unit itself (R9): its representative, invited
 * at once, and the head office's people to give access to the new branch, with the rights given.
 * Plain render helpers: their inputs belong to the units tree's form, read by `branchExtras`.
 */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { CatalogueEntry, Member, NewBranch } from '../../api/index.js';
import { fieldError, invalid } from '../field-error/field-error.js';

const representativeFields = [
  ['givenName', () => msg('Prénom', { id: 'units.rep.givenName' }), 'given-name', 'text'],
  ['familyName', () => msg('Nom de famille', { id: 'units.rep.familyName' }), 'family-name', 'text'],
  ['function', () => msg('Fonction', { id: 'units.rep.function' }), 'organization-title', 'text'],
  ['email', () => msg('E-mail', { id: 'units.rep.email' }), 'email', 'email'],
] as const;

/** The representative's fieldset, folded (optional as a whole; once one field is filled, all four are asked); open when one is refused. */
export function renderRepresentative(e: unknown) {
  const named = representativeFields.some(([name]) => invalid(e, `representative/${name}`) === 'true');
  return html`<details ?open=${named}>
    <summary>${msg('Inviter le représentant de la succursale (facultatif)', { id: 'units.rep.summary' })}</summary>
    <fieldset>
      <legend>${msg('Représentant de la succursale', { id: 'units.rep.legend' })}</legend>
      <p class="hint">
        ${msg("Une personne autorisée à représenter l'entreprise (chef d'entreprise, gérant, signature inscrite au registre du commerce). Elle reçoit une invitation par e-mail.", { id: 'units.rep.hint' })}
      </p>
      ${representativeFields.map(
        ([name, label, autocomplete, type]) =>
          html`<div class="field">
            <label for="rep-${name}">${label()}</label>
            <input
              type=${type}
              id="rep-${name}"
              name="rep-${name}"
              autocomplete=${autocomplete}
              aria-invalid=${invalid(e, `representative/${name}`)}
              aria-describedby="rep-${name}-error"
            />
            ${fieldError(e, `representative/${name}`, `rep-${name}-error`)}
          </div>`,
      )}
    </fieldset>
  </details>`;
}

/** The head office's active people, each with a checkbox, and the rights they and the representative get on the branch. */
export function renderHeadOfficePeople(members: readonly Member[], services: readonly CatalogueEntry[], e: unknown, language: 'fr' | 'en') {
  const rights = services.filter((s) => s.status === 'subscribed').flatMap((s) => s.rights.filter((r) => r.grantable).map((r) => ({ service: s, right: r })));
  return html`<fieldset aria-describedby="headOfficePeople-error">
      <legend>${msg('Personnes de la maison mère à qui donner accès', { id: 'units.people.legend' })}</legend>
      ${
        members.length === 0
          ? html`<p class="muted">${msg('Aucune autre personne active.', { id: 'units.people.none' })}</p>`
          : members.map(
              (m) =>
                html`<div class="check">
                  <input type="checkbox" id="person-${m.id}" name="headOfficePeople" value=${m.id} />
                  <label for="person-${m.id}">${m.givenName} ${m.familyName} <span class="muted">(${m.email})</span></label>
                </div>`,
            )
      }
      ${fieldError(e, 'headOfficePeople', 'headOfficePeople-error')}
    </fieldset>
    ${
      rights.length === 0
        ? nothing
        : html`<fieldset>
            <legend>${msg('Droits donnés sur la succursale', { id: 'units.rights.legend' })}</legend>
            ${rights.map(
              ({ service, right }) =>
                html`<div class="check">
                  <input type="checkbox" id="right-${service.id}-${right.id}" name="branchRights" value="${service.id} ${right.id}" />
                  <label for="right-${service.id}-${right.id}">${service.label[language]} — ${right.label[language]}</label>
                </div>`,
            )}
          </fieldset>`
    }`;
}

/** What the form adds to the unit for a branch: the representative if any field was filled, the people and rights ticked. */
export function branchExtras(form: FormData): Pick<NewBranch, 'representative' | 'headOfficePeople' | 'rights'> {
  const value = (name: string) => ((form.get(name) as string | null) ?? '').trim();
  const [givenName, familyName, fn, email] = representativeFields.map(([name]) => value(`rep-${name}`));
  const named = [givenName, familyName, fn, email].some((v) => v !== '');
  const rights = form
    .getAll('branchRights')
    .map((v) => String(v).split(' '))
    .map(([serviceId, rightId]) => ({ serviceId: serviceId!, rightId: rightId! }));
  return {
    ...(named ? { representative: { givenName: givenName!, familyName: familyName!, function: fn!, email: email! } } : {}),
    headOfficePeople: form.getAll('headOfficePeople').map(String),
    rights,
  };
}

import { css, html } from 'lit';
import { msg, str } from '@lit/localize';
import type { CurrentManager } from '../../api/index.js';
import { personName, roleLabel } from '../../i18n/labels.js';
import { fieldError, invalid } from '../field-error/field-error.js';

/** The managers list's own styles: one card per person, the checkbox under the names at any width. */
export const recoveryManagersStyles = css`
  ul.managers {
    list-style: none;
    padding: 0;
    margin: 0.75rem 0 0;
  }
  ul.managers li {
    border-top: 1px solid #d9e2ec;
    padding: 0.6rem 0;
    overflow-wrap: anywhere;
  }
  ul.managers .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-weight: 400;
    margin: 0.35rem 0 0;
  }
  ul.managers .check input {
    min-height: auto;
    width: 1.1rem;
    height: 1.1rem;
    margin: 0;
    flex: none;
  }
`;

/** The API's field for a membership sent in `retire`: its place in the list sent (`retire/<n>`), '' when it was not sent. */
export function retireField(sent: readonly string[], membershipId: string): string {
  const index = sent.indexOf(membershipId);
  return index < 0 ? '' : `retire/${index}`;
}

/** A manager as the confirmation names them: their names and role. */
export const managerLabel = (manager: CurrentManager) => `${personName(manager)} (${roleLabel(manager.role)})`;

/**
 * R30, R14 (decision 0042): the organization's current managers, whom the request would replace,
 * each with « Retirer » (unchecked: the operator names the departed ones). `chosen` holds the
 * memberships checked, `sent` the `retire` list of the last appointment tried, so that a refusal
 * naming `retire/<n>` shows under the person it names.
 */
export function recoveryManagers(
  managers: readonly CurrentManager[],
  chosen: ReadonlySet<string>,
  sent: readonly string[],
  error: unknown,
  toggle: (membershipId: string, checked: boolean) => void,
) {
  if (managers.length === 0) {
    return html`<section aria-labelledby="managers-title">
      <h2 id="managers-title">${msg('Gestionnaires en fonction', { id: 'operator.managers' })}</h2>
      <p>${msg("Aucun gestionnaire en fonction : le demandeur sera le seul à gérer l'organisation.", { id: 'operator.managers.none' })}</p>
    </section>`;
  }
  return html`<section aria-labelledby="managers-title">
    <h2 id="managers-title">${msg('Gestionnaires en fonction', { id: 'operator.managers' })}</h2>
    <p class="hint" id="managers-hint">
      ${msg("Ils ont été avertis de la demande par e-mail. Cochez « Retirer » pour ceux qui sont partis : ils perdent leur accès à l'organisation au moment où le demandeur est nommé. Les autres gardent le leur.", { id: 'operator.managers.hint' })}
    </p>
    <ul class="managers">
      ${managers.map((manager) => {
        const field = retireField(sent, manager.membershipId);
        const errorId = `retire-${manager.membershipId}-error`;
        const failed = field !== '' && invalid(error, field) === 'true';
        return html`<li>
          <strong>${personName(manager)}</strong>, ${roleLabel(manager.role)} — <a href=${`mailto:${manager.email}`}>${manager.email}</a>
          <label class="check"
            ><input
              type="checkbox"
              .checked=${chosen.has(manager.membershipId)}
              aria-invalid=${failed ? 'true' : 'false'}
              aria-describedby=${failed ? `managers-hint ${errorId}` : 'managers-hint'}
              @change=${(event: Event) => toggle(manager.membershipId, (event.target as HTMLInputElement).checked)}
            />
            ${msg('Retirer', { id: 'operator.retire' })}<span class="visually-hidden"> ${personName(manager)}</span></label
          >
          ${field ? fieldError(error, field, errorId) : ''}
        </li>`;
      })}
    </ul>
  </section>`;
}

/** The confirmation's words on the managers: who loses their access, or that none does. */
export function retirementNotice(retiring: readonly CurrentManager[], organizationName: string, managersInForce: number): string {
  if (retiring.length > 0) {
    const names = retiring.map(managerLabel).join(', ');
    return msg(str`Perdent leur accès à ${organizationName} dès la nomination : ${names}.`, { id: 'operator.appoint.confirm.retire' });
  }
  return managersInForce > 0 ? msg("Aucun gestionnaire n'est retiré : ceux en fonction gardent leur accès.", { id: 'operator.appoint.confirm.keep' }) : '';
}

import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { localized, msg, str } from '@lit/localize';
import { assignDelegate, removeDelegate, setDelegateRights, type Mandate, type Member, type Right } from '../../api/index.js';
import { rightLabel, serviceLabel, services } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';
import type { ConfirmDialog } from '../confirm-dialog/confirm-dialog.js';
import '../confirm-dialog/confirm-dialog.js';
import { fieldError, formError, invalid } from '../field-error/field-error.js';
import { MandateChange } from './mandate-change.js';

type Delegate = Mandate['delegates'][number];
const key = (r: Pick<Right, 'serviceId' | 'rightId'>) => `${r.serviceId}:${r.rightId}`;

/**
 * R25, R26: the delegates of one of the fiduciary's mandates, and each one's rights on the client,
 * granted or withdrawn one by one. The form offers only the services the CLIENT subscribes to
 * (`clientServices`; a right still held on one it left shows too, marked, to be withdrawn); the API
 * refuses the others, and the refusal shows under that delegate's rights. The fiduciary's managers
 * assign a member and take a delegate off the mandate (confirmed, the refusal beside the button);
 * everyone else of the fiduciary reads.
 */
@customElement('procura-mandate-delegates')
@localized()
export class MandateDelegates extends MandateChange {
  static override styles = [
    sharedStyles,
    css`
      ul.delegates {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      fieldset {
        margin: 0.5rem 0;
      }
      fieldset fieldset {
        border: none;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
      }
      fieldset fieldset legend {
        font-weight: 600;
      }
      label.check {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: normal;
      }
      .delegate {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        align-items: center;
        justify-content: space-between;
        margin-top: 0.75rem;
      }
      .delegate strong {
        overflow-wrap: anywhere;
      }
    `,
  ];

  @property({ attribute: false }) mandate!: Mandate;
  @property({ type: Boolean }) manages = false;
  /** The fiduciary's active members, for a manager to choose a delegate from. */
  @property({ attribute: false }) members: readonly Member[] = [];
  /** The delegate being taken off the mandate, while the API answers. */
  @state() private removing = '';
  @query('procura-confirm-dialog') private confirm!: ConfirmDialog;

  override render() {
    const m = this.mandate;
    const open = m.status === 'requested' || m.status === 'active';
    return html`<h3 id=${`delegates-${m.id}`}>${msg('Gestionnaires mandataires', { id: 'mandates.delegates' })}</h3>
      <p role="status" aria-live="polite" class="muted">${this.done}</p>
      ${
        m.delegates.length === 0
          ? html`<p class="muted">${msg('Aucun mandataire pour le moment.', { id: 'mandates.delegates.empty' })}</p>`
          : html`<ul class="delegates">
              ${m.delegates.map((d) => html`<li>${this.renderDelegate(d, open)}</li>`)}
            </ul>`
      }
      ${this.manages && open ? this.renderAssign() : nothing}<procura-confirm-dialog></procura-confirm-dialog>`;
  }

  private renderDelegate(d: Delegate, open: boolean) {
    const error = this.errors[d.membershipId];
    const errorId = `rights-${this.mandate.id}-${d.membershipId}-error`;
    const held = new Set(d.rights.map(key));
    if (!this.manages || !open) {
      const names = d.rights.map((r) => this.rightName(r.serviceId, r.rightId));
      return html`<p><strong>${d.email}</strong> : ${names.length ? names.join(', ') : msg('aucun droit', { id: 'mandates.rights.none' })}</p>`;
    }
    const subscribed = new Set(this.mandate.clientServices);
    const offered = services().filter((s) => subscribed.has(s.id) || d.rights.some((r) => r.serviceId === s.id));
    return html`${this.renderRemove(d)}
      <fieldset aria-describedby=${error ? errorId : nothing}>
        <legend>${msg(str`Droits de ${d.email} chez le client`, { id: 'mandates.rights.legend' })}</legend>
        ${
          offered.length === 0
            ? html`<p class="hint">
                ${msg("Le client n'est abonné à aucun service : aucun droit à accorder pour le moment.", { id: 'mandates.rights.no_service' })}
              </p>`
            : html`<p class="hint">${msg('Seuls les services souscrits par le client sont proposés.', { id: 'mandates.rights.hint' })}</p>`
        }
        ${offered.map(
          (s) =>
            html`<fieldset>
              <legend>
                ${s.label}${subscribed.has(s.id) ? nothing : html` <span class="muted">${msg("(le client n'y est plus abonné)", { id: 'mandates.rights.unsubscribed' })}</span>`}
              </legend>
              ${s.rights.map(
                (r) =>
                  html`<label class="check">
                    <input
                      type="checkbox"
                      ?disabled=${this.busy}
                      .checked=${live(held.has(`${s.id}:${r.id}`))}
                      @change=${(e: Event) => this.toggle(d, { serviceId: s.id, rightId: r.id }, (e.target as HTMLInputElement).checked)}
                    />${r.label}</label
                  >`,
              )}
            </fieldset>`,
        )}
        ${error ? html`<p class="error" id=${errorId} role="alert">${error instanceof Error ? error.message : String(error)}</p>` : nothing}
      </fieldset>`;
  }

  /** R25: the delegate's name and « Retirer », its refusal beside it. */
  private renderRemove(d: Delegate) {
    const error = this.errors[`remove:${d.membershipId}`];
    const errorId = `remove-${this.mandate.id}-${d.membershipId}-error`;
    return html`<div class="delegate">
        <strong>${d.email}</strong>
        <button type="button" class="secondary" ?disabled=${this.busy} aria-describedby=${error ? errorId : nothing} @click=${() => this.takeOff(d)}>
          ${
            this.removing === d.membershipId
              ? msg('Retrait…', { id: 'mandates.remove.pending' })
              : html`${msg('Retirer', { id: 'mandates.remove' })}<span class="visually-hidden"> ${d.email}</span>`
          }
        </button>
      </div>
      ${error ? html`<p class="error" id=${errorId} role="alert">${error instanceof Error ? error.message : String(error)}</p>` : nothing}`;
  }

  private renderAssign() {
    const e = this.errors['assign'];
    const assigned = new Set(this.mandate.delegates.map((d) => d.membershipId));
    const candidates = this.members.filter((m) => !assigned.has(m.id));
    const id = `delegate-${this.mandate.id}`;
    return html`<form @submit=${this.assign} novalidate>
      <div class="field">
        <label for=${id}>${msg('Désigner un membre de la fiduciaire', { id: 'mandates.assign.label' })}</label>
        <select
          id=${id}
          name="membershipId"
          aria-invalid=${invalid(e, 'membershipId')}
          aria-describedby=${invalid(e, 'membershipId') === 'true' ? `${id}-error` : nothing}
        >
          ${
            candidates.length === 0
              ? html`<option value="">${msg('Aucun membre actif à désigner', { id: 'mandates.assign.none' })}</option>`
              : candidates.map((m) => html`<option value=${m.id}>${m.givenName} ${m.familyName} — ${m.email}</option>`)
          }
        </select>
        ${fieldError(e, 'membershipId', `${id}-error`)}
      </div>
      ${formError(e, ['membershipId'])}
      <button type="submit" class="secondary" ?disabled=${this.busy || candidates.length === 0}>${msg('Désigner', { id: 'mandates.assign.submit' })}</button>
    </form>`;
  }

  private rightName(serviceId: string, rightId: string): string {
    return `${serviceLabel(serviceId)} : ${rightLabel(serviceId, rightId)}`;
  }

  private async toggle(d: Delegate, right: Pick<Right, 'serviceId' | 'rightId'>, on: boolean): Promise<void> {
    const rights = [...d.rights.filter((r) => key(r) !== key(right)), ...(on ? [right] : [])].map((r) => ({ serviceId: r.serviceId, rightId: r.rightId }));
    const name = this.rightName(right.serviceId, right.rightId);
    await this.act(
      d.membershipId,
      () => setDelegateRights(this.orgId, this.mandate.id, d.membershipId, rights),
      () =>
        on
          ? msg(str`${name} accordé à ${d.email}.`, { id: 'mandates.rights.granted' })
          : msg(str`${name} retiré à ${d.email}.`, { id: 'mandates.rights.withdrawn' }),
    );
    // A refused change leaves the box as the server holds it.
    if (this.errors[d.membershipId]) this.requestUpdate();
  }

  private async takeOff(d: Delegate): Promise<void> {
    const client = this.mandate.client.legalName;
    const confirmed = await this.confirm.ask({
      title: msg(str`Retirer ${d.email} du mandat ?`, { id: 'mandates.remove.title' }),
      text: msg(str`Ses droits chez ${client} partent avec lui : il n'agit plus pour ce client dès sa prochaine connexion. Il pourra être désigné à nouveau.`, {
        id: 'mandates.remove.text',
      }),
      confirmLabel: msg('Retirer', { id: 'mandates.remove' }),
      danger: true,
    });
    if (!confirmed) return;
    this.removing = d.membershipId;
    await this.act(
      `remove:${d.membershipId}`,
      () => removeDelegate(this.orgId, this.mandate.id, d.membershipId),
      () => msg(str`${d.email} ne gère plus ce mandat ; ses droits chez ${client} sont retirés.`, { id: 'mandates.remove.done' }),
    );
    this.removing = '';
  }

  private async assign(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const membershipId = (new FormData(event.target as HTMLFormElement).get('membershipId') as string | null) ?? '';
    const member = this.members.find((m) => m.id === membershipId);
    if (!member) return;
    await this.act(
      'assign',
      () => assignDelegate(this.orgId, this.mandate.id, membershipId),
      () => msg(str`${member.email} gère désormais ce mandat, sans droit tant qu'aucun n'est accordé.`, { id: 'mandates.assign.done' }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-mandate-delegates': MandateDelegates;
  }
}

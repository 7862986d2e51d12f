import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { attachToMandates, type Member } from '../../api/index.js';
import { sharedStyles } from '../../styles/shared.js';
import { fieldError, formError, invalid } from '../field-error/field-error.js';
import { MandateChange } from './mandate-change.js';

/**
 * R26: a fiduciary's manager attaches an employee to all of its open mandates at once (one by one:
 * each mandate's own delegates). The delegate then has no right until granted on each client.
 */
@customElement('procura-mandate-attach')
@localized()
export class MandateAttach extends MandateChange {
  static override styles = [sharedStyles];

  @property({ attribute: false }) members: readonly Member[] = [];

  override render() {
    const e = this.errors['form'];
    return html`<section aria-labelledby="attach-title">
      <h2 id="attach-title">${msg('Rattacher à tous les mandats', { id: 'mandates.attach.title' })}</h2>
      <p role="status" aria-live="polite" class="muted">${this.done}</p>
      <form @submit=${this.submit} novalidate>
        <div class="field">
          <label for="attach-member">${msg('Collaborateur de la fiduciaire', { id: 'mandates.attach.member' })}</label>
          <select
            id="attach-member"
            name="membershipId"
            aria-invalid=${invalid(e, 'membershipId')}
            aria-describedby=${invalid(e, 'membershipId') === 'true' ? 'attach-member-error' : nothing}
          >
            ${this.members.map((m) => html`<option value=${m.id}>${m.givenName} ${m.familyName} — ${m.email}</option>`)}
          </select>
          ${fieldError(e, 'membershipId', 'attach-member-error')}
        </div>
        ${formError(e, ['membershipId'])}
        <button type="submit" class="secondary" ?disabled=${this.busy || this.members.length === 0}>
          ${msg('Rattacher à tous les mandats ouverts', { id: 'mandates.attach.submit' })}
        </button>
      </form>
    </section>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const membershipId = (new FormData(event.target as HTMLFormElement).get('membershipId') as string | null) ?? '';
    const member = this.members.find((m) => m.id === membershipId);
    if (!member) return;
    let attached: string[] = [];
    await this.act(
      'form',
      async () => (attached = (await attachToMandates(this.orgId, membershipId, 'all')).attached),
      () => msg(str`${member.email} est rattaché à ${attached.length} mandat(s) de plus.`, { id: 'mandates.attach.done' }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-mandate-attach': MandateAttach;
  }
}

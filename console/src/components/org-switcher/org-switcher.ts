import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { MyOrganization } from '../../api/index.js';
import { roleLabel } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';

/**
 * R21: the organizations the person acts for, with their role in each; choosing one switches.
 *
 * @fires organization-change - `detail: { orgId }` when another organization is chosen.
 */
@customElement('procura-org-switcher')
@localized()
export class OrgSwitcher extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; }
    label { font-weight: 400; font-size: 0.85rem; color: #d9e2ec; margin: 0; }
    select { width: 100%; min-width: 14rem; }
    .single { font-weight: 600; color: #fff; margin: 0; }
  `];

  @property({ attribute: false }) organizations: readonly MyOrganization[] = [];
  @property() current = '';

  override render() {
    const option = (o: MyOrganization) => `${o.legalName} — ${roleLabel(o.role)}`;
    if (this.organizations.length === 1) {
      const only = this.organizations[0]!;
      return html`<p class="single" id="organization">${option(only)}</p>`;
    }
    return html`
      <label for="organization">${msg('Organisation', { id: 'switcher.label' })}</label>
      <select id="organization" @change=${this.changed}>
        ${this.organizations.map((o) => html`<option value=${o.id} ?selected=${o.id === this.current}>${option(o)}</option>`)}
      </select>
    `;
  }

  private changed(event: Event): void {
    const orgId = (event.target as HTMLSelectElement).value;
    this.dispatchEvent(new CustomEvent('organization-change', { detail: { orgId }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-org-switcher': OrgSwitcher;
  }
}

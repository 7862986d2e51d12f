import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { MyClient, MyOrganization } from '../../api/index.js';
import { roleLabel } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';

/**
 * R21: the organizations the person acts for, with their role in each, then (R25) the clients they
 * act for as a fiduciary's delegate; choosing one switches.
 *
 * @fires organization-change - `detail: { orgId }` when another organization is chosen.
 */
@customElement('procura-org-switcher')
@localized()
export class OrgSwitcher extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      label {
        font-weight: 400;
        font-size: 0.85rem;
        color: #d9e2ec;
        margin: 0;
      }
      select {
        width: 100%;
        min-width: 14rem;
      }
      .single {
        font-weight: 600;
        color: var(--procura-on-primary, #fff);
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) organizations: readonly MyOrganization[] = [];
  /** The clients the person acts for as a fiduciary's delegate, listed apart: « pour le compte de ». */
  @property({ attribute: false }) clients: readonly MyClient[] = [];
  @property() current = '';

  override render() {
    const option = (o: MyOrganization) => `${o.legalName} — ${roleLabel(o.role)}`;
    const client = (c: MyClient) => msg(str`${c.legalName} — via ${c.via.legalName}`, { id: 'switcher.client' });
    // A client the person is also a member of is theirs already: listed once, with their role there.
    const clients = this.clients.filter((c) => !this.organizations.some((o) => o.id === c.id));
    if (this.organizations.length === 1 && clients.length === 0) {
      const only = this.organizations[0]!;
      return html`<p class="single" id="organization">${option(only)}</p>`;
    }
    return html`
      <label for="organization">${msg('Organisation', { id: 'switcher.label' })}</label>
      <select id="organization" @change=${this.changed}>
        ${this.organizations.map((o) => html`<option value=${o.id} ?selected=${o.id === this.current}>${option(o)}</option>`)}
        ${
          clients.length > 0
            ? html`<optgroup label=${msg('Pour le compte de', { id: 'switcher.clients' })}>
                ${clients.map((c) => html`<option value=${c.id} ?selected=${c.id === this.current}>${client(c)}</option>`)}
              </optgroup>`
            : nothing
        }
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

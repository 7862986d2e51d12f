import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { MyClient } from '../../api/index.js';
import { rightLabel, serviceLabel } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';

/**
 * R25, R26 (fer-ge « pour le compte de »): a fiduciary's delegate on a client's page: for whom,
 * through which fiduciary, and what the mandate lets them do there, right by right, named as the
 * catalogue names them; more rights come from the fiduciary's legal representative.
 */
@customElement('procura-acting-for')
@localized()
export class ActingFor extends LitElement {
  static override styles = [sharedStyles];

  @property({ attribute: false }) client!: MyClient;

  override render() {
    const c = this.client;
    return html`
      <h1>${c.legalName}</h1>
      <p>${msg(str`Vous agissez pour le compte de ${c.legalName}, comme collaborateur de ${c.via.legalName}, par son mandat.`, { id: 'acting_for.intro' })}</p>
      <section aria-labelledby="acting-rights">
        <h2 id="acting-rights">${msg('Ce que vous pouvez faire', { id: 'acting_for.rights' })}</h2>
        ${
          c.rights.length === 0
            ? html`<p>${msg(str`Le mandat ne vous donne encore aucun droit : demandez-les au requérant de ${c.via.legalName}.`, { id: 'acting_for.none' })}</p>`
            : html`<ul>
                  ${c.rights.map((right) => html`<li>${serviceLabel(right.serviceId)} — ${rightLabel(right.serviceId, right.rightId)}</li>`)}
                </ul>
                <p class="hint">
                  ${msg(str`Pour un autre droit sur ce client, adressez-vous au requérant de ${c.via.legalName}.`, { id: 'acting_for.more' })}
                </p>`
        }
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-acting-for': ActingFor;
  }
}

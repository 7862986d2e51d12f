import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg } from '@lit/localize';
import { ApiError, listManagers, type ManagerShown } from '../../api/index.js';
import { personName, roleLabel } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';

/**
 * Who manages the organization (peps « Mes intervenants »; fer-ge and emplois-inclusion send
 * people to their requérant or administrateur): each manager's name, role and e-mail, for every
 * person of the organization, so that they know whom to ask for a right. Nothing else of the
 * other members. A delegate acting through a mandate is not shown the client's people: the section
 * is then left out.
 */
@customElement('procura-who-manages')
@localized()
export class WhoManages extends LitElement {
  static override styles = sharedStyles;

  @property() orgId = '';

  private readonly managers = new Task(this, {
    task: ([orgId], { signal }) => listManagers(orgId, signal),
    args: () => [this.orgId] as const,
  });

  override render() {
    return this.managers.render({
      pending: () =>
        html`<section aria-labelledby="who-title">
          ${this.heading()}
          <p role="status">${msg('Chargement…', { id: 'loading' })}</p>
        </section>`,
      complete: ({ items }) =>
        html`<section aria-labelledby="who-title">
          ${this.heading()}
          <p class="hint">${msg('Pour obtenir un droit ou changer votre rôle, adressez-vous à eux.', { id: 'who_manages.hint' })}</p>
          ${
            items.length === 0
              ? html`<p>
                  ${msg("L'organisation n'a plus de gestionnaire. Demandez la reprise de sa gestion.", { id: 'who_manages.none' })}
                  <a href="/recovery">${msg('Demander la reprise', { id: 'who_manages.recover' })}</a>
                </p>`
              : html`<ul>
                  ${items.map((m) => this.renderManager(m))}
                </ul>`
          }
        </section>`,
      error: (error) =>
        error instanceof ApiError && error.status === 403
          ? nothing
          : html`<section aria-labelledby="who-title">
              ${this.heading()}
              <p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>
              <button class="secondary" @click=${() => void this.managers.run()}>${msg('Réessayer', { id: 'retry' })}</button>
            </section>`,
    });
  }

  private heading() {
    return html`<h2 id="who-title">${msg("Qui gère l'organisation", { id: 'who_manages.title' })}</h2>`;
  }

  private renderManager(manager: ManagerShown) {
    return html`<li><strong>${personName(manager)}</strong>, ${roleLabel(manager.role)} — <a href=${`mailto:${manager.email}`}>${manager.email}</a></li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-who-manages': WhoManages;
  }
}

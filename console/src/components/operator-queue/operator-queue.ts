import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { getOperatorQueue, type QueueItem } from '../../api/index.js';
import { routeHref } from '../../router/routes.js';
import { sharedStyles } from '../../styles/shared.js';
import { day, kindLabel } from './labels.js';
import { operatorTabs } from './tabs.js';

/**
 * R31: the operator's back office: sign-ups (R10), mandates (R24) and recoveries (R30) awaiting a
 * decision, each with its deadline (business days); overdue ones first (the API's order) and marked.
 */
@customElement('procura-operator-queue')
@localized()
export class OperatorQueue extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .overdue {
        color: #b42318;
        font-weight: 700;
      }
      nav.tabs {
        display: flex;
        gap: 1rem;
        margin-bottom: 1rem;
      }
      nav.tabs a[aria-current='page'] {
        font-weight: 700;
        text-decoration: none;
      }
      tr.late {
        background: #fff5f5;
      }
      @media (max-width: 40rem) {
        .wide {
          display: none;
        }
      }
    `,
  ];

  private readonly queue = new Task(this, {
    task: async (_args, { signal }) => getOperatorQueue(signal),
    args: () => [],
  });

  override render() {
    return html`${operatorTabs('queue')}
      <h1>${msg("Back-office de l'opérateur", { id: 'operator.title' })}</h1>
      <p class="hint">
        ${msg('Inscriptions, mandats et reprises à traiter, avec leur échéance en jours ouvrables ; les demandes en retard en tête.', { id: 'operator.hint' })}
      </p>
      ${this.queue.render({
        pending: () => html`<p role="status">${msg('Chargement des demandes…', { id: 'operator.loading' })}</p>`,
        complete: ({ items, overdue }) => this.renderQueue(items, overdue),
        error: (error) =>
          html`<p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>
            <button @click=${() => void this.queue.run()}>${msg('Réessayer', { id: 'retry' })}</button>`,
      })}`;
  }

  private renderQueue(items: readonly QueueItem[], overdue: number) {
    if (items.length === 0) return html`<p role="status">${msg('Aucune demande en attente.', { id: 'operator.empty' })}</p>`;
    return html`<p role="status">${msg(str`${items.length} demande(s) en attente, dont ${overdue} en retard.`, { id: 'operator.count' })}</p>
      <table>
        <caption class="visually-hidden">
          ${msg('Demandes en attente', { id: 'operator.caption' })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('Demande', { id: 'operator.col.subject' })}</th>
            <th scope="col">${msg('Type', { id: 'operator.col.kind' })}</th>
            <th scope="col" class="wide">${msg('Identifiant', { id: 'operator.col.identifier' })}</th>
            <th scope="col" class="wide">${msg('Déposée le', { id: 'operator.col.requested' })}</th>
            <th scope="col">${msg('Échéance', { id: 'operator.col.deadline' })}</th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (item) =>
              html`<tr class=${item.overdue ? 'late' : ''}>
                <td><a href=${routeHref({ screen: 'operator-request', kind: item.kind, id: item.id })}>${item.subject}</a></td>
                <td>${kindLabel(item.kind)}</td>
                <td class="wide">${item.organizationIdentifier}</td>
                <td class="wide">${day(item.requestedAt)}</td>
                <td>${day(item.deadline)}${item.overdue ? html` <span class="overdue">${msg('En retard', { id: 'operator.overdue' })}</span>` : ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-operator-queue': OperatorQueue;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import {
  listAuditDeliveries,
  listAuditWebhooks,
  registerAuditWebhook,
  revokeAuditWebhook,
  type AuditDelivery,
  type AuditWebhook,
  type RegisteredAuditWebhook,
} from '../../api/index.js';
import { auditActionLabel } from '../../i18n/audit-labels.js';
import { language } from '../../i18n/localization.js';
import { sharedStyles } from '../../styles/shared.js';
import type { ConfirmDialog } from '../confirm-dialog/confirm-dialog.js';
import '../confirm-dialog/confirm-dialog.js';
import { errorId, fieldError, formError, invalid } from '../field-error/field-error.js';

/**
 * Issue 21 item 4: the webhooks that receive the organization's audit trail as it is written. A
 * manager registers one (its URL, a description) and is shown its signing secret once; each
 * webhook's log says, entry by entry, whether it was delivered, how many tries it took, what the
 * receiver answered, and when the next try comes. Removing one is confirmed.
 */
@customElement('procura-audit-webhooks')
@localized()
export class AuditWebhooks extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      code.secret {
        display: block;
        word-break: break-all;
        padding: 0.4rem;
        background: #f5f7fa;
        margin: 0.25rem 0;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      input[type='url'] {
        width: min(32rem, 100%);
      }
    `,
  ];

  @property({ attribute: 'org-id' }) orgId = '';
  @state() private error: unknown;
  @state() private busy = false;
  @state() private registered: RegisteredAuditWebhook | undefined;
  @state() private shownLog: string | undefined;
  @state() private done = '';
  @query('procura-confirm-dialog') private confirm!: ConfirmDialog;

  private readonly webhooks = new Task(this, {
    task: ([orgId], { signal }) => listAuditWebhooks(orgId, signal),
    args: () => [this.orgId] as const,
  });

  private readonly log = new Task(this, {
    task: ([orgId, webhookId], { signal }) => (webhookId ? listAuditDeliveries(orgId, webhookId, signal) : Promise.resolve(undefined)),
    args: () => [this.orgId, this.shownLog] as const,
  });

  override render() {
    return html`
      <section aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">${msg('Envoi du journal à vos outils', { id: 'webhooks.title' })}</h2>
        <p class="hint">
          ${msg("Chaque nouvelle entrée du journal est envoyée, signée, aux adresses enregistrées ici (votre outil de sécurité, votre archivage). Un destinataire indisponible la reçoit plus tard : rien n'est perdu.", { id: 'webhooks.intro' })}
        </p>
        <p role="status" aria-live="polite" class=${this.done ? 'notice' : ''}>${this.done}</p>
        ${this.registered ? this.renderSecret(this.registered) : nothing}
        ${this.webhooks.render({
          pending: () =>
            this.webhooks.value
              ? this.renderList(this.webhooks.value.webhooks)
              : html`<p role="status">${msg('Chargement des webhooks…', { id: 'webhooks.loading' })}</p>`,
          complete: ({ webhooks }) => this.renderList(webhooks),
          error: (error) =>
            html`${formError(error, [])}<button class="secondary" @click=${() => void this.webhooks.run()}>${msg('Réessayer', { id: 'retry' })}</button>`,
        })}
        ${this.shownLog ? this.renderLog() : nothing}
        <h3>${msg('Ajouter un webhook', { id: 'webhooks.add' })}</h3>
        <form @submit=${this.submit} novalidate>
          <div class="field">
            <label for="webhook-url">${msg('Adresse (https://…)', { id: 'webhooks.url' })}</label>
            <input
              type="url"
              id="webhook-url"
              name="url"
              required
              aria-invalid=${invalid(this.error, 'url')}
              aria-describedby=${errorId(this.error, 'url') || nothing}
            />
            ${fieldError(this.error, 'url', 'url-error')}
          </div>
          <div class="field">
            <label for="webhook-description">${msg('Description (facultative)', { id: 'webhooks.description' })}</label>
            <input type="text" id="webhook-description" name="description" maxlength="200" />
          </div>
          ${formError(this.error, ['url', 'description'])}
          <button type="submit" ?disabled=${this.busy}>${msg('Enregistrer le webhook', { id: 'webhooks.save' })}</button>
        </form>
        <procura-confirm-dialog></procura-confirm-dialog>
      </section>
    `;
  }

  private renderSecret(registered: RegisteredAuditWebhook) {
    return html`<div class="notice" role="alert">
      <p>
        ${msg('Secret de signature de ce webhook, affiché cette seule fois : copiez-le dans votre outil, qui vérifie avec lui la signature de chaque envoi (en-têtes webhook-id, webhook-timestamp, webhook-signature).', { id: 'webhooks.secret' })}
      </p>
      <code class="secret" data-secret>${registered.secret}</code>
      <button class="secondary" @click=${() => (this.registered = undefined)}>${msg("C'est noté", { id: 'webhooks.secret.done' })}</button>
    </div>`;
  }

  private renderList(webhooks: readonly AuditWebhook[]) {
    if (webhooks.length === 0) return html`<p class="muted">${msg("Aucun webhook : le journal n'est envoyé nulle part.", { id: 'webhooks.none' })}</p>`;
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${msg('Adresse', { id: 'webhooks.col.url' })}</th>
          <th scope="col">${msg('Envois', { id: 'webhooks.col.deliveries' })}</th>
          <th scope="col">${msg('Dernier envoi réussi', { id: 'webhooks.col.last' })}</th>
          <th scope="col"><span class="visually-hidden">${msg('Actions', { id: 'webhooks.col.actions' })}</span></th>
        </tr>
      </thead>
      <tbody>
        ${webhooks.map(
          (w) =>
            html`<tr data-webhook=${w.id}>
              <td>${w.url}${w.description ? html`<br /><span class="muted">${w.description}</span>` : nothing}</td>
              <td>${msg(str`${w.delivered} envoyé(s), ${w.pending} en attente, ${w.failed} abandonné(s)`, { id: 'webhooks.counts' })}</td>
              <td>${w.lastDeliveredAt ? this.when(w.lastDeliveredAt) : '—'}</td>
              <td class="actions">
                <button
                  class="secondary"
                  aria-expanded=${this.shownLog === w.id ? 'true' : 'false'}
                  @click=${() => (this.shownLog = this.shownLog === w.id ? undefined : w.id)}
                >
                  ${msg('Journal des envois', { id: 'webhooks.log' })}
                </button>
                <button class="danger" ?disabled=${this.busy} @click=${() => void this.removeWebhook(w)}>${msg('Retirer', { id: 'webhooks.remove' })}</button>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderLog() {
    return html`<h3 id="log-title">${msg('Derniers envois', { id: 'webhooks.log.title' })}</h3>
      ${this.log.render({
        pending: () => html`<p role="status">${msg('Chargement des envois…', { id: 'webhooks.log.loading' })}</p>`,
        complete: (answer) => (answer ? this.renderDeliveries(answer.deliveries) : nothing),
        error: (error) => formError(error, []),
      })}`;
  }

  private renderDeliveries(deliveries: readonly AuditDelivery[]) {
    if (deliveries.length === 0) return html`<p class="muted">${msg('Rien encore à envoyer.', { id: 'webhooks.log.none' })}</p>`;
    const states = {
      pending: msg('en attente', { id: 'webhooks.state.pending' }),
      delivered: msg('envoyé', { id: 'webhooks.state.delivered' }),
      failed: msg('abandonné', { id: 'webhooks.state.failed' }),
    };
    return html`<table aria-labelledby="log-title">
      <thead>
        <tr>
          <th scope="col">${msg('Entrée', { id: 'webhooks.col.entry' })}</th>
          <th scope="col">${msg('État', { id: 'webhooks.col.state' })}</th>
          <th scope="col">${msg('Essais', { id: 'webhooks.col.attempts' })}</th>
          <th scope="col">${msg('Réponse du destinataire', { id: 'webhooks.col.answer' })}</th>
        </tr>
      </thead>
      <tbody>
        ${deliveries.map(
          (d) =>
            html`<tr data-delivery=${d.id}>
              <td>${auditActionLabel(d.action)}<br /><span class="muted">${this.when(d.at)}</span></td>
              <td data-state=${d.status}>
                ${states[d.status]}${d.nextAttemptAt ? html`<br /><span class="muted">${msg(str`prochain essai ${this.when(d.nextAttemptAt)}`, { id: 'webhooks.next' })}</span>` : nothing}
              </td>
              <td>${d.attempts}</td>
              <td>${d.lastStatus ?? ''} ${d.lastError ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private when(at: string): string {
    return new Date(at).toLocaleString(language() === 'en' ? 'en-GB' : 'fr-CH', { timeZone: 'Europe/Zurich', dateStyle: 'short', timeStyle: 'medium' });
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const description = String(form.get('description') ?? '').trim();
    this.error = undefined;
    this.done = '';
    this.busy = true;
    try {
      this.registered = await registerAuditWebhook(this.orgId, { url: String(form.get('url') ?? '').trim(), ...(description ? { description } : {}) });
      formElement.reset();
      void this.webhooks.run();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  private async removeWebhook(webhook: AuditWebhook): Promise<void> {
    const confirmed = await this.confirm.ask({
      title: msg('Retirer ce webhook ?', { id: 'webhooks.remove.confirm.title' }),
      text: msg('Plus rien ne lui sera envoyé ; les entrées en attente ne partiront pas.', { id: 'webhooks.remove.confirm.text' }),
      confirmLabel: msg('Retirer', { id: 'webhooks.remove' }),
      danger: true,
    });
    if (!confirmed) return;
    this.busy = true;
    try {
      await revokeAuditWebhook(this.orgId, webhook.id);
      if (this.shownLog === webhook.id) this.shownLog = undefined;
      this.done = msg(str`Webhook retiré : ${webhook.url}`, { id: 'webhooks.removed' });
      void this.webhooks.run();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-audit-webhooks': AuditWebhooks;
  }
}

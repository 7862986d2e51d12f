import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { activateService, listServices, type CatalogueEntry } from '../../api/index.js';
import { dateLabel } from '../../i18n/labels.js';
import { language } from '../../i18n/localization.js';
import { sharedStyles } from '../../styles/shared.js';
import type { ConfirmDialog } from '../confirm-dialog/confirm-dialog.js';
import '../confirm-dialog/confirm-dialog.js';

/**
 * R15: the platform's services as the organization sees them: subscribed (its rights grantable)
 * or available (shown, never grantable), each with its rights. A manager activates an available
 * service, after a confirmation; the API's refusal shows under that service's button (R28: the
 * managers are told by e-mail).
 */
@customElement('procura-services-catalogue')
@localized()
export class ServicesCatalogue extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ul.services {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: baseline;
        justify-content: space-between;
      }
      .badge {
        display: inline-block;
        border-radius: 1rem;
        padding: 0.1rem 0.6rem;
        font-size: 0.85rem;
        font-weight: 600;
      }
      .badge.subscribed {
        background: #e3f9e5;
        color: #0e5b26;
      }
      .badge.available {
        background: #e4e7eb;
        color: #323f4b;
      }
      ul.rights {
        margin: 0.5rem 0;
        padding-left: 1.25rem;
      }
    `,
  ];

  @property({ attribute: 'org-id' }) orgId = '';
  @property({ attribute: 'organization-name' }) organizationName = '';
  @property({ type: Boolean }) manages = false;
  @state() private errors: Record<string, unknown> = {};
  @state() private busy = '';
  @state() private done = '';
  @query('procura-confirm-dialog') private confirm!: ConfirmDialog;

  private readonly catalogue = new Task(this, {
    task: async ([orgId], { signal }) => (await listServices(orgId, signal)).items,
    args: () => [this.orgId] as const,
  });

  override render() {
    const title = html`<h1>${msg('Services', { id: 'services.title' })}</h1>`;
    return html`${title}${this.catalogue.render({
        // Reloading after an activation keeps the list (and the focus) in place.
        pending: () =>
          this.catalogue.value ? this.renderCatalogue(this.catalogue.value) : html`<p role="status">${msg('Chargement…', { id: 'loading' })}</p>`,
        complete: (items) => this.renderCatalogue(items),
        error: (error) =>
          html`<p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>
            <button @click=${() => void this.catalogue.run()}>${msg('Réessayer', { id: 'retry' })}</button>`,
      })}<procura-confirm-dialog></procura-confirm-dialog>`;
  }

  private renderCatalogue(items: readonly CatalogueEntry[]) {
    if (items.length === 0) return html`<p>${msg('Aucun service au catalogue pour le moment.', { id: 'services.empty' })}</p>`;
    const subscribed = items.filter((s) => s.status === 'subscribed').length;
    return html` <p class="hint">
        ${msg("Les droits d'un service ne s'accordent que s'il est souscrit ; les services disponibles sont montrés, pas accordables.", { id: 'services.hint' })}
      </p>
      <p role="status" aria-live="polite" class="muted">
        ${this.done || msg(str`${subscribed} service(s) souscrit(s) sur ${items.length}`, { id: 'services.count' })}
      </p>
      <ul class="services">
        ${items.map((s) => html`<li>${this.renderService(s)}</li>`)}
      </ul>`;
  }

  private renderService(s: CatalogueEntry) {
    const lang = language();
    const error = this.errors[s.id];
    const titleId = `service-${s.id}`;
    return html`<section aria-labelledby=${titleId}>
      <div class="head">
        <h2 id=${titleId}>${s.label[lang]}</h2>
        <span class="badge ${s.status}"
          >${s.status === 'subscribed' ? msg('Souscrit', { id: 'services.subscribed' }) : msg('Disponible', { id: 'services.available' })}</span
        >
      </div>
      ${
        s.subscription && s.status === 'subscribed'
          ? html`<p class="muted">
              ${
                s.subscription.endsOn
                  ? msg(str`Depuis le ${dateLabel(s.subscription.startsOn)}, jusqu'au ${dateLabel(s.subscription.endsOn)}`, { id: 'services.period' })
                  : msg(str`Depuis le ${dateLabel(s.subscription.startsOn)}`, { id: 'services.since' })
              }
            </p>`
          : nothing
      }
      <p class="hint">${msg('Droits proposés :', { id: 'services.rights' })}</p>
      <ul class="rights">
        ${s.rights.map((r) => html`<li>${r.label[lang]}${s.status === 'subscribed' && !r.grantable ? html` <span class="muted">(${msg('non accordable par vous', { id: 'services.not_grantable' })})</span>` : nothing}</li>`)}
      </ul>
      ${
        s.status === 'available' && this.manages
          ? html`<button ?disabled=${this.busy !== ''} aria-describedby=${error ? `${titleId}-error` : nothing} @click=${() => this.activate(s)}>
              ${msg(str`Activer ${s.label[lang]}`, { id: 'services.activate' })}
            </button>`
          : nothing
      }
      ${s.status === 'available' && !this.manages ? html`<p class="hint">${msg("Seuls les gestionnaires de l'organisation activent un service.", { id: 'services.managers_only' })}</p>` : nothing}
      ${error ? html`<p class="error" id=${`${titleId}-error`} role="alert">${error instanceof Error ? error.message : String(error)}</p>` : nothing}
    </section>`;
  }

  private async activate(s: CatalogueEntry): Promise<void> {
    const label = s.label[language()];
    const confirmed = await this.confirm.ask({
      title: msg(str`Activer ${label} ?`, { id: 'services.activate.title' }),
      text: msg(
        str`${this.organizationName} souscrit ${label} dès aujourd'hui : ses droits pourront être accordés. Les gestionnaires en sont informés par e-mail.`,
        { id: 'services.activate.text' },
      ),
      confirmLabel: msg('Activer', { id: 'services.activate.confirm' }),
    });
    if (!confirmed) return;
    this.busy = s.id;
    this.done = '';
    this.errors = { ...this.errors, [s.id]: undefined };
    try {
      await activateService(this.orgId, s.id);
      this.done = msg(str`${label} est activé.`, { id: 'services.activated' });
      void this.catalogue.run();
    } catch (error) {
      this.errors = { ...this.errors, [s.id]: error };
    } finally {
      this.busy = '';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-services-catalogue': ServicesCatalogue;
  }
}

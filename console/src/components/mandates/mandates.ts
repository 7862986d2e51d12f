import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { endMandate, getOrganization, listMandates, listMembers, type Mandate, type Member } from '../../api/index.js';
import { dateLabel, rightLabel, serviceLabel } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';
import type { ConfirmDialog } from '../confirm-dialog/confirm-dialog.js';
import '../confirm-dialog/confirm-dialog.js';
import './mandate-attach.js';
import './mandate-delegates.js';
import './mandate-request.js';

const statusText = (status: Mandate['status']): string =>
  ({
    requested: msg("En attente de l'opérateur", { id: 'mandates.status.requested' }),
    active: msg('Actif', { id: 'mandates.status.active' }),
    rejected: msg('Refusé', { id: 'mandates.status.rejected' }),
    ended: msg('Terminé', { id: 'mandates.status.ended' }),
  })[status];

/** What the screen needs besides the mandates, which no change on this screen alters. */
interface MandatesContext {
  /** The organization is a fiduciary: it requests mandates and runs their delegates (R24, R25). */
  readonly fiduciary: boolean;
  readonly members: readonly Member[];
}

interface MandatesData extends MandatesContext {
  readonly mandates: readonly Mandate[];
}

/**
 * R24–R27: the mandates screen. For a fiduciary: its mandates with status and dates, the request
 * (R24), the delegates and their rights per mandate (R25); every person of the fiduciary sees them,
 * only its managers act. For a client: the fiduciaries acting for it. Either side ends an open
 * mandate, confirmed (R27); the refusal shows under that mandate's button.
 */
@customElement('procura-mandates')
@localized()
export class Mandates extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ul.mandates {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      ul.mandates > li {
        border: 1px solid #d9e2ec;
        border-radius: 0.5rem;
        padding: 0.75rem 1rem;
        margin: 0.75rem 0;
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
        background: #e4e7eb;
        color: #323f4b;
      }
      .badge.active {
        background: #e3f9e5;
        color: #0e5b26;
      }
      .badge.requested {
        background: #fffbea;
        color: #8d2b0b;
      }
      .badge.rejected {
        background: #ffe3e3;
        color: #8a041a;
      }
    `,
  ];

  @property({ attribute: 'org-id' }) orgId = '';
  @property({ attribute: 'organization-name' }) organizationName = '';
  @property({ type: Boolean }) manages = false;
  /** R24: the legal representative or the deputy requests a mandate (a manager does not). */
  @property({ type: Boolean }) requests = false;
  @state() private errors: Record<string, unknown> = {};
  @state() private done = '';
  @query('procura-confirm-dialog') private confirm!: ConfirmDialog;

  /** The organization's type and, for a manager, its members: read once per organization. */
  private readonly context = new Task(this, {
    task: async ([orgId, manages], { signal }): Promise<MandatesContext> => {
      const [organization, members] = await Promise.all([
        getOrganization(orgId, signal),
        // R25: a manager chooses delegates among the fiduciary's active members.
        manages ? listMembers(orgId, { status: ['active'], sort: 'name', pageSize: 200 }, signal) : undefined,
      ]);
      return { fiduciary: organization.type === 'fiduciary', members: members?.items ?? [] };
    },
    args: () => [this.orgId, this.manages] as const,
  });

  /** The mandates, read again after each change made on the screen (`mandates-changed`). */
  private readonly mandates = new Task(this, {
    task: async ([orgId], { signal }) => (await listMandates(orgId, signal)).items,
    args: () => [this.orgId] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('mandates-changed', () => void this.mandates.run());
  }

  override render() {
    const failed = [this.context, this.mandates].find((task) => task.status === TaskStatus.ERROR);
    const [context, mandates] = [this.context.value, this.mandates.value];
    // While a task runs again, the screen keeps what it shows (as after each change).
    const body = failed
      ? html`<p class="error" role="alert">${failed.error instanceof Error ? failed.error.message : String(failed.error)}</p>
          <button @click=${() => void failed.run()}>${msg('Réessayer', { id: 'retry' })}</button>`
      : context && mandates
        ? this.renderData({ ...context, mandates })
        : html`<p role="status">${msg('Chargement…', { id: 'loading' })}</p>`;
    return html`<h1>${msg('Mandats', { id: 'mandates.title' })}</h1>
      ${body}<procura-confirm-dialog></procura-confirm-dialog>`;
  }

  private renderData(data: MandatesData) {
    const asFiduciary = data.mandates.filter((m) => m.side === 'fiduciary');
    const asClient = data.mandates.filter((m) => m.side === 'client');
    return html` <p role="status" aria-live="polite" class="muted">${this.done}</p>
      ${
        data.fiduciary
          ? html`<section aria-labelledby="clients-title">
                <h2 id="clients-title">${msg('Nos clients', { id: 'mandates.clients' })}</h2>
                <p class="hint">
                  ${
                    !this.manages
                      ? msg('Toute la fiduciaire voit ses mandats ; seuls ses gestionnaires les font évoluer.', { id: 'mandates.read_only' })
                      : msg('Chaque mandat a ses gestionnaires mandataires, et chacun ses droits sur les services souscrits par le client.', {
                          id: 'mandates.clients.hint',
                        })
                  }
                </p>
                ${
                  asFiduciary.length === 0
                    ? html`<p>${msg('Aucun mandat pour le moment.', { id: 'mandates.empty' })}</p>`
                    : html`<ul class="mandates">
                        ${repeat(
                          asFiduciary,
                          (m) => m.id,
                          (m) => html`<li>${this.renderMandate(m, data.members)}</li>`,
                        )}
                      </ul>`
                }
              </section>
              ${this.manages && asFiduciary.length > 0 ? html`<procura-mandate-attach .orgId=${this.orgId} .members=${data.members}></procura-mandate-attach>` : nothing}
              ${
                this.requests
                  ? html`<procura-mandate-request .orgId=${this.orgId}></procura-mandate-request>`
                  : this.manages
                    ? html`<p class="hint">${msg('Seuls le requérant et son adjoint demandent un mandat.', { id: 'mandates.request.only' })}</p>`
                    : nothing
              }`
          : nothing
      }
      ${
        !data.fiduciary || asClient.length > 0
          ? html`<section aria-labelledby="fiduciaries-title">
              <h2 id="fiduciaries-title">${msg('Fiduciaires qui agissent pour nous', { id: 'mandates.fiduciaries' })}</h2>
              ${
                asClient.length === 0
                  ? html`<p>${msg("Aucune fiduciaire n'agit pour l'organisation.", { id: 'mandates.fiduciaries.empty' })}</p>`
                  : html`<ul class="mandates">
                      ${repeat(
                        asClient,
                        (m) => m.id,
                        (m) => html`<li>${this.renderMandate(m, [])}</li>`,
                      )}
                    </ul>`
              }
            </section>`
          : nothing
      }`;
  }

  private renderMandate(m: Mandate, members: readonly Member[]) {
    const other = m.side === 'fiduciary' ? m.client : m.fiduciary;
    const titleId = `mandate-${m.id}`;
    const error = this.errors[m.id];
    const open = m.status === 'requested' || m.status === 'active';
    return html`<section aria-labelledby=${titleId}>
      <div class="head">
        <h3 id=${titleId}>${other.legalName} <span class="muted">(${other.identifier})</span></h3>
        <span class="badge ${m.status}">${statusText(m.status)}</span>
      </div>
      <p class="muted">
        ${msg(str`Demandé le ${dateLabel(m.requestedAt)}`, { id: 'mandates.requested_at' })}${m.validFrom ? html` · ${msg(str`en vigueur depuis le ${dateLabel(m.validFrom)}`, { id: 'mandates.valid_from' })}` : nothing}${
          m.validUntil
            ? html` · ${msg(str`jusqu'au ${dateLabel(m.validUntil)}`, { id: 'mandates.valid_until' })}`
            : html` · ${msg('sans date de fin', { id: 'mandates.no_end' })}`
        }
      </p>
      <p>
        ${
          m.services === null
            ? msg('Couvre tous les services du client.', { id: 'mandates.services.all' })
            : msg(str`Services couverts : ${m.services.map((id) => serviceLabel(id)).join(', ')}.`, { id: 'mandates.services' })
        }
      </p>
      ${m.decisionReason ? html`<p>${msg(str`Motif du refus : ${m.decisionReason}`, { id: 'mandates.reason' })}</p>` : nothing}
      ${m.side === 'fiduciary' ? this.renderDelegates(m, members) : this.renderActingForUs(m)}
      ${this.manages && open ? html`<button class="danger" aria-describedby=${error ? `${titleId}-error` : nothing} @click=${() => this.end(m)}>${msg('Mettre fin au mandat', { id: 'mandates.end' })}</button>` : nothing}
      ${error ? html`<p class="error" id=${`${titleId}-error`} role="alert">${error instanceof Error ? error.message : String(error)}</p>` : nothing}
    </section>`;
  }

  /** R25, R27: on the client's side, who of the fiduciary acts for us through this mandate, and with which rights. */
  private renderActingForUs(m: Mandate) {
    if (m.status !== 'active') return nothing;
    const headingId = `acting-${m.id}`;
    return html`<h4 id=${headingId}>${msg('Qui agit pour nous', { id: 'mandates.acting' })}</h4>
      ${
        m.delegates.length === 0
          ? html`<p class="muted">${msg("La fiduciaire n'a encore désigné personne sur ce mandat.", { id: 'mandates.acting.none' })}</p>`
          : html`<ul aria-labelledby=${headingId}>
              ${m.delegates.map(
                (d) =>
                  html`<li>
                    <span class="email">${d.email}</span> :
                    ${
                      d.rights.length === 0
                        ? msg('aucun droit', { id: 'mandates.acting.no_right' })
                        : d.rights.map((r) => `${serviceLabel(r.serviceId)} — ${rightLabel(r.serviceId, r.rightId)}`).join(', ')
                    }
                  </li>`,
              )}
            </ul>`
      }`;
  }

  private renderDelegates(m: Mandate, members: readonly Member[]) {
    return html`<procura-mandate-delegates .orgId=${this.orgId} .mandate=${m} .members=${members} .manages=${this.manages}></procura-mandate-delegates>`;
  }

  private async end(m: Mandate): Promise<void> {
    const other = (m.side === 'fiduciary' ? m.client : m.fiduciary).legalName;
    const confirmed = await this.confirm.ask({
      title: msg(str`Mettre fin au mandat avec ${other} ?`, { id: 'mandates.end.title' }),
      text: msg(
        "Les gestionnaires mandataires perdent l'accès dès leur prochaine connexion ; l'autre partie est prévenue par e-mail. Un mandat terminé ne se rouvre pas.",
        { id: 'mandates.end.text' },
      ),
      confirmLabel: msg('Mettre fin', { id: 'mandates.end.confirm' }),
    });
    if (!confirmed) return;
    this.done = '';
    this.errors = { ...this.errors, [m.id]: undefined };
    try {
      await endMandate(this.orgId, m.id);
      this.done = msg(str`Le mandat avec ${other} est terminé.`, { id: 'mandates.ended' });
      void this.mandates.run();
    } catch (error) {
      this.errors = { ...this.errors, [m.id]: error };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-mandates': Mandates;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { approveAccessRequest, listAccessRequests, rejectAccessRequest, type AccessRequest } from '../../api/index.js';
import { dateLabel, personName, rightLabel, roleLabel, serviceLabel } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';
import { fieldError, invalid } from '../field-error/field-error.js';

/**
 * R22: the access requests awaiting the organization's managers, oldest first: who asks (names,
 * e-mail), for which role, their message. Accepting makes them an active member in that role (an
 * observer also gets the journal's read right where the portal says so); refusing says why, and
 * the requester is told either way by e-mail. A refusal of the API shows in the request's own card.
 */
@customElement('procura-access-requests')
@localized()
export class AccessRequests extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ul.requests {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 0.75rem;
      }
      li.request {
        border: 1px solid #d9e2ec;
        border-radius: 0.375rem;
        padding: 0.75rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: flex-end;
        margin-top: 0.5rem;
      }
      textarea {
        font: inherit;
        width: 100%;
        box-sizing: border-box;
        border: 1px solid #7b8794;
        border-radius: 0.375rem;
        padding: 0.4rem 0.5rem;
      }
      blockquote {
        margin: 0.5rem 0;
        padding-left: 0.75rem;
        border-left: 3px solid #d9e2ec;
      }
    `,
  ];

  @property() orgId = '';
  @property() organizationName = '';
  @state() private errors: Readonly<Record<string, unknown>> = {};
  /** The request whose refusal form is open. */
  @state() private refusing = '';
  @state() private done = '';
  @state() private busy = false;

  private readonly requests = new Task(this, {
    task: async ([orgId], { signal }) => (await listAccessRequests(orgId, signal)).items,
    args: () => [this.orgId] as const,
  });

  override render() {
    return html`
      <h1>${msg("Demandes d'accès", { id: 'access.requests.title' })}</h1>
      <p class="hint">
        ${msg(str`Les personnes qui demandent à agir pour ${this.organizationName}. Elles sont prévenues par e-mail de votre réponse.`, { id: 'access.requests.hint' })}
      </p>
      <p role="status" aria-live="polite" class="muted">${this.done}</p>
      ${this.requests.render({
        pending: () => (this.requests.value ? this.renderList(this.requests.value) : html`<p role="status">${msg('Chargement…', { id: 'loading' })}</p>`),
        complete: (items) => this.renderList(items),
        error: (error) =>
          html`<p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>
            <button class="secondary" @click=${() => void this.requests.run()}>${msg('Réessayer', { id: 'retry' })}</button>`,
      })}
    `;
  }

  private renderList(items: readonly AccessRequest[]) {
    if (items.length === 0) return html`<p>${msg("Aucune demande d'accès en attente.", { id: 'access.requests.empty' })}</p>`;
    return html`<ul class="requests">
      ${items.map((request) => this.renderRequest(request))}
    </ul>`;
  }

  private renderRequest(request: AccessRequest) {
    const name = personName(request);
    const error = this.errors[request.id];
    const reasonId = `reason-${request.id}`;
    return html`<li class="request" aria-label=${name}>
      <strong>${name}</strong>${name === request.email ? nothing : html` <span class="muted">${request.email}</span>`}
      <p>${msg(str`Demande le rôle ${roleLabel(request.role)}, le ${dateLabel(request.createdAt.slice(0, 10))}.`, { id: 'access.requests.asks' })}</p>
      ${request.message ? html`<blockquote>${request.message}</blockquote>` : nothing}
      ${
        this.refusing === request.id
          ? html`<form class="actions" @submit=${(event: SubmitEvent) => this.reject(event, request, name)} novalidate>
              <div class="field" style="flex: 1 1 16rem">
                <label for=${reasonId}>${msg(str`Pourquoi refuser l'accès de ${name} ?`, { id: 'access.requests.reason' })}</label>
                <textarea
                  id=${reasonId}
                  name="reason"
                  rows="2"
                  maxlength="1000"
                  aria-invalid=${invalid(error, 'reason')}
                  aria-describedby=${invalid(error, 'reason') === 'true' ? `${reasonId}-error` : nothing}
                ></textarea>
                ${fieldError(error, 'reason', `${reasonId}-error`)}
              </div>
              <button type="submit" class="danger" ?disabled=${this.busy}>${msg('Refuser la demande', { id: 'access.requests.reject' })}</button>
              <button type="button" class="secondary" @click=${() => (this.refusing = '')}>${msg('Annuler', { id: 'confirm.cancel' })}</button>
            </form>`
          : html`<div class="actions">
              <button
                ?disabled=${this.busy}
                aria-label=${msg(str`Accepter la demande de ${name}`, { id: 'access.requests.approve.label' })}
                @click=${() => this.approve(request, name)}
              >
                ${msg('Accepter', { id: 'access.requests.approve' })}
              </button>
              <button
                class="secondary"
                ?disabled=${this.busy}
                aria-label=${msg(str`Refuser la demande de ${name}`, { id: 'access.requests.reject.label' })}
                @click=${() => this.openRefusal(request)}
              >
                ${msg('Refuser…', { id: 'access.requests.refuse' })}
              </button>
            </div>`
      }
      ${error && invalid(error, 'reason') === 'false' ? html`<p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>` : nothing}
    </li>`;
  }

  private async openRefusal(request: AccessRequest): Promise<void> {
    this.refusing = request.id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>(`#reason-${request.id}`)?.focus();
  }

  private async approve(request: AccessRequest, name: string): Promise<void> {
    let given: readonly string[] = [];
    await this.act(
      request.id,
      async () => {
        given = (await approveAccessRequest(this.orgId, request.id)).rights.map(
          (right) => `${serviceLabel(right.serviceId)} — ${rightLabel(right.serviceId, right.rightId)}`,
        );
      },
      () =>
        given.length > 0
          ? msg(str`${name} a désormais accès, comme ${roleLabel(request.role)}, avec : ${given.join(', ')}.`, { id: 'access.requests.approved.rights' })
          : msg(str`${name} a désormais accès, comme ${roleLabel(request.role)}.`, { id: 'access.requests.approved' }),
    );
  }

  private async reject(event: SubmitEvent, request: AccessRequest, name: string): Promise<void> {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '');
    await this.act(
      request.id,
      () => rejectAccessRequest(this.orgId, request.id, reason),
      () => msg(str`Demande de ${name} refusée ; la personne en est prévenue.`, { id: 'access.requests.rejected' }),
    );
  }

  /** One answer to one request; its refusal stays in that request's card, the list is read again. */
  private async act(id: string, action: () => Promise<unknown>, done: () => string): Promise<void> {
    this.busy = true;
    this.done = '';
    this.errors = { ...this.errors, [id]: undefined };
    try {
      await action();
      this.done = done();
      this.refusing = '';
      await this.requests.run();
    } catch (error) {
      this.errors = { ...this.errors, [id]: error };
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-access-requests': AccessRequests;
  }
}

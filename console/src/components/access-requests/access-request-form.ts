import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { listMyAccessRequests, requestAccess, type MyAccessRequest } from '../../api/index.js';
import { dateLabel, roleLabel } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';
import { errorId, fieldError, formError, invalid } from '../field-error/field-error.js';
import { identifierField } from '../sign-up-page/person-fields.js';

const fields = ['organization', 'role', 'message'] as const;

/**
 * R22: a signed-in person asks an organization, found by its number, for access: as a member (to
 * act in its services, with the rights its managers give) or as an observer (to read, the journal
 * for one). The organization's managers are told and answer in their console; the person is told
 * by e-mail either way, and sees below the form each of their requests with its answer (the
 * reason of a refusal). An unknown number, a membership already held or a request still pending is
 * refused under its field.
 */
@customElement('procura-access-request-form')
@localized()
export class AccessRequestForm extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      form {
        max-width: 36rem;
      }
      textarea {
        font: inherit;
        width: 100%;
        box-sizing: border-box;
        border: 1px solid #7b8794;
        border-radius: 0.375rem;
        padding: 0.4rem 0.5rem;
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 1rem;
      }
      legend {
        font-weight: 600;
        margin-bottom: 0.25rem;
      }
      .check {
        display: flex;
        gap: 0.5rem;
        align-items: flex-start;
        font-weight: 400;
      }
      .check input {
        min-height: auto;
        width: 1.1rem;
        height: 1.1rem;
        margin-top: 0.2rem;
        flex: none;
      }
      ul.mine {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
      ul.mine li {
        border: 1px solid #d9e2ec;
        border-radius: 0.375rem;
        padding: 0.5rem 0.75rem;
      }
      blockquote {
        margin: 0.25rem 0 0;
        padding-left: 0.75rem;
        border-left: 3px solid #d9e2ec;
      }
    `,
  ];

  @state() private error: unknown;
  @state() private busy = false;
  @state() private sent: { organizationName: string; role: 'member' | 'observer' } | undefined;

  private readonly mine = new Task(this, {
    task: async (_args, { signal }) => (await listMyAccessRequests(signal)).items,
    args: () => [],
  });

  override render() {
    const e = this.error;
    return html`
      <h1>${msg('Demander un accès', { id: 'access.ask.title' })}</h1>
      <p>
        ${msg('Demandez à une organisation de vous donner accès à ses services en ligne : ses gestionnaires reçoivent votre demande et vous répondent par e-mail.', { id: 'access.ask.intro' })}
      </p>
      ${this.sent ? html`<p class="notice" role="status">${msg(str`Demande envoyée à ${this.sent.organizationName}, comme ${roleLabel(this.sent.role)}. Vous recevrez sa réponse par e-mail.`, { id: 'access.ask.sent' })}</p>` : nothing}
      <form @submit=${this.submit} novalidate>
        ${identifierField(e, 'organization')}
        <fieldset aria-describedby=${errorId(e, 'role') || nothing}>
          <legend>${msg('Accès demandé', { id: 'access.ask.role' })}</legend>
          <label class="check"
            ><input type="radio" name="role" value="member" checked aria-invalid=${invalid(e, 'role')} />
            <span
              >${roleLabel('member')} — ${msg('agir dans les services, avec les droits que les gestionnaires me donnent', { id: 'access.ask.member' })}</span
            ></label
          >
          <label class="check"
            ><input type="radio" name="role" value="observer" aria-invalid=${invalid(e, 'role')} />
            <span
              >${roleLabel('observer')} — ${msg("consulter, par exemple le journal de l'entreprise, sans rien modifier", { id: 'access.ask.observer' })}</span
            ></label
          >
          ${fieldError(e, 'role', 'role-error')}
        </fieldset>
        <div class="field">
          <label for="message">${msg('Message pour les gestionnaires (facultatif)', { id: 'access.ask.message' })}</label>
          <textarea
            id="message"
            name="message"
            rows="3"
            maxlength="1000"
            aria-invalid=${invalid(e, 'message')}
            aria-describedby=${errorId(e, 'message') || nothing}
          ></textarea>
          ${fieldError(e, 'message', 'message-error')}
        </div>
        ${formError(e, fields)}
        <button type="submit" ?disabled=${this.busy}>${msg('Envoyer la demande', { id: 'mandates.request.submit' })}</button>
      </form>
      <h2>${msg('Mes demandes', { id: 'access.mine.title' })}</h2>
      ${this.mine.render({
        pending: () => (this.mine.value ? this.renderMine(this.mine.value) : html`<p role="status">${msg('Chargement…', { id: 'loading' })}</p>`),
        complete: (items) => this.renderMine(items),
        error: (error) => html`<p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>`,
      })}
    `;
  }

  private renderMine(items: readonly MyAccessRequest[]) {
    if (items.length === 0) return html`<p class="muted">${msg("Vous n'avez encore demandé aucun accès.", { id: 'access.mine.empty' })}</p>`;
    return html`<ul class="mine">
      ${items.map(
        (request) =>
          html`<li>
            <strong>${request.organizationName}</strong> — ${roleLabel(request.role)},
            ${msg(str`demandé le ${dateLabel(request.createdAt.slice(0, 10))}`, { id: 'access.mine.asked' })} : ${answerLabel(request)}
            ${request.reason ? html`<blockquote>${request.reason}</blockquote>` : nothing}
          </li>`,
      )}
    </ul>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const organization = String(data.get('organization') ?? '').trim();
    const role = data.get('role') === 'observer' ? 'observer' : 'member';
    const message = String(data.get('message') ?? '').trim();
    this.error = undefined;
    this.sent = undefined;
    this.busy = true;
    try {
      const created = await requestAccess({ organization, role, ...(message ? { message } : {}) });
      form.reset();
      await this.mine.run();
      this.sent = { organizationName: this.mine.value?.find((request) => request.id === created.id)?.organizationName ?? organization, role };
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}

function answerLabel(request: MyAccessRequest): string {
  const on = request.decidedAt ? dateLabel(request.decidedAt.slice(0, 10)) : '';
  if (request.status === 'approved') return msg(str`acceptée le ${on}`, { id: 'access.mine.approved' });
  if (request.status === 'rejected') return msg(str`refusée le ${on}`, { id: 'access.mine.rejected' });
  return msg('en attente de la réponse des gestionnaires', { id: 'access.mine.pending' });
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-access-request-form': AccessRequestForm;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import {
  appointFromRecovery,
  getPendingRequest,
  readDocument,
  rejectRequest,
  validateRequest,
  type FiledDocument,
  type PendingRecovery,
  type PendingRequest,
  type RequestKind,
} from '../../api/index.js';
import { routeHref } from '../../router/routes.js';
import { sharedStyles } from '../../styles/shared.js';
import type { ConfirmDialog } from '../confirm-dialog/confirm-dialog.js';
import { errorId, fieldError, formError, invalid } from '../field-error/field-error.js';
import { kindLabel } from '../operator-queue/labels.js';
import { managerLabel, recoveryManagers, recoveryManagersStyles, retireField, retirementNotice } from './recovery-managers.js';
import { requestDocuments, requestFields, size } from './request-fields.js';
import '../confirm-dialog/confirm-dialog.js';

const subject = (p: PendingRequest) =>
  p.kind === 'sign-ups'
    ? p.request.legalName
    : p.kind === 'mandates'
      ? `${p.request.fiduciary.legalName} → ${p.request.client.legalName}`
      : p.request.organization.legalName;

/**
 * R31: one request of the operator's queue: its fields, its documents to read, and the decision:
 * validate (R10, R24) or appoint the requester (R30), or reject with a reason (required); each
 * confirmed. A recovery lists the organization's current managers, and the appointment retires
 * those checked (R30, R14, decision 0042), the confirmation naming them. The API's refusal shows
 * under the reason or the manager it names, else above the buttons.
 */
@customElement('procura-operator-request')
@localized()
export class OperatorRequest extends LitElement {
  static override styles = [
    sharedStyles,
    recoveryManagersStyles,
    css`
      .overdue {
        color: #b42318;
      }
      textarea {
        font: inherit;
        width: 100%;
        max-width: 36rem;
        box-sizing: border-box;
        min-height: 5rem;
        padding: 0.4rem 0.5rem;
        border: 1px solid #7b8794;
        border-radius: 0.375rem;
      }
      textarea[aria-invalid='true'] {
        border-color: #b42318;
      }
      textarea:focus-visible {
        outline: 3px solid #f0b429;
        outline-offset: 2px;
      }
      button.link {
        background: none;
        border: 0;
        color: var(--procura-primary, #0d5c75);
        text-decoration: underline;
        padding: 0;
        min-height: 1.5rem;
      }
      ul.documents {
        padding-left: 1.25rem;
      }
    `,
  ];

  @property() kind: RequestKind = 'sign-ups';
  @property({ attribute: 'request-id' }) requestId = '';
  @state() private error: unknown;
  @state() private missingReason = false;
  @state() private documentError: unknown;
  @state() private busy = false;
  @state() private done = '';
  /** R30: the memberships checked « Retirer », and those the last appointment tried sent (for its refusal's `retire/<n>`). */
  @state() private retire: ReadonlySet<string> = new Set();
  @state() private sentRetire: readonly string[] = [];
  @query('procura-confirm-dialog') private confirm!: ConfirmDialog;

  private readonly pending = new Task(this, {
    task: async ([kind, id], { signal }) => getPendingRequest(kind, id, signal),
    args: () => [this.kind, this.requestId] as const,
  });

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // Another request: nobody is checked for it yet.
    if (changed.has('requestId') || changed.has('kind')) [this.retire, this.sentRetire] = [new Set(), []];
  }

  override render() {
    return html`<p><a href=${routeHref({ screen: 'operator' })}>${msg('← Retour aux demandes', { id: 'operator.back' })}</a></p>
      ${this.pending.render({
        pending: () =>
          html`<h1>${kindLabel(this.kind)}</h1>
            <p role="status">${msg('Chargement…', { id: 'loading' })}</p>`,
        complete: (pending) => (pending ? this.renderRequest(pending) : this.renderGone()),
        error: (error) =>
          html`<h1>${kindLabel(this.kind)}</h1>
            <p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>
            <button @click=${() => void this.pending.run()}>${msg('Réessayer', { id: 'retry' })}</button>`,
      })}<procura-confirm-dialog></procura-confirm-dialog>`;
  }

  private renderGone() {
    if (this.done)
      return html`<h1>${kindLabel(this.kind)}</h1>
        <p class="notice" role="status">${this.done}</p>`;
    return html`<h1>${kindLabel(this.kind)}</h1>
      <p>${msg("Cette demande n'est plus en attente : elle a été traitée, ou n'existe pas.", { id: 'operator.gone' })}</p>`;
  }

  private renderRequest(pending: PendingRequest) {
    const documents = requestDocuments(pending);
    return html`<h1>${kindLabel(pending.kind)} : ${subject(pending)}</h1>
      ${requestFields(pending)}
      ${
        pending.kind === 'sign-ups'
          ? nothing
          : html`<section aria-labelledby="documents-title">
              <h2 id="documents-title">${msg('Documents', { id: 'operator.documents' })}</h2>
              ${
                documents.length === 0
                  ? html`<p>${msg('Aucun document.', { id: 'operator.documents.none' })}</p>`
                  : html`<ul class="documents">
                      ${documents.map((d) => this.renderDocument(d))}
                    </ul>`
              }
              ${formError(this.documentError, [])}
            </section>`
      }
      ${pending.kind === 'recoveries' ? recoveryManagers(pending.request.managers, this.retire, this.sentRetire, this.error, (id, checked) => this.choose(id, checked)) : nothing}
      ${this.renderDecision(pending)}`;
  }

  private choose(membershipId: string, checked: boolean): void {
    const retire = new Set(this.retire);
    if (checked) retire.add(membershipId);
    else retire.delete(membershipId);
    this.retire = retire;
  }

  private renderDocument(document: FiledDocument) {
    const name = document.filename ?? msg('document', { id: 'operator.document' });
    if (!document.documentId) return html`<li>${name}</li>`;
    return html`<li>
      <button class="link" type="button" @click=${() => this.open({ documentId: document.documentId!, filename: name })}>
        ${msg(str`Lire ${name}`, { id: 'operator.document.read' })}
      </button>
      <span class="muted">${[document.mediaType, size(document.byteSize)].filter(Boolean).join(', ')} · SHA-256 ${document.sha256.slice(0, 12)}…</span>
    </li>`;
  }

  private renderDecision(pending: PendingRequest) {
    const e = this.error;
    const local = this.missingReason ? msg('Indiquez la raison du refus : elle est envoyée au demandeur.', { id: 'operator.reason.required' }) : '';
    const described = [local ? 'reason-required' : '', errorId(e, 'reason'), 'reason-hint'].filter(Boolean).join(' ');
    return html`<section aria-labelledby="decision-title">
      <h2 id="decision-title">${msg('Décision', { id: 'operator.decision' })}</h2>
      <p role="status" aria-live="polite" class="muted">${this.done}</p>
      <p>
        <button type="button" ?disabled=${this.busy} @click=${() => this.validate(pending)}>
          ${pending.kind === 'recoveries' ? msg('Nommer le demandeur', { id: 'operator.appoint' }) : msg('Valider', { id: 'operator.validate' })}
        </button>
      </p>
      <form @submit=${(event: SubmitEvent) => this.reject(event, pending)} novalidate>
        <div class="field">
          <label for="reason">${msg('Raison du refus', { id: 'operator.reason' })}</label>
          <textarea
            id="reason"
            name="reason"
            maxlength="1000"
            required
            aria-invalid=${local || invalid(e, 'reason') === 'true' ? 'true' : 'false'}
            aria-describedby=${described}
            @input=${() => (this.missingReason = false)}
          ></textarea>
          <p class="hint" id="reason-hint">${msg('Obligatoire pour refuser ; envoyée au demandeur par e-mail.', { id: 'operator.reason.hint' })}</p>
          ${local ? html`<p class="error" id="reason-required" role="alert">${local}</p>` : nothing} ${fieldError(e, 'reason', 'reason-error')}
        </div>
        ${formError(e, ['reason', ...this.retireFields(pending)])}
        <button type="submit" class="danger" ?disabled=${this.busy}>${msg('Refuser', { id: 'operator.reject' })}</button>
      </form>
    </section>`;
  }

  /** The `retire/<n>` fields a refusal may name for a manager shown (not repeated above the buttons). */
  private retireFields(pending: PendingRequest): string[] {
    if (pending.kind !== 'recoveries') return [];
    return pending.request.managers.map((manager) => retireField(this.sentRetire, manager.membershipId)).filter(Boolean);
  }

  private async validate(pending: PendingRequest): Promise<void> {
    if (pending.kind === 'recoveries') return this.appoint(pending.request);
    const name = subject(pending);
    const confirmed = await this.confirm.ask({
      title: msg(str`Valider : ${name} ?`, { id: 'operator.validate.confirm.title' }),
      text: msg('La décision est enregistrée à votre nom et les personnes concernées sont averties par e-mail.', { id: 'operator.confirm.text' }),
      confirmLabel: msg('Valider', { id: 'operator.validate' }),
    });
    if (confirmed)
      await this.decide(() => validateRequest(pending.kind, pending.request.id), msg(str`Demande validée : ${name}.`, { id: 'operator.validated' }));
  }

  /** R30, R14: the appointment, retiring the managers checked (in the list's order), confirmed with their names. */
  private async appoint(recovery: PendingRecovery): Promise<void> {
    const name = recovery.organization.legalName;
    const retiring = recovery.managers.filter((manager) => this.retire.has(manager.membershipId));
    const notice = retirementNotice(retiring, name, recovery.managers.length);
    const confirmed = await this.confirm.ask({
      title: msg(str`Nommer le demandeur pour ${name} ?`, { id: 'operator.appoint.confirm.title' }),
      text: [notice, msg('La décision est enregistrée à votre nom et les personnes concernées sont averties par e-mail.', { id: 'operator.confirm.text' })]
        .filter(Boolean)
        .join(' '),
      confirmLabel: msg('Nommer le demandeur', { id: 'operator.appoint' }),
      danger: retiring.length > 0,
    });
    if (!confirmed) return;
    const retire = retiring.map((manager) => manager.membershipId);
    this.sentRetire = retire;
    const retired = retiring.map(managerLabel).join(', ');
    const done = [
      msg(str`Demande validée : ${name}.`, { id: 'operator.validated' }),
      retiring.length > 0 ? msg(str`Accès retirés : ${retired}.`, { id: 'operator.retired' }) : '',
    ]
      .filter(Boolean)
      .join(' ');
    await this.decide(() => appointFromRecovery(recovery.id, retire), done);
    if (!this.error) this.retire = new Set();
  }

  private async reject(event: SubmitEvent, pending: PendingRequest): Promise<void> {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    this.missingReason = reason === '';
    if (this.missingReason) return;
    const name = subject(pending);
    const confirmed = await this.confirm.ask({
      title: msg(str`Refuser : ${name} ?`, { id: 'operator.reject.confirm.title' }),
      text: msg(str`Raison envoyée au demandeur : « ${reason} »`, { id: 'operator.reject.confirm.text' }),
      confirmLabel: msg('Refuser', { id: 'operator.reject' }),
      danger: true,
    });
    if (confirmed)
      await this.decide(() => rejectRequest(pending.kind, pending.request.id, reason), msg(str`Demande refusée : ${name}.`, { id: 'operator.rejected' }));
  }

  /** Runs the decision; on success the request leaves the queue, and the screen says what was done. */
  private async decide(action: () => Promise<unknown>, done: string): Promise<void> {
    this.busy = true;
    this.error = undefined;
    try {
      await action();
      this.done = done;
      await this.pending.run();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  private async open(filed: { documentId: string; filename: string }): Promise<void> {
    this.documentError = undefined;
    try {
      const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(await readDocument(filed.documentId)), download: filed.filename });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } catch (error) {
      this.documentError = error;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-operator-request': OperatorRequest;
  }
}

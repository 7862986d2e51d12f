import { css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { changeLoginEmailBySupport, lookUpPerson, removeAccessBySupport, type PersonFile } from '../../api/index.js';
import { dateLabel, roleLabel, statusLabel } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';
import type { ConfirmDialog } from '../confirm-dialog/confirm-dialog.js';
import { fieldError, formError, invalid, textField } from '../field-error/field-error.js';
import { operatorTabs } from '../operator-queue/tabs.js';
import '../confirm-dialog/confirm-dialog.js';
import './support-registrations.js';
import './support-fiduciary-mandate.js';
import { SupportForm } from './support-form.js';

const valueOf = (event: SubmitEvent, name: string) => String(new FormData(event.target as HTMLFormElement).get(name) ?? '').trim();

/**
 * Issue 16 item 6: the operator's support desk. Find a person by e-mail (their organizations and
 * roles, mandates as delegate, pending invitations and e-mail change), then, for them, change a
 * lost login e-mail or remove their access (the memberships checked); below, register an
 * organization sent in by e-mail, a prescriber's antenna, and a
 * mandate of a fiduciary not yet on the platform. Every action asks the reason, which
 * the audit trail keeps; the API's refusal shows under the field it names.
 */
@customElement('procura-operator-support')
@localized()
export class OperatorSupport extends SupportForm {
  static override styles = [
    sharedStyles,
    css`
      nav.tabs {
        display: flex;
        gap: 1rem;
        margin-bottom: 1rem;
      }
      nav.tabs a[aria-current='page'] {
        font-weight: 700;
        text-decoration: none;
      }
      input[type='email'] {
        width: 22rem;
      }
      ul {
        padding-left: 1.25rem;
      }
      fieldset {
        min-width: 0;
      }
      td,
      dd {
        overflow-wrap: anywhere;
      }
      @media (max-width: 40rem) {
        input[type='email'] {
          width: 100%;
        }
        .wide {
          display: none;
        }
        th,
        td {
          padding: 0.4rem 0.25rem;
        }
      }
    `,
  ];

  @state() private person: PersonFile | undefined;
  @state() private lookupError: unknown;
  @state() private emailError: unknown;
  @state() private removeError: unknown;
  /** The memberships to remove: all the person's, unless unchecked. */
  @state() private kept: ReadonlySet<string> = new Set();
  /** The reason of the last lookup: the page re-reads the person with it after an action. */
  private lookupReason = '';
  @query('procura-confirm-dialog') private confirm!: ConfirmDialog;

  override render() {
    return html`${operatorTabs('support')}
      <h1>${msg('Support', { id: 'desk.title' })}</h1>
      <p class="hint">
        ${msg("Pour les demandes reçues par e-mail ou par téléphone. Chaque action demande son motif : il est gardé au journal d'audit avec votre nom.", { id: 'desk.hint' })}
      </p>
      <p role="status" aria-live="polite" class="notice" ?hidden=${!this.done}>${this.done}</p>
      ${this.renderLookup()} ${this.person ? this.renderPerson(this.person) : nothing}
      <procura-support-registrations></procura-support-registrations>
      <procura-support-fiduciary-mandate></procura-support-fiduciary-mandate>
      <procura-confirm-dialog></procura-confirm-dialog>`;
  }

  private renderLookup() {
    const e = this.lookupError;
    return html`<section aria-labelledby="lookup-title">
      <h2 id="lookup-title">${msg('Trouver une personne', { id: 'desk.lookup' })}</h2>
      <form @submit=${this.lookUp} novalidate>
        ${textField(e, 'email', msg('E-mail de connexion', { id: 'desk.lookup.email' }), { type: 'email', idPrefix: 'lookup-' })}
        ${textField(e, 'reason', msg('Motif', { id: 'desk.reason' }), { idPrefix: 'lookup-', hint: msg('Par exemple : appel du 6 décembre, identité vérifiée.', { id: 'desk.lookup.reason.hint' }) })}
        ${formError(e, ['email', 'reason'])}
        <button type="submit" ?disabled=${this.busy}>${msg('Rechercher', { id: 'desk.lookup.submit' })}</button>
      </form>
    </section>`;
  }

  private renderPerson(p: PersonFile) {
    const name = `${p.givenName} ${p.familyName}`.trim() || p.email;
    return html`<section aria-labelledby="person-title">
        <h2 id="person-title">${name}</h2>
        <dl>
          <dt>${msg('E-mail de connexion', { id: 'desk.lookup.email' })}</dt>
          <dd>${p.email}</dd>
          <dt>${msg('Compte', { id: 'desk.account' })}</dt>
          <dd>${p.activated ? msg('Activé', { id: 'desk.account.activated' }) : msg('Pas encore activé', { id: 'desk.account.not_activated' })}</dd>
          ${
            p.pendingEmail
              ? html`<dt>${msg('Nouvel e-mail en attente', { id: 'desk.pending_email' })}</dt>
                  <dd>
                    ${msg(str`${p.pendingEmail.email}, à confirmer avant le ${dateLabel(p.pendingEmail.expiresAt.slice(0, 10))}`, { id: 'desk.pending_email.value' })}
                  </dd>`
              : nothing
          }
        </dl>
        ${this.renderMemberships(p)}
        <h3>${msg('Mandats comme délégué', { id: 'desk.delegations' })}</h3>
        ${
          p.delegations.length === 0
            ? html`<p class="muted">${msg('Aucun.', { id: 'desk.none' })}</p>`
            : html`<ul>
                ${p.delegations.map((d) => html`<li>${d.fiduciary.legalName} → ${d.client.legalName}</li>`)}
              </ul>`
        }
        <h3>${msg('Invitations en attente', { id: 'desk.invitations' })}</h3>
        ${
          p.invitations.length === 0
            ? html`<p class="muted">${msg('Aucune.', { id: 'desk.none.f' })}</p>`
            : html`<ul>
                ${p.invitations.map((i) => html`<li>${i.organization.legalName} (${i.organization.identifier})</li>`)}
              </ul>`
        }
      </section>
      ${this.renderEmailChange(p)} ${p.memberships.length > 0 ? this.renderRemoval(p) : nothing}`;
  }

  private renderMemberships(p: PersonFile) {
    if (p.memberships.length === 0)
      return html`<h3>${msg('Organisations', { id: 'desk.memberships' })}</h3>
        <p class="muted">${msg('Aucune.', { id: 'desk.none.f' })}</p>`;
    return html`<h3>${msg('Organisations', { id: 'desk.memberships' })}</h3>
      <table>
        <caption class="visually-hidden">
          ${msg('Organisations de la personne', { id: 'desk.memberships.caption' })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('Retirer', { id: 'desk.remove.col' })}</th>
            <th scope="col">${msg('Organisation', { id: 'desk.col.organization' })}</th>
            <th scope="col">${msg('Rôle', { id: 'desk.col.role' })}</th>
            <th scope="col" class="wide">${msg('Statut', { id: 'desk.col.status' })}</th>
          </tr>
        </thead>
        <tbody>
          ${p.memberships.map(
            (m, index) =>
              html`<tr>
                <td>
                  <input
                    type="checkbox"
                    id=${`remove-${index}`}
                    .checked=${!this.kept.has(m.membershipId)}
                    @change=${(event: Event) => this.keep(m.membershipId, !(event.target as HTMLInputElement).checked)}
                    aria-label=${msg(str`Retirer l'accès à ${m.organization.legalName}`, { id: 'desk.remove.one' })}
                    aria-invalid=${invalid(this.removeError, `membershipIds/${this.sentIndex(p, m.membershipId)}`)}
                  />
                  ${fieldError(this.removeError, `membershipIds/${this.sentIndex(p, m.membershipId)}`, `remove-${index}-error`)}
                </td>
                <td>${m.organization.legalName} <span class="muted">${m.organization.identifier}</span></td>
                <td>${roleLabel(m.role)}</td>
                <td class="wide">${statusLabel(m.status)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
  }

  private renderEmailChange(p: PersonFile) {
    const e = this.emailError;
    return html`<section aria-labelledby="email-title">
      <h2 id="email-title">${msg("Changer l'e-mail de connexion", { id: 'desk.email' })}</h2>
      <p class="hint">
        ${msg("Pour une personne qui n'a plus accès à son ancienne boîte : un lien part à la nouvelle adresse, l'ancienne est avertie avec le motif. L'e-mail change quand la personne ouvre le lien.", { id: 'desk.email.hint' })}
      </p>
      <form @submit=${(event: SubmitEvent) => this.changeEmail(event, p)} novalidate>
        ${textField(e, 'email', msg('Nouvel e-mail', { id: 'desk.email.new' }), { type: 'email', idPrefix: 'change-' })}
        ${textField(e, 'reason', msg('Motif', { id: 'desk.reason' }), { idPrefix: 'change-' })} ${formError(e, ['email', 'reason'])}
        <button type="submit" ?disabled=${this.busy}>${msg('Envoyer le lien', { id: 'desk.email.submit' })}</button>
      </form>
    </section>`;
  }

  private renderRemoval(p: PersonFile) {
    const e = this.removeError;
    const fields = ['reason', 'membershipIds', ...p.memberships.map((_m, i) => `membershipIds/${i}`)];
    return html`<section aria-labelledby="remove-title">
      <h2 id="remove-title">${msg('Retirer les accès', { id: 'desk.remove' })}</h2>
      <p class="hint">
        ${msg("Pour une personne partie : ses accès cochés ci-dessus sont supprimés, avec leurs droits. Le dernier gestionnaire d'une organisation ne peut pas être retiré ici : l'organisation dépose alors une demande de reprise.", { id: 'desk.remove.hint' })}
      </p>
      <form @submit=${(event: SubmitEvent) => this.removeAccess(event, p)} novalidate>
        ${textField(e, 'reason', msg('Motif', { id: 'desk.reason' }), { idPrefix: 'remove-' })} ${fieldError(e, 'membershipIds', 'remove-all-error')}
        ${formError(e, fields)}
        <button type="submit" class="danger" ?disabled=${this.busy}>${msg('Retirer les accès cochés', { id: 'desk.remove.submit' })}</button>
      </form>
    </section>`;
  }

  /** The memberships sent for removal, in the table's order (the API names the one at fault by its index). */
  private chosen(p: PersonFile): string[] {
    return p.memberships.map((m) => m.membershipId).filter((id) => !this.kept.has(id));
  }

  private sentIndex(p: PersonFile, membershipId: string): number {
    return this.chosen(p).indexOf(membershipId);
  }

  private keep(membershipId: string, kept: boolean): void {
    const next = new Set(this.kept);
    if (kept) next.add(membershipId);
    else next.delete(membershipId);
    this.kept = next;
  }

  private readonly lookUp = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const [email, reason] = [valueOf(event, 'email'), valueOf(event, 'reason')];
    await this.run(
      (error) => (this.lookupError = error),
      async () => {
        this.person = undefined;
        this.person = await lookUpPerson(email, reason);
        this.lookupReason = reason;
        this.kept = new Set();
        [this.emailError, this.removeError, this.done] = [undefined, undefined, ''];
      },
    );
  };

  private async changeEmail(event: SubmitEvent, p: PersonFile): Promise<void> {
    event.preventDefault();
    const [email, reason] = [valueOf(event, 'email'), valueOf(event, 'reason')];
    const form = event.target as HTMLFormElement;
    await this.run(
      (error) => (this.emailError = error),
      async () => {
        const { pendingEmail } = await changeLoginEmailBySupport(p.id, email, reason);
        form.reset();
        await this.refresh(p);
        this.done = msg(str`Lien de confirmation envoyé à ${pendingEmail} ; ${p.email} est averti.`, { id: 'desk.email.done' });
      },
    );
  }

  private async removeAccess(event: SubmitEvent, p: PersonFile): Promise<void> {
    event.preventDefault();
    // Read now: once the event is dispatched, its target in a shadow tree is no longer set.
    const form = event.target as HTMLFormElement;
    const reason = valueOf(event, 'reason');
    const chosen = this.chosen(p);
    const names = p.memberships
      .filter((m) => chosen.includes(m.membershipId))
      .map((m) => m.organization.legalName)
      .join(', ');
    const confirmed = await this.confirm.ask({
      title: msg(str`Retirer les accès de ${p.email} ?`, { id: 'desk.remove.confirm.title' }),
      text:
        chosen.length === 0
          ? msg('Aucun accès coché.', { id: 'desk.remove.confirm.none' })
          : msg(str`Accès supprimés : ${names}. La décision est enregistrée à votre nom.`, { id: 'desk.remove.confirm.text' }),
      confirmLabel: msg('Retirer', { id: 'desk.remove.col' }),
      danger: true,
    });
    if (!confirmed) return;
    await this.run(
      (error) => (this.removeError = error),
      async () => {
        await removeAccessBySupport(p.id, chosen, reason);
        form.reset();
        await this.refresh(p);
        this.done = msg(str`Accès retirés : ${names}.`, { id: 'desk.remove.done' });
      },
    );
  }

  /** The person as they are now (a lookup again, audited with the first one's reason). */
  private async refresh(p: PersonFile): Promise<void> {
    this.person = await lookUpPerson(p.email, this.lookupReason);
    this.kept = new Set();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-operator-support': OperatorSupport;
  }
}

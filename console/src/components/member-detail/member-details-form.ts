import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import {
  editMemberDetails,
  getMemberDetails,
  type CodeChannel,
  type DetailsOwner,
  type MemberDetails,
  type MemberDetailsChanges,
  type Warning,
} from '../../api/index.js';
import { dateLabel } from '../../i18n/labels.js';
import { language } from '../../i18n/localization.js';
import { sharedStyles } from '../../styles/shared.js';
import { fieldError, formError, invalid } from '../field-error/field-error.js';
import { secretQuestionFields } from './secret-question.js';
import { portalOffers } from '../../portal/portal.js';

const fields = ['givenName', 'familyName', 'birthDate', 'phone', 'email', 'secretQuestion', 'secretAnswer', 'codePhone', 'codeChannel'] as const;

/**
 * Issue 16 item 3 (ge-edemarches « Le Gestionnaire peut modifier », R4): a member's details as a
 * manager edits them — names, birth date, phone, login e-mail (through the link sent to the new
 * address), the secret question and its answer, the phone for login codes and where codes go. When
 * they are the person's own (another organization, a mandate, the platform's staff, oneself) they
 * are shown read-only, with why. Only changed fields are sent. Fires `details-changed` after a save.
 */
@customElement('procura-member-details')
@localized()
export class MemberDetailsForm extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      input[type='date'],
      input[type='tel'],
      input[type='email'],
      input[type='text'] {
        width: 22rem;
        max-width: 100%;
      }
      @media (max-width: 40rem) {
        input[type='date'],
        input[type='tel'],
        input[type='email'],
        input[type='text'] {
          width: 100%;
        }
      }
    `,
  ];

  @property() orgId = '';
  @property() membershipId = '';
  @state() private error: unknown;
  @state() private warnings: readonly Warning[] = [];
  @state() private saved = '';
  @state() private busy = false;

  private readonly details = new Task(this, {
    task: ([orgId, membershipId], { signal }) => getMemberDetails(orgId, membershipId, signal),
    args: () => [this.orgId, this.membershipId] as const,
  });

  override render() {
    return html`<section aria-labelledby="details-title">
      <h2 id="details-title">${msg('Informations', { id: 'member.details' })}</h2>
      ${this.details.render({
        pending: () => (this.details.value ? this.renderDetails(this.details.value) : html`<p role="status">${msg('Chargement…', { id: 'loading' })}</p>`),
        complete: (details) => this.renderDetails(details),
        error: (error) => html`<p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>`,
      })}
    </section>`;
  }

  private renderDetails(d: MemberDetails) {
    return d.ownedBy ? this.renderOwn(d, d.ownedBy) : this.renderForm(d);
  }

  /** The person's own details: shown, not editable, saying why. */
  private renderOwn(d: MemberDetails, owner: DetailsOwner) {
    const why = {
      other_organization: msg(
        'Cette personne agit aussi pour une autre organisation : ses informations sont les siennes, elle seule les modifie dans son profil.',
        { id: 'member.details.own.other' },
      ),
      delegate: msg(
        'Cette personne agit aussi pour une autre organisation par un mandat : ses informations sont les siennes, elle seule les modifie dans son profil.',
        { id: 'member.details.own.delegate' },
      ),
      operator: msg("Cette personne fait partie de l'équipe de la plateforme : ses informations sont les siennes.", { id: 'member.details.own.operator' }),
      self: msg('Ce sont vos propres informations : modifiez-les dans votre profil.', { id: 'member.details.own.self' }),
      portal: msg('Sur ce portail, chacun modifie ses informations dans son propre profil : vous les consultez sans les modifier.', {
        id: 'member.details.own.portal',
      }),
    }[owner];
    const none = msg('Non renseigné', { id: 'member.details.none' });
    // Of a person who acts for others too, the API gives the names and the e-mail only.
    if (owner !== 'self' && owner !== 'portal') {
      return html`<p class="notice" id="details-own">${why}</p>
        <dl aria-describedby="details-own">
          <dt>${msg('Prénom', { id: 'profile.givenName' })}</dt>
          <dd>${d.givenName || none}</dd>
          <dt>${msg('Nom', { id: 'profile.familyName' })}</dt>
          <dd>${d.familyName || none}</dd>
          <dt>${msg('E-mail de connexion', { id: 'profile.email' })}</dt>
          <dd>${d.email}</dd>
        </dl>`;
    }
    return html`<p class="notice" id="details-own">${why}</p>
      <dl aria-describedby="details-own">
        <dt>${msg('Prénom', { id: 'profile.givenName' })}</dt>
        <dd>${d.givenName || none}</dd>
        <dt>${msg('Nom', { id: 'profile.familyName' })}</dt>
        <dd>${d.familyName || none}</dd>
        <dt>${msg('Date de naissance', { id: 'profile.birthDate' })}</dt>
        <dd>${d.birthDate ? dateLabel(d.birthDate) : none}</dd>
        <dt>${msg('Téléphone de contact', { id: 'profile.phone' })}</dt>
        <dd>${d.phone ?? none}</dd>
        <dt>${msg('E-mail de connexion', { id: 'profile.email' })}</dt>
        <dd>${d.email}</dd>
        ${
          portalOffers('secretQuestion')
            ? html`<dt>${msg('Question secrète', { id: 'secret.question' })}</dt>
                <dd>${d.secretQuestion ?? none}</dd>`
            : nothing
        }
        <dt>${msg('Téléphone pour les codes', { id: 'member.details.codePhone' })}</dt>
        <dd>${d.codePhone ?? none}</dd>
        <dt>${msg('Codes de connexion', { id: 'member.details.codeChannel' })}</dt>
        <dd>${channelLabel(d.codeChannel)}</dd>
      </dl>`;
  }

  private renderForm(d: MemberDetails) {
    const e = this.error;
    const input = (name: string, label: string, type: string, value: string, hint?: string) =>
      html`<div class="field">
        <label for=${name}>${label}</label>
        <input
          type=${type}
          id=${name}
          name=${name}
          .value=${value}
          autocomplete="off"
          aria-invalid=${invalid(e, name)}
          aria-describedby=${[`${name}-error`, hint ? `${name}-hint` : ''].filter(Boolean).join(' ')}
        />
        ${hint ? html`<p class="hint" id=${`${name}-hint`}>${hint}</p>` : nothing} ${fieldError(e, name, `${name}-error`)}
      </div>`;
    const lang = language();
    return html`<form @submit=${(event: SubmitEvent) => this.save(event, d)} novalidate>
      ${input('givenName', msg('Prénom', { id: 'profile.givenName' }), 'text', d.givenName)}
      ${input('familyName', msg('Nom', { id: 'profile.familyName' }), 'text', d.familyName)}
      ${input('birthDate', msg('Date de naissance', { id: 'profile.birthDate' }), 'date', d.birthDate ?? '')}
      ${input('phone', msg('Téléphone de contact', { id: 'profile.phone' }), 'tel', d.phone ?? '')}
      ${input('email', msg('E-mail de connexion', { id: 'profile.email' }), 'email', d.email, msg("Une nouvelle adresse reçoit un lien de confirmation ; elle sert à la connexion une fois le lien ouvert. L'adresse actuelle est prévenue.", { id: 'member.details.email.hint' }))}
      ${d.pendingEmail ? html`<p class="notice" role="status">${msg(str`En attente de confirmation : ${d.pendingEmail.email}, jusqu'au ${dateLabel(d.pendingEmail.expiresAt)}.`, { id: 'member.details.email.pending' })}</p>` : nothing}
      ${this.warnings.map((w) => html`<p class="warning">${w.messages[lang]}</p>`)}
      ${portalOffers('secretQuestion') ? secretQuestionFields(e, d.secretQuestion, msg('Jamais affichée ; laissez vide pour garder la réponse actuelle. Une nouvelle question demande sa réponse.', { id: 'member.details.answer.hint' })) : nothing}
      ${input('codePhone', msg('Téléphone pour les codes', { id: 'member.details.codePhone' }), 'tel', d.codePhone ?? '', msg('Mobile avec son indicatif, par exemple +41 79 555 01 02.', { id: 'member.details.codePhone.hint' }))}
      <div class="field">
        <label for="codeChannel">${msg('Codes de connexion', { id: 'member.details.codeChannel' })}</label>
        <select id="codeChannel" name="codeChannel" aria-invalid=${invalid(e, 'codeChannel')} aria-describedby="codeChannel-error">
          ${(['email', 'sms'] as const).map((channel) => html`<option value=${channel} ?selected=${channel === d.codeChannel}>${channelLabel(channel)}</option>`)}
        </select>
        ${fieldError(e, 'codeChannel', 'codeChannel-error')}
      </div>
      ${formError(e, fields)}
      <button type="submit" ?disabled=${this.busy}>${msg('Enregistrer les informations', { id: 'member.details.save' })}</button>
      <p role="status" aria-live="polite" class="muted">${this.saved}</p>
    </form>`;
  }

  private async save(event: SubmitEvent, d: MemberDetails): Promise<void> {
    event.preventDefault();
    // Read now: once dispatched, an event of a shadow tree has no target any more.
    const form = event.target as HTMLFormElement;
    const changes = changesOf(new FormData(form), d);
    this.error = undefined;
    this.saved = '';
    if (Object.keys(changes).length === 0) {
      this.saved = msg('Rien à enregistrer.', { id: 'member.details.unchanged' });
      return;
    }
    this.busy = true;
    try {
      const { warnings } = await editMemberDetails(this.orgId, this.membershipId, changes);
      this.warnings = warnings;
      this.saved = msg('Informations enregistrées.', { id: 'member.details.saved' });
      form.querySelector<HTMLInputElement>('#secretAnswer')!.value = '';
      await this.details.run();
      this.dispatchEvent(new CustomEvent('details-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}

function channelLabel(channel: CodeChannel): string {
  return channel === 'sms'
    ? msg('Par e-mail ou SMS, au choix à la connexion', { id: 'member.details.channel.sms' })
    : msg('Par e-mail seulement', { id: 'member.details.channel.email' });
}

/** Only the fields that changed; the secret answer with its question whenever either is new. */
export function changesOf(form: FormData, d: MemberDetails): MemberDetailsChanges {
  const value = (name: string) => ((form.get(name) as string | null) ?? '').trim();
  const orNull = (name: string) => value(name) || null;
  const changes: MemberDetailsChanges = {};
  if (value('givenName') !== d.givenName) changes.givenName = value('givenName');
  if (value('familyName') !== d.familyName) changes.familyName = value('familyName');
  if (orNull('birthDate') !== d.birthDate) changes.birthDate = orNull('birthDate');
  if (orNull('phone') !== d.phone) changes.phone = orNull('phone');
  if (value('email').toLowerCase() !== d.email.toLowerCase()) changes.email = value('email');
  // The API says what is missing: the answer of a new question, or the question of a new answer.
  if (value('secretAnswer') || (value('secretQuestion') || null) !== d.secretQuestion) {
    Object.assign(
      changes,
      value('secretQuestion') ? { secretQuestion: value('secretQuestion') } : {},
      value('secretAnswer') ? { secretAnswer: value('secretAnswer') } : {},
    );
  }
  const codePhone = orNull('codePhone');
  if (codePhone?.replace(/[\s.()/-]/g, '') !== d.codePhone?.replace(/[\s.()/-]/g, '')) changes.codePhone = codePhone;
  if (value('codeChannel') !== d.codeChannel) changes.codeChannel = value('codeChannel') as CodeChannel;
  return changes;
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-member-details': MemberDetailsForm;
  }
}

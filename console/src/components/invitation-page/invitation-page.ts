import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { acceptInvitation, previewInvitation, type InvitationAccepted, type InvitationPreview } from '../../api/index.js';
import { language } from '../../i18n/localization.js';
import { rightLabel, roleLabel, serviceLabel } from '../../i18n/labels.js';
import { publicPageStyles } from '../../styles/public-page.js';
import { sharedStyles } from '../../styles/shared.js';
import { errorId, fieldError, formError, invalid } from '../field-error/field-error.js';
import '../language-switch/language-switch.js';
import '../portal-brand/portal-brand.js';
import { acceptanceFor, deadLink, forgetToken, isLocalProblem, rememberedToken, rememberToken, signInToJoin, tokenFromFragment } from './activation.js';
import { portalName } from '../../portal/portal.js';

const fields = ['givenName', 'familyName', 'password', 'consent', 'mailSecurityKey', 'secretAnswer'] as const;

/** R16 (Geneva): the organizations of the link whose mail security key activation asks, in the preview's order. */
const keyedOrganizations = (preview: InvitationPreview) => preview.organizations.filter((organization) => organization.mailSecurityKey);

/**
 * The page of the e-mailed link `/invitation#token=…` (R16), public: no login. It takes the token
 * from the fragment and removes it from the address bar, shows what the link opens (organization,
 * e-mail, role, what is asked), then the person's names when the invitation had none (issue 16
 * item 3: Keycloak then never asks them at login), a password twice for a new account or consent to join the
 * existing one (R20), the Geneva key and secret answer when asked (R16), an optional mobile number
 * for SMS codes at the first login (R2); then « Se connecter ». A dead link says what to do (R17).
 */
@customElement('procura-invitation-page')
@localized()
export class InvitationPage extends LitElement {
  static override styles = [sharedStyles, publicPageStyles];

  /**
   * Read once, then gone from the address bar (history, bookmarks, a shared screen); on the way
   * back from the sign-in that joining an existing account needs (R20), kept in this tab.
   */
  private readonly token = tokenFromFragment(location.hash) || rememberedToken(sessionStorage);
  @state() private error: unknown;
  @state() private mismatch = '';
  @state() private busy = false;
  @state() private accepted: InvitationAccepted | undefined;

  private readonly preview = new Task(this, {
    task: ([token], { signal }) => previewInvitation(token, signal),
    args: () => [this.token] as const,
    autoRun: false,
  });

  /** Another invitation link opened in this tab changes only the fragment: start again with its token. */
  private readonly onHashChange = () => {
    if (tokenFromFragment(location.hash)) location.reload();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
    if (this.token) void this.preview.run();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  /** At each render: the title follows the language and the portal's name once GET /portal answers. */
  override willUpdate(): void {
    document.title = msg(str`${portalName()} — activer mon accès`, { id: 'activation.page.title' });
  }

  override render() {
    return html`
      <header><procura-portal-brand class="brand"></procura-portal-brand><procura-language-switch></procura-language-switch></header>
      <main id="main">${this.renderBody()}</main>
    `;
  }

  private renderBody() {
    if (!this.token)
      return this.renderDead(
        'dead',
        msg("Ce lien d'invitation est incomplet. Ouvrez le lien de l'e-mail tel quel, ou demandez à votre gestionnaire de vous renvoyer l'invitation.", {
          id: 'activation.no_token',
        }),
      );
    if (this.accepted) return this.renderDone(this.accepted);
    const dead = deadLink(this.error);
    if (dead) return this.renderDead(dead, (this.error as Error).message);
    return this.preview.render({
      initial: () => html`<p role="status">${msg('Chargement…', { id: 'loading' })}</p>`,
      pending: () => html`<p role="status">${msg('Chargement…', { id: 'loading' })}</p>`,
      complete: (preview) => this.renderForm(preview),
      error: (error) => {
        const why = deadLink(error);
        if (why) return this.renderDead(why, (error as Error).message);
        return html`<div class="card" role="alert">
          <p>${error instanceof Error ? error.message : String(error)}</p>
          <button @click=${() => void this.preview.run()}>${msg('Réessayer', { id: 'retry' })}</button>
        </div>`;
      },
    });
  }

  /** R17: the link no longer works; `used`: the account is active, sign in. */
  private renderDead(why: 'used' | 'dead', message: string) {
    forgetToken(sessionStorage); // a token kept for a sign-in (R20) has no use any more
    return html`<div class="card">
      <h1>
        ${why === 'used' ? msg('Invitation déjà acceptée', { id: 'activation.used.title' }) : msg("Ce lien d'invitation ne fonctionne plus", { id: 'activation.dead.title' })}
      </h1>
      <p role="alert">${message}</p>
      ${
        why === 'used'
          ? html`<p><a class="button" href="/auth/login">${msg('Se connecter', { id: 'signin.action' })}</a></p>`
          : html`<p>
              ${msg("Demandez au gestionnaire qui vous a invité de vous renvoyer l'invitation : vous recevrez un nouveau lien par e-mail, valable 14 jours.", { id: 'activation.dead.what' })}
            </p>`
      }
    </div>`;
  }

  private renderForm(preview: InvitationPreview) {
    const { asks } = preview;
    const until = new Date(preview.expiresAt).toLocaleDateString(language() === 'fr' ? 'fr-CH' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
    return html`<div class="card">
      <h1>
        ${msg(str`Rejoindre ${preview.organizations.length > 1 ? preview.organizations.map((o) => o.name).join(', ') : preview.organizationName}`, { id: 'activation.title' })}
      </h1>
      <dl>
        ${
          preview.organizations.length > 1
            ? html`<dt>${msg('Organisations', { id: 'activation.organizations' })}</dt>
                <dd>
                  <ul>
                    ${preview.organizations.map((o) => html`<li>${o.name} (${roleLabel(o.role)})</li>`)}
                  </ul>
                </dd>`
            : html`<dt>${msg('Organisation', { id: 'nav.organization' })}</dt>
                <dd>${preview.organizationName}</dd>`
        }
        ${
          preview.mandates.length
            ? html`<dt>${msg('Pour le compte de', { id: 'activation.mandates' })}</dt>
                <dd>
                  <ul>
                    ${preview.mandates.map((m) => html`<li>${m.clientName}${m.rights.length ? html` (${m.rights.map((r) => `${serviceLabel(r.serviceId)} — ${rightLabel(r.serviceId, r.rightId)}`).join(', ')})` : nothing}</li>`)}
                  </ul>
                </dd>`
            : nothing
        }
        <dt>${msg('E-mail', { id: 'members.col.email' })}</dt>
        <dd>${preview.email}</dd>
        ${
          preview.organizations.length > 1
            ? nothing
            : html`<dt>${msg('Rôle', { id: 'activation.role' })}</dt>
                <dd>${roleLabel(preview.role)}</dd>`
        }
        <dt>${msg('Invité par', { id: 'activation.invited_by' })}</dt>
        <dd>${preview.invitedBy}</dd>
        <dt>${msg("Lien valable jusqu'au", { id: 'activation.until' })}</dt>
        <dd>${until}</dd>
      </dl>
      ${asks.signIn ? this.renderSignIn(preview) : this.renderActivation(preview)}
    </div>`;
  }

  /** R20: an account exists for the address; joining it needs its own sign-in (password and code) first. */
  private renderSignIn(preview: InvitationPreview) {
    return html`<section aria-labelledby="activation-form-title">
      <h2 id="activation-form-title">${msg('Rejoindre avec mon compte', { id: 'activation.join.title' })}</h2>
      <p>
        ${msg(str`Un compte ${portalName()} existe déjà pour ${preview.email}. Connectez-vous avec ce compte (mot de passe, puis code) : vous pourrez ensuite y ajouter ${preview.organizationName}.`, { id: 'activation.sign_in_first' })}
      </p>
      <p>
        <a class="button" href=${signInToJoin} @click=${() => rememberToken(sessionStorage, this.token)}
          >${msg('Se connecter pour rejoindre', { id: 'activation.sign_in_to_join' })}</a
        >
      </p>
    </section>`;
  }

  private renderActivation(preview: InvitationPreview) {
    const e = this.error;
    const { asks } = preview;
    return html` <form @submit=${(event: SubmitEvent) => this.submit(event, preview)} novalidate aria-labelledby="activation-form-title">
      <h2 id="activation-form-title">
        ${asks.consent ? msg('Rejoindre avec mon compte', { id: 'activation.join.title' }) : msg('Activer mon compte', { id: 'activation.activate.title' })}
      </h2>
      ${asks.names ? this.renderNames() : nothing} ${asks.password ? this.renderPassword() : nothing}
      ${
        asks.consent
          ? html`<p>
                ${msg(str`Un compte ${portalName()} existe déjà pour ${preview.email} : il garde son mot de passe et reçoit l'accès à cette organisation.`, { id: 'activation.existing' })}
              </p>
              <div class="field">
                <label class="check"
                  ><input type="checkbox" name="consent" aria-invalid=${invalid(e, 'consent')} aria-describedby=${errorId(e, 'consent') || nothing} />
                  <span>${msg(str`J'accepte d'ajouter ${preview.organizationName} à mon compte existant.`, { id: 'activation.consent' })}</span></label
                >
                ${fieldError(e, 'consent', 'consent-error')}
              </div>`
          : nothing
      }
      ${asks.mailSecurityKey ? this.renderKeys(preview) : nothing}
      ${asks.secretAnswer ? this.secretField('secretAnswer', msg('Réponse secrète', { id: 'activation.answer' }), preview.secretQuestion ? msg(str`Question : ${preview.secretQuestion} Votre gestionnaire vous a communiqué la réponse.`, { id: 'activation.answer.question' }) : msg("Votre gestionnaire vous l'a communiquée lui-même.", { id: 'activation.answer.hint' })) : nothing}
      <div class="field">
        <label class="check"
          ><input type="checkbox" name="addMobileNumber" aria-describedby="mobile-hint" />
          <span>${msg('Ajouter un numéro de mobile pour recevoir les codes par SMS à ma première connexion', { id: 'activation.mobile' })}</span></label
        >
        <p class="hint" id="mobile-hint">${msg('Facultatif : sans numéro, les codes de connexion arrivent par e-mail.', { id: 'activation.mobile.hint' })}</p>
      </div>
      ${formError(e, [...fields, ...keyedOrganizations(preview).map((organization) => `mailSecurityKeys/${organization.organizationId}`)])}
      <button type="submit" ?disabled=${this.busy}>
        ${asks.consent ? msg("Rejoindre l'organisation", { id: 'activation.join' }) : msg('Activer mon compte', { id: 'activation.activate.title' })}
      </button>
    </form>`;
  }

  /** Issue 16 item 3: the invitation gave no names; they are the account's from now on (the person changes them in their profile). */
  private renderNames() {
    return html`<p id="names-hint">
        ${msg("Votre invitation ne précise pas votre nom : indiquez-le tel qu'il doit apparaître sur votre compte.", { id: 'activation.names.hint' })}
      </p>
      ${this.nameField('givenName', msg('Prénom', { id: 'activation.given_name' }), 'given-name')}
      ${this.nameField('familyName', msg('Nom', { id: 'activation.family_name' }), 'family-name')}`;
  }

  private nameField(name: 'givenName' | 'familyName', label: string, autocomplete: string) {
    const e = this.error;
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <input
        type="text"
        id=${name}
        name=${name}
        autocomplete=${autocomplete}
        maxlength="100"
        required
        aria-invalid=${invalid(e, name)}
        aria-describedby=${[errorId(e, name), 'names-hint'].filter(Boolean).join(' ')}
      />
      ${fieldError(e, name, `${name}-error`)}
    </div>`;
  }

  private renderPassword() {
    const e = this.error;
    return html`<div class="field">
        <label for="password">${msg('Mot de passe', { id: 'activation.password' })}</label>
        <input
          type="password"
          id="password"
          name="password"
          autocomplete="new-password"
          aria-invalid=${invalid(e, 'password')}
          aria-describedby=${[errorId(e, 'password'), 'password-hint'].filter(Boolean).join(' ')}
        />
        <p class="hint" id="password-hint">${msg('Au moins 12 caractères, différent de votre adresse e-mail.', { id: 'activation.password.hint' })}</p>
        ${fieldError(e, 'password', 'password-error')}
      </div>
      <div class="field">
        <label for="repeat">${msg('Répétez le mot de passe', { id: 'activation.repeat' })}</label>
        <input
          type="password"
          id="repeat"
          name="repeat"
          autocomplete="new-password"
          aria-invalid=${this.mismatch ? 'true' : 'false'}
          aria-describedby=${this.mismatch ? 'repeat-error' : nothing}
        />
        ${this.mismatch ? html`<p class="error" id="repeat-error" role="alert">${this.mismatch}</p>` : nothing}
      </div>`;
  }

  /** R16 (Geneva): the mail security key of each organization of the link that asks one, named when there are several. */
  private renderKeys(preview: InvitationPreview) {
    const keyed = keyedOrganizations(preview);
    const hint = msg("Reçue par courrier postal à l'organisation.", { id: 'activation.key.hint' });
    if (keyed.length < 2) return this.secretField('mailSecurityKey', msg('Clé de sécurité courrier', { id: 'nav.key' }), hint);
    return keyed.map((organization, index) =>
      this.secretField(
        index === 0 ? 'mailSecurityKey' : `mailSecurityKeys/${organization.organizationId}`,
        msg(str`Clé de sécurité courrier de ${organization.name}`, { id: 'activation.key.of' }),
        hint,
        index === 0 ? 'mailSecurityKey' : `mailSecurityKey-${index}`,
      ),
    );
  }

  /** A secret typed from paper; `id` when the field's name (`mailSecurityKeys/<id>`) would not make a plain one. */
  private secretField(name: string, label: string, hint: string, id = name) {
    const e = this.error;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        type="password"
        id=${id}
        name=${name}
        autocomplete="off"
        aria-invalid=${invalid(e, name)}
        aria-describedby=${[invalid(e, name) === 'true' ? `${id}-error` : '', `${id}-hint`].filter(Boolean).join(' ')}
      />
      <p class="hint" id=${`${id}-hint`}>${hint}</p>
      ${fieldError(e, name, `${id}-error`)}
    </div>`;
  }

  private async submit(event: SubmitEvent, preview: InvitationPreview): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '');
    const keyed = keyedOrganizations(preview).map((organization) => organization.organizationId);
    const request = acceptanceFor(
      this.token,
      preview.asks,
      {
        password: text('password'),
        repeat: text('repeat'),
        consent: form.has('consent'),
        mailSecurityKey: text('mailSecurityKey'),
        mailSecurityKeys: Object.fromEntries(keyed.map((id) => [id, text(`mailSecurityKeys/${id}`)])),
        secretAnswer: text('secretAnswer'),
        givenName: text('givenName'),
        familyName: text('familyName'),
        addMobileNumber: form.has('addMobileNumber'),
      },
      keyed,
    );
    this.error = undefined;
    this.mismatch = isLocalProblem(request) ? msg('Les deux saisies diffèrent.', { id: 'key.mismatch' }) : '';
    if (isLocalProblem(request)) return;
    this.busy = true;
    try {
      this.accepted = await acceptInvitation(request);
      forgetToken(sessionStorage);
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  private renderDone(accepted: InvitationAccepted) {
    const name = this.preview.value?.organizationName ?? '';
    return html`<div class="card" role="status">
      <h1>
        ${accepted.merged ? msg(str`${name} est ajoutée à votre compte`, { id: 'activation.done.merged' }) : msg('Votre compte est activé', { id: 'activation.done.title' })}
      </h1>
      <p>
        ${msg(str`Connectez-vous avec ${accepted.email} et votre mot de passe ; un code à usage unique vous est ensuite envoyé.`, { id: 'activation.done.next' })}
      </p>
      ${accepted.skipped.organizations.length ? html`<p class="warning">${msg(str`Non rejointe(s), fermée(s) ou suspendue(s) entre-temps : ${accepted.skipped.organizations.join(', ')}. Contactez leur gestionnaire si besoin.`, { id: 'activation.skipped.organizations' })}</p>` : nothing}
      ${accepted.skipped.mandates.length ? html`<p class="warning">${msg(str`Mandat(s) terminé(s) entre-temps, non attribué(s) : ${accepted.skipped.mandates.join(', ')}.`, { id: 'activation.skipped.mandates' })}</p>` : nothing}
      <p><a class="button" href="/auth/login">${msg('Se connecter', { id: 'signin.action' })}</a></p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-invitation-page': InvitationPage;
  }
}

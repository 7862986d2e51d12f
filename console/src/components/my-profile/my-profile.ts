import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { ApiError, getProfile, requestEmailChange, updateProfile, type Warning, type Civility, type Profile } from '../../api/index.js';
import { dateLabel } from '../../i18n/labels.js';
import { portalOffers } from '../../portal/portal.js';
import { language } from '../../i18n/localization.js';
import { sharedStyles } from '../../styles/shared.js';
import { fieldError, formError, invalid } from '../field-error/field-error.js';

const profileFields = ['civility', 'givenName', 'familyName', 'birthDate', 'phone'] as const;

/** Issue 14 item 7: a login of minutes ago is needed to change the login e-mail; this one asks the password and code again, then comes back. */
const freshSignIn = `/auth/login?fresh=1&returnTo=${encodeURIComponent('/#/me/profile')}`;
const rememberedAddressKey = 'procura.profile.new-email';

function takeRememberedAddress(): string {
  const address = sessionStorage.getItem(rememberedAddressKey) ?? '';
  sessionStorage.removeItem(rememberedAddressKey);
  return address;
}

/**
 * R4: my own profile: civility, names, birth date and a phone for contact; the password through
 * Keycloak's own page; the login e-mail through a link sent to the new address, used only once
 * opened (the state « en attente de confirmation » until then), with the R5 advice and warning.
 */
@customElement('procura-my-profile')
@localized()
export class MyProfile extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      input[type='date'],
      input[type='tel'],
      input[type='email'] {
        width: 22rem;
      }
      @media (max-width: 40rem) {
        input[type='date'],
        input[type='tel'],
        input[type='email'] {
          width: 100%;
        }
      }
    `,
  ];

  @state() private profileError: unknown;
  @state() private emailError: unknown;
  @state() private warnings: readonly Warning[] = [];
  @state() private saved = '';
  @state() private busy = false;
  /** The address typed before a fresh sign-in, back in the field on return. */
  private rememberedAddress = takeRememberedAddress();

  private readonly profile = new Task(this, {
    task: (_args, { signal }) => getProfile(signal),
    args: () => [],
  });

  override render() {
    const title = html`<h1>${msg('Mon profil', { id: 'profile.title' })}</h1>`;
    return html`${title}${this.profile.render({
      // Reloading after a change keeps the screen (and the focus) in place.
      pending: () => (this.profile.value ? this.renderProfile(this.profile.value) : html`<p role="status">${msg('Chargement…', { id: 'loading' })}</p>`),
      complete: (p) => this.renderProfile(p),
      error: (error) =>
        html`<p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>
          <button @click=${() => void this.profile.run()}>${msg('Réessayer', { id: 'retry' })}</button>`,
    })}`;
  }

  private renderProfile(p: Profile) {
    return html`${this.renderDetails(p)}${this.renderPassword(p)}${this.renderEmail(p)}`;
  }

  private renderDetails(p: Profile) {
    const e = this.profileError;
    const input = (name: string, label: string, type: string, value: string, autocomplete: string) =>
      html`<div class="field">
        <label for=${name}>${label}</label>
        <input
          type=${type}
          id=${name}
          name=${name}
          .value=${value}
          aria-invalid=${invalid(e, name)}
          aria-describedby=${`${name}-error`}
          autocomplete=${autocomplete}
        />
        ${fieldError(e, name, `${name}-error`)}
      </div>`;
    return html`<section aria-labelledby="details-title">
      <h2 id="details-title">${msg('Mes informations', { id: 'profile.details' })}</h2>
      <form @submit=${this.save} novalidate>
        <div class="field">
          <label for="civility">${msg('Civilité', { id: 'profile.civility' })}</label>
          <select id="civility" name="civility" aria-invalid=${invalid(e, 'civility')} aria-describedby="civility-error">
            <option value="" ?selected=${p.civility === null}>${msg('Non précisée', { id: 'profile.civility.none' })}</option>
            <option value="ms" ?selected=${p.civility === 'ms'}>${msg('Madame', { id: 'profile.civility.ms' })}</option>
            <option value="mr" ?selected=${p.civility === 'mr'}>${msg('Monsieur', { id: 'profile.civility.mr' })}</option>
          </select>
          ${fieldError(e, 'civility', 'civility-error')}
        </div>
        ${input('givenName', msg('Prénom', { id: 'profile.givenName' }), 'text', p.givenName, 'given-name')}
        ${input('familyName', msg('Nom', { id: 'profile.familyName' }), 'text', p.familyName, 'family-name')}
        ${input('birthDate', msg('Date de naissance', { id: 'profile.birthDate' }), 'date', p.birthDate ?? '', 'bday')}
        ${input('phone', msg('Téléphone de contact', { id: 'profile.phone' }), 'tel', p.phone ?? '', 'tel')}
        ${p.secretQuestion ? html`<p>${msg(str`Question secrète : ${p.secretQuestion}`, { id: 'profile.secret_question' })}</p>` : nothing}
        <p class="hint">
          ${msg('Ce numéro sert à vous joindre. Le mobile qui reçoit les codes de connexion par SMS en est distinct : voyez plus bas.', { id: 'profile.phone.hint' })}
        </p>
        ${formError(e, profileFields)}
        <button type="submit" ?disabled=${this.busy}>${msg('Enregistrer', { id: 'organization.save' })}</button>
        <p role="status" aria-live="polite" class="muted">${this.saved}</p>
      </form>
    </section>`;
  }

  /** R4: the password; R2: the mobile number for SMS codes — each on Keycloak's pages through the console's login. */
  private renderPassword(p: Profile) {
    return html`<section aria-labelledby="password-title">
        <h2 id="password-title">${msg('Mot de passe', { id: 'profile.password' })}</h2>
        <p class="hint">${msg('Le mot de passe se change sur la page de connexion, qui vous le demande puis revient ici.', { id: 'profile.password.hint' })}</p>
        <p><a href=${p.passwordChangeUrl}>${msg('Changer mon mot de passe', { id: 'profile.password.change' })}</a></p>
      </section>
      <section aria-labelledby="mobile-title">
        <h2 id="mobile-title">${msg('Codes de connexion par SMS', { id: 'profile.mobile' })}</h2>
        <p class="hint">
          ${msg("La page de connexion vous demande le numéro, l'assure par un code envoyé par SMS, puis revient ici ; vos connexions suivantes proposent alors le code par SMS.", { id: 'profile.mobile.hint' })}
        </p>
        <p><a href=${p.mobileNumberUrl}>${msg('Numéro de mobile pour les codes SMS', { id: 'profile.mobile.change' })}</a></p>
      </section>`;
  }

  private renderEmail(p: Profile) {
    const e = this.emailError;
    const lang = language();
    return html`<section aria-labelledby="email-title">
      <h2 id="email-title">${msg('E-mail de connexion', { id: 'profile.email' })}</h2>
      <p>${msg(str`Vous vous connectez avec ${p.email}.`, { id: 'profile.email.current' })}</p>
      ${p.pendingEmail ? html`<p class="notice" role="status">${msg(str`En attente de confirmation : ${p.pendingEmail.email}. Ouvrez le lien envoyé à cette adresse avant le ${dateLabel(p.pendingEmail.expiresAt)} ; d'ici là, votre e-mail de connexion reste le même.`, { id: 'profile.email.pending' })}</p>` : nothing}
      ${portalOffers('loginEmailChange') ? this.renderEmailForm(e, lang) : html`<p class="notice" id="email-fixed">${msg('Sur ce portail, votre e-mail de connexion ne change pas ici : pour en changer, contactez le support (ses coordonnées sont en bas de page).', { id: 'profile.email.fixed' })}</p>`}
    </section>`;
  }

  private renderEmailForm(e: unknown, lang: 'fr' | 'en') {
    return html`${this.warnings.map((w) => html`<p class="warning">${w.messages[lang]}</p>`)}
      <form class="row" @submit=${this.changeEmail} novalidate>
        <div>
          <label for="email">${msg('Nouvelle adresse', { id: 'profile.email.new' })}</label>
          <input
            type="email"
            id="email"
            name="email"
            autocomplete="email"
            .value=${this.rememberedAddress}
            aria-invalid=${invalid(e, 'email')}
            aria-describedby=${e ? 'email-error email-hint' : 'email-hint'}
          />
        </div>
        <button type="submit" ?disabled=${this.busy}>${msg('Envoyer le lien', { id: 'profile.email.send' })}</button>
      </form>
      <p class="hint" id="email-hint">
        ${msg("Préférez une adresse nominative (prenom.nom@…) plutôt qu'une adresse de rôle comme contact@ ou info@ : elle identifie une personne. L'ancienne adresse est prévenue du changement.", { id: 'profile.email.hint' })}
      </p>
      ${
        e
          ? html`<p class="error" id="email-error" role="alert">
              ${e instanceof Error ? e.message : String(e)}
              ${e instanceof ApiError && e.code === 'auth.recent_sign_in_required' ? html`<a href=${freshSignIn} @click=${this.rememberAddress}>${msg('Se reconnecter', { id: 'profile.email.sign_in_again' })}</a>` : nothing}
            </p>`
          : nothing
      }`;
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => ((form.get(name) as string | null) ?? '').trim();
    this.busy = true;
    this.profileError = undefined;
    this.saved = '';
    try {
      await updateProfile({
        civility: (value('civility') || null) as Civility | null,
        givenName: value('givenName'),
        familyName: value('familyName'),
        birthDate: value('birthDate') || null,
        phone: value('phone') || null,
      });
      this.saved = msg('Modifications enregistrées.', { id: 'organization.saved' });
      // The shell shows my names: it reloads them.
      this.dispatchEvent(new CustomEvent('profile-changed', { bubbles: true, composed: true }));
      void this.profile.run();
    } catch (error) {
      this.profileError = error;
    } finally {
      this.busy = false;
    }
  }

  /** Keeps the typed address for the way back from the sign-in (this tab only). */
  private rememberAddress(): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#email');
    if (input?.value) sessionStorage.setItem(rememberedAddressKey, input.value);
  }

  private async changeEmail(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const email = ((new FormData(form).get('email') as string | null) ?? '').trim();
    this.busy = true;
    this.emailError = undefined;
    this.warnings = [];
    try {
      const requested = await requestEmailChange(email);
      this.warnings = requested.warnings;
      this.rememberedAddress = '';
      form.reset();
      void this.profile.run();
    } catch (error) {
      this.emailError = error;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-my-profile': MyProfile;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { ApiError, getMe, managerRoles, type Me, type MyClient, type MyOrganization } from '../../api/index.js';
import { parseRoute, routeHref, sameScreenFor, type Route, type Screen } from '../../router/routes.js';
import { sharedStyles } from '../../styles/shared.js';
import { portalName, portalOffers } from '../../portal/portal.js';
import '../language-switch/language-switch.js';
import '../portal-brand/portal-brand.js';
import '../org-switcher/org-switcher.js';
import '../members-list/members-list.js';
import '../member-detail/member-detail.js';
import '../organization-details/organization-details.js';
import '../units-tree/units-tree.js';
import '../invitations-list/invitations-list.js';
import '../mail-security-key/mail-security-key.js';
import '../audit-log/audit-log.js';
import '../services-catalogue/services-catalogue.js';
import '../managers-hand-over/managers-hand-over.js';
import '../my-profile/my-profile.js';
import '../operator-queue/operator-queue.js';
import '../operator-request/operator-request.js';
import '../operator-support/operator-support.js';
import '../mandates/mandates.js';
import '../access-requests/access-requests.js';
import '../access-requests/access-request-form.js';
import '../acting-for/acting-for.js';

/**
 * The console's shell: sign-in through the back end (no token in the browser), the organization
 * switcher with my role in each (R21), the sections' navigation, and the screen of the hash route.
 * Landmarks: banner, navigation, main; a skip link; focus moves to the screen on navigation.
 */
@customElement('procura-app')
// Below customElement: decorators apply bottom-up, and an element already in the page is upgraded at define.
@localized()
export class ProcuraApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        font-family:
          system-ui,
          -apple-system,
          'Segoe UI',
          sans-serif;
        line-height: 1.45;
        min-height: 100vh;
        background: #f5f7fa;
      }
      .skip {
        position: absolute;
        left: -999px;
        top: 0;
        background: #fff;
        color: var(--procura-primary, #0d5c75);
        padding: 0.5rem;
        z-index: 1;
      }
      .skip:focus {
        left: 0.5rem;
      }
      header {
        background: var(--procura-primary, #0b4a5e);
        color: var(--procura-on-primary, #fff);
        padding: 0.75rem 1rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1.5rem;
        align-items: center;
      }
      header .brand {
        font-size: 1.25rem;
        font-weight: 700;
        margin: 0;
        color: var(--procura-on-primary, #fff);
        text-decoration: none;
      }
      header .tools {
        display: flex;
        gap: 0.75rem;
        align-items: center;
        margin-left: auto;
        flex-wrap: wrap;
      }
      header form {
        margin: 0;
      }
      header button.logout {
        background: transparent;
        border-color: var(--procura-on-primary, #fff);
      }
      header a.profile {
        color: var(--procura-on-primary, #fff);
      }
      nav {
        background: #fff;
        border-bottom: 1px solid #d9e2ec;
        padding: 0 1rem;
      }
      nav ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.25rem;
      }
      nav a {
        display: inline-block;
        padding: 0.75rem 0;
        text-decoration: none;
        font-weight: 600;
        border-bottom: 3px solid transparent;
      }
      nav a[aria-current='page'] {
        border-bottom-color: var(--procura-accent, #0d5c75);
        color: #1f2933;
      }
      main {
        max-width: 64rem;
        margin: 0 auto;
        padding: 1.5rem 1rem 3rem;
      }
      main:focus {
        outline: none;
      }
      .signin {
        max-width: 36rem;
        margin: 4rem auto;
        background: #fff;
        padding: 2rem;
        border-radius: 0.5rem;
      }
      .signin procura-language-switch {
        background: var(--procura-primary, #0b4a5e);
        display: inline-block;
        border-radius: 0.375rem;
      }
      .more {
        padding-left: 1.2rem;
      }
      a.button {
        display: inline-block;
        background: var(--procura-primary, #0d5c75);
        color: var(--procura-on-primary, #fff);
        border-radius: 0.375rem;
        padding: 0.6rem 1.2rem;
        text-decoration: none;
        font-weight: 600;
      }
    `,
  ];

  @state() private route: Route = parseRoute(location.hash);
  @query('main') private main?: HTMLElement;
  private readonly onHashChange = () => void this.navigated();

  private readonly me = new Task(this, {
    task: async (_args, { signal }): Promise<Me | null> => {
      try {
        return await getMe(signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    args: () => [],
  });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  override render() {
    return this.me.render({
      // A reload of `me` (my names changed) keeps the console and its screen in place.
      pending: () => (this.me.value ? this.renderConsole(this.me.value) : html`<main><p role="status">${msg('Chargement…', { id: 'loading' })}</p></main>`),
      complete: (me) => (me ? this.renderConsole(me) : this.renderSignIn()),
      error: (error) =>
        html`<main>
          <div class="signin" role="alert">
            <h1>${portalName()}</h1>
            <p>${error instanceof Error ? error.message : String(error)}</p>
            <button @click=${() => void this.me.run()}>${msg('Réessayer', { id: 'retry' })}</button>
          </div>
        </main>`,
    });
  }

  private renderSignIn() {
    return html`<main id="main">
      <div class="signin">
        <h1>${portalName()}</h1>
        <p>${msg('Gérez qui agit pour votre organisation, dans quel service, avec quels droits.', { id: 'signin.intro' })}</p>
        <p><a class="button" href="/auth/login">${msg('Se connecter', { id: 'signin.action' })}</a></p>
        <p class="muted">${msg('Après votre mot de passe, un code à usage unique vous est envoyé par e-mail.', { id: 'signin.code' })}</p>
        <ul class="more">
          <li><a href="/sign-up">${msg('Inscrire mon organisation', { id: 'sign_up.title' })}</a></li>
          <li><a href="/recovery">${msg('Plus aucun gestionnaire joignable : demander la reprise', { id: 'sign_up.recover' })}</a></li>
        </ul>
        <procura-language-switch></procura-language-switch>
      </div>
    </main>`;
  }

  private renderConsole(me: Me) {
    const client = this.currentClient(me);
    const current = client ? undefined : this.currentOrganization(me);
    return html`
      <a class="skip" href="#main" @click=${this.skipToMain}>${msg('Aller au contenu', { id: 'skip' })}</a>
      <header>
        <procura-portal-brand class="brand" href="#/"></procura-portal-brand>
        ${
          me.organizations.length + me.clients.length > 0
            ? html`<procura-org-switcher
                .organizations=${me.organizations}
                .clients=${me.clients}
                current=${client?.id ?? current?.id ?? ''}
                @organization-change=${this.switchOrganization}
              ></procura-org-switcher>`
            : nothing
        }
        <div class="tools">
          <a class="profile" href="#/me/profile" aria-current=${this.route.screen === 'profile' ? 'page' : 'false'}
            >${me.person.givenName} ${me.person.familyName}<span class="visually-hidden"> — ${msg('Mon profil', { id: 'profile.title' })}</span></a
          >
          <a class="profile" href=${routeHref({ screen: 'ask-access' })} aria-current=${this.route.screen === 'ask-access' ? 'page' : 'false'}
            >${msg('Demander un accès', { id: 'access.ask.title' })}</a
          >
          ${me.operator ? html`<a class="profile" href="#/operator" aria-current=${this.route.screen.startsWith('operator') ? 'page' : 'false'}>${msg("Back-office de l'opérateur", { id: 'operator.title' })}</a>` : nothing}
          <procura-language-switch></procura-language-switch>
          <form method="post" action="/auth/logout"><button class="logout" type="submit">${msg('Se déconnecter', { id: 'signout' })}</button></form>
        </div>
      </header>
      ${current ? this.renderNav(current) : nothing}
      <main id="main" tabindex="-1">${client ? html`<procura-acting-for .client=${client}></procura-acting-for>` : this.renderScreen(me, current)}</main>
    `;
  }

  private renderNav(current: MyOrganization) {
    const manages = managerRoles.includes(current.role);
    const link = (screen: Exclude<Screen, 'member' | 'profile'>, label: string) => {
      const here = this.route.screen === screen || (screen === 'members' && this.route.screen === 'member');
      const route: Route = screen === 'members' ? { screen, orgId: current.id, query: new URLSearchParams() } : { screen, orgId: current.id };
      return html`<li><a href=${routeHref(route)} aria-current=${here ? 'page' : 'false'}>${label}</a></li>`;
    };
    return html`<nav aria-label=${msg('Sections', { id: 'nav.label' })}>
      <ul>
        ${manages ? link('members', msg('Utilisateurs', { id: 'nav.members' })) : nothing}
        ${link('organization', msg('Organisation', { id: 'nav.organization' }))} ${link('units', msg('Succursales et antennes', { id: 'nav.units' }))}
        ${link('services', msg('Services', { id: 'services.title' }))} ${manages ? link('managers', msg('Gestionnaires', { id: 'managers.title' })) : nothing}
        ${manages || portalOffers('membersInvite') ? link('invitations', msg('Invitations', { id: 'nav.invitations' })) : nothing}
        ${manages ? link('access-requests', msg("Demandes d'accès", { id: 'access.requests.title' })) : nothing}
        ${manages && portalOffers('mailSecurityKey') ? link('key', msg('Clé de sécurité courrier', { id: 'nav.key' })) : nothing}
        ${manages ? link('audit', msg("Journal d'audit", { id: 'nav.audit' })) : nothing}
        ${portalOffers('mandates') ? link('mandates', msg('Mandats', { id: 'mandates.title' })) : nothing}
      </ul>
    </nav>`;
  }

  private renderScreen(me: Me, current: MyOrganization | undefined) {
    const route = this.route;
    if (route.screen === 'profile') return html`<procura-my-profile @profile-changed=${() => void this.me.run()}></procura-my-profile>`;
    if (route.screen === 'ask-access') return html`<procura-access-request-form></procura-access-request-form>`;
    // R31: the operator's back office, outside any organization.
    if (route.screen === 'operator' && me.operator) return html`<procura-operator-queue></procura-operator-queue>`;
    if (route.screen === 'operator-support' && me.operator) return html`<procura-operator-support></procura-operator-support>`;
    if (route.screen === 'operator-request' && me.operator)
      return html`<procura-operator-request .kind=${route.kind} .requestId=${route.id}></procura-operator-request>`;
    if (route.screen === 'home' && me.operator && me.organizations.length === 0) queueMicrotask(() => this.go({ screen: 'operator' }, true));
    const firstClient = me.clients[0];
    if (route.screen === 'home' && !me.operator && me.organizations.length === 0 && firstClient)
      queueMicrotask(() => this.go({ screen: 'organization', orgId: firstClient.id }, true));
    if (me.organizations.length === 0)
      return html`<h1>${msg('Aucune organisation', { id: 'empty.organizations.title' })}</h1>
        <p>
          ${msg("Vous n'agissez pour aucune organisation pour l'instant. Demandez un accès à un gestionnaire de votre organisation.", { id: 'empty.organizations' })}
        </p>
        <p><a class="button" href=${routeHref({ screen: 'ask-access' })}>${msg('Demander un accès', { id: 'access.ask.title' })}</a></p>`;
    const notFound = html`<h1>${msg('Page introuvable', { id: 'notfound.title' })}</h1>
      <p><a href="#/">${msg("Retour à l'accueil", { id: 'notfound.home' })}</a></p>`;
    if (route.screen === 'not-found' || route.screen.startsWith('operator') || !current) return notFound;
    switch (route.screen) {
      case 'members':
        return html`<procura-members-list .orgId=${current.id} .organizationName=${current.legalName} .query=${route.query}></procura-members-list>`;
      case 'member':
        return html`<procura-member-detail .orgId=${current.id} .membershipId=${route.membershipId} .myPersonId=${me.person.id}></procura-member-detail>`;
      case 'organization':
        return html`<procura-organization-details .orgId=${current.id} .manages=${managerRoles.includes(current.role)}></procura-organization-details>`;
      case 'units':
        return html`<procura-units-tree
          .orgId=${current.id}
          .organizationName=${current.legalName}
          .manages=${managerRoles.includes(current.role)}
        ></procura-units-tree>`;
      case 'invitations':
        // R13: a member reaches the invite form only where the portal lets members invite, as the menu shows it.
        if (!managerRoles.includes(current.role) && !portalOffers('membersInvite')) return notFound;
        return html`<procura-invitations-list .orgId=${current.id} .manages=${managerRoles.includes(current.role)}></procura-invitations-list>`;
      case 'access-requests':
        return html`<procura-access-requests .orgId=${current.id} .organizationName=${current.legalName}></procura-access-requests>`;
      case 'key':
        return html`<procura-mail-security-key .orgId=${current.id}></procura-mail-security-key>`;
      case 'audit':
        return html`<procura-audit-log .orgId=${current.id}></procura-audit-log>`;
      case 'services':
        return html`<procura-services-catalogue
          .orgId=${current.id}
          .organizationName=${current.legalName}
          .manages=${managerRoles.includes(current.role)}
        ></procura-services-catalogue>`;
      case 'mandates':
        return html`<procura-mandates
          .orgId=${current.id}
          .organizationName=${current.legalName}
          .manages=${managerRoles.includes(current.role)}
          .requests=${current.role === 'legal_representative' || current.role === 'deputy'}
        ></procura-mandates>`;
      case 'managers':
        return html`<procura-managers-hand-over
          .orgId=${current.id}
          .organizationName=${current.legalName}
          .myPersonId=${me.person.id}
          .manages=${managerRoles.includes(current.role)}
        ></procura-managers-hand-over>`;
      default:
        return html`<p role="status">${msg(str`Ouverture de ${current.legalName}…`, { id: 'opening' })}</p>`;
    }
  }

  /** R25: the client of the route when the person acts for it as a fiduciary's delegate (and is no member of it). */
  private currentClient(me: Me): MyClient | undefined {
    const route = this.route;
    if (!('orgId' in route) || me.organizations.some((o) => o.id === route.orgId)) return undefined;
    return me.clients.find((c) => c.id === route.orgId);
  }

  /** The organization of the route, or (home) the first one, whose default screen the route becomes. */
  private currentOrganization(me: Me): MyOrganization | undefined {
    const route = this.route;
    if ('orgId' in route) return me.organizations.find((o) => o.id === route.orgId);
    const first = me.organizations[0];
    if (route.screen === 'home' && first) queueMicrotask(() => this.go(this.homeOf(first), true));
    return first;
  }

  private homeOf(organization: MyOrganization): Route {
    return managerRoles.includes(organization.role)
      ? { screen: 'members', orgId: organization.id, query: new URLSearchParams() }
      : { screen: 'organization', orgId: organization.id };
  }

  private switchOrganization(event: CustomEvent<{ orgId: string }>): void {
    const me = this.me.value;
    const target = me?.organizations.find((o) => o.id === event.detail.orgId);
    if (!target) {
      if (me?.clients.some((c) => c.id === event.detail.orgId)) this.go({ screen: 'organization', orgId: event.detail.orgId });
      return;
    }
    const next = sameScreenFor(this.route, target.id);
    this.go(next.screen === 'members' && !managerRoles.includes(target.role) ? this.homeOf(target) : next);
  }

  private go(route: Route, replace = false): void {
    const href = routeHref(route);
    if (replace) history.replaceState(null, '', href);
    else history.pushState(null, '', href);
    void this.navigated();
  }

  private async navigated(): Promise<void> {
    const before = this.route;
    this.route = parseRoute(location.hash);
    if (before.screen === 'home') return;
    await this.updateComplete;
    this.main?.focus();
  }

  private skipToMain(event: Event): void {
    event.preventDefault();
    this.main?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-app': ProcuraApp;
  }
}

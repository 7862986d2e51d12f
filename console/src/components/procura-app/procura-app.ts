import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { Task } from '@lit/task';

interface Me {
  person: { email: string; givenName: string; familyName: string };
  organizations: Array<{ id: string; identifier: string; legalName: string; role: string }>;
}

const roleLabels: Record<string, string> = {
  legal_representative: 'Requérant',
  deputy: 'Requérant adjoint',
  manager: 'Gestionnaire',
  member: 'Collaborateur',
  observer: 'Observateur',
};

/**
 * The console's shell. For now: sign-in through the back end (no token in the browser), then the
 * organizations the person acts for with their role in each (R21). The screens come with the
 * console issue.
 */
@customElement('procura-app')
export class ProcuraApp extends LitElement {
  static override styles = css`
    :host { display: block; font-family: system-ui, sans-serif; max-width: 48rem; margin: 3rem auto; padding: 0 1rem; color: #1f2933; }
    h1 { font-size: 1.75rem; margin-bottom: 0.25rem; }
    a.button, button { display: inline-block; background: #0d5c75; color: white; border: 0; border-radius: 0.375rem; padding: 0.5rem 1rem; font: inherit; text-decoration: none; cursor: pointer; }
    ul { padding-left: 1.25rem; }
    .role { color: #52606d; }
  `;

  private readonly me = new Task(this, {
    task: async (_args, { signal }): Promise<Me | null> => {
      const response = await fetch('/api/v1/me', { signal, credentials: 'same-origin' });
      if (response.status === 401) return null;
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as Me;
    },
    args: () => [],
  });

  override render() {
    return html`
      <h1>Procura</h1>
      <p>Gestion des accès délégués : qui agit pour votre organisation, dans quel service, avec quels droits.</p>
      ${this.me.render({
        pending: () => html`<p aria-live="polite">Chargement…</p>`,
        complete: (me) => (me ? this.renderSignedIn(me) : html`<a class="button" href="/auth/login">Se connecter</a>`),
        error: () => html`<p role="alert">Le service ne répond pas ; réessayez dans un instant.</p>`,
      })}
    `;
  }

  private renderSignedIn(me: Me) {
    return html`
      <p>Bonjour ${me.person.givenName} ${me.person.familyName}.</p>
      <h2>Vos organisations</h2>
      ${me.organizations.length === 0
        ? html`<p>Vous n'agissez pour aucune organisation.</p>`
        : html`<ul>
            ${me.organizations.map((o) => html`<li>${o.legalName} <span class="role">— ${roleLabels[o.role] ?? o.role}</span></li>`)}
          </ul>`}
      <form method="post" action="/auth/logout">${nothing}<button type="submit">Se déconnecter</button></form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-app': ProcuraApp;
  }
}

import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { Task } from '@lit/task';

interface Health {
  status: string;
  database: string;
  keycloak: string;
}

/**
 * The console's shell. For now a landing page that shows whether the back end, its database and
 * Keycloak answer; the screens come with the console issue.
 */
@customElement('procura-app')
export class ProcuraApp extends LitElement {
  static override styles = css`
    :host { display: block; font-family: system-ui, sans-serif; max-width: 48rem; margin: 3rem auto; padding: 0 1rem; color: #1f2933; }
    h1 { font-size: 1.75rem; margin-bottom: 0.25rem; }
    .status { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 0.25rem; background: #e4e7eb; }
    .up { background: #c6f7e2; }
    .down { background: #ffe3e3; }
  `;

  private readonly health = new Task(this, {
    task: async (_args, { signal }) => (await fetch('/healthz', { signal })).json() as Promise<Health>,
    args: () => [],
  });

  override render() {
    return html`
      <h1>Procura</h1>
      <p>Gestion des accès délégués : qui agit pour votre organisation, dans quel service, avec quels droits.</p>
      ${this.health.render({
        pending: () => html`<p aria-live="polite">Vérification des services…</p>`,
        complete: (health) => html`<p aria-live="polite">
          Base de données <span class="status ${health.database}">${health.database}</span>
          · Keycloak <span class="status ${health.keycloak}">${health.keycloak}</span>
        </p>`,
        error: () => html`<p role="alert">Le service ne répond pas.</p>`,
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-app': ProcuraApp;
  }
}

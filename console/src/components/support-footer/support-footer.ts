import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { getSupportContact } from '../../api/index.js';
import { language } from '../../i18n/localization.js';
import { portalName } from '../../portal/portal.js';

/**
 * Issue 16 item 6: the support contact (e-mail, phone, hours) under every page of the console, its
 * public pages and its error states; it comes from the server's configuration (`GET /support`).
 * Nothing is shown when the server does not answer.
 */
@customElement('procura-support-footer')
@localized()
export class SupportFooter extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font-family:
        system-ui,
        -apple-system,
        'Segoe UI',
        sans-serif;
    }
    footer {
      max-width: 64rem;
      margin: 0 auto;
      padding: 1rem;
      border-top: 1px solid #d9e2ec;
      color: #3e4c59;
      font-size: 0.9rem;
    }
    h2 {
      font-size: 1rem;
      margin: 0 0 0.25rem;
    }
    p {
      margin: 0;
    }
    a {
      color: var(--procura-primary, #0d5c75);
    }
  `;

  private readonly contact = new Task(this, { task: async (_args, { signal }) => getSupportContact(signal), args: () => [] });

  override render() {
    const contact = this.contact.value;
    if (!contact) return nothing;
    return html`<footer aria-labelledby="support-title">
      <h2 id="support-title">${msg(str`Besoin d’aide ? Le support de ${portalName()}`, { id: 'support.title' })}</h2>
      <p>
        ${msg('E-mail :', { id: 'support.email' })} <a href="mailto:${contact.email}">${contact.email}</a> · ${msg('Téléphone :', { id: 'support.phone' })}
        <a href="tel:${contact.phone.replace(/\s/g, '')}">${contact.phone}</a> · ${msg('Horaires :', { id: 'support.hours' })} ${contact.hours[language()]}
      </p>
    </footer>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-support-footer': SupportFooter;
  }
}

import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { language, switchLanguage } from '../../i18n/localization.js';

/**
 * French by default, English on a switch: one button that names the other language in that
 * language (`lang` set, so a screen reader pronounces it right).
 */
@customElement('procura-language-switch')
@localized()
export class LanguageSwitch extends LitElement {
  static override styles = css`
    button {
      font: inherit;
      background: transparent;
      color: var(--procura-on-primary, #fff);
      border: 1px solid var(--procura-on-primary, #fff);
      border-radius: 0.375rem;
      padding: 0.35rem 0.75rem;
      min-height: 2.5rem;
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid #f0b429;
      outline-offset: 2px;
    }
  `;

  override render() {
    const english = language() === 'fr';
    return html`<button type="button" lang=${english ? 'en' : 'fr'} title=${msg('Changer de langue', { id: 'language.switch' })} @click=${this.toggle}>
      ${english ? 'English' : 'Français'}
    </button>`;
  }

  private async toggle(): Promise<void> {
    await switchLanguage(language() === 'fr' ? 'en' : 'fr');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-language-switch': LanguageSwitch;
  }
}

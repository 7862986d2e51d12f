import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized } from '@lit/localize';
import { portalName, portalSettings } from '../../portal/portal.js';

/**
 * Issue 17: the portal's logo and name, as the headers show them (in the current language); a link
 * when `href` is given. The profiles' logos are wordmarks that carry the name on a light chip, so
 * once the logo is known the name is read, not shown twice (empty alt, the name visually hidden);
 * until /portal answers, the name alone.
 */
@customElement('procura-portal-brand')
@localized()
export class PortalBrand extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
    }
    a,
    span {
      display: inline-flex;
      gap: 0.5rem;
      align-items: center;
      font-size: 1.25rem;
      font-weight: 700;
      color: var(--procura-on-primary, #fff);
      text-decoration: none;
    }
    a:focus-visible {
      outline: 3px solid #f0b429;
      outline-offset: 2px;
    }
    img {
      height: 2rem;
      width: auto;
      display: block;
    }
    .hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `;

  /** Where the brand leads (the console's home); none on the public pages. */
  @property() href = '';

  override render() {
    const portal = portalSettings();
    const inner = html`${portal ? html`<img src=${portal.look.logo} alt="" />` : ''}<span class=${portal ? 'name hidden' : 'name'}>${portalName()}</span>`;
    return this.href ? html`<a href=${this.href}>${inner}</a>` : html`<span>${inner}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-portal-brand': PortalBrand;
  }
}

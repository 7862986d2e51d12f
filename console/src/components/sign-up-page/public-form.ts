import { LitElement, html } from 'lit';
import { state } from 'lit/decorators.js';
import { publicPageStyles } from '../../styles/public-page.js';
import { sharedStyles } from '../../styles/shared.js';
import '../language-switch/language-switch.js';
import '../portal-brand/portal-brand.js';

/**
 * A public form page (no login: sign-up, recovery): the branded frame with the language switch,
 * the page's title in the tab, and one submission at a time whose refusal the form shows.
 */
export abstract class PublicForm extends LitElement {
  static override styles = [sharedStyles, publicPageStyles];

  /** The API's refusal of the last submission, shown under its field. */
  @state() protected error: unknown;
  @state() protected busy = false;

  /** The tab's title. */
  protected abstract pageTitle(): string;
  protected abstract renderBody(): unknown;

  /** At each render: the title follows the language and the portal's name once GET /portal answers. */
  override willUpdate(): void {
    document.title = this.pageTitle();
  }

  override render() {
    return html`
      <header><procura-portal-brand class="brand"></procura-portal-brand><procura-language-switch></procura-language-switch></header>
      <main id="main">${this.renderBody()}</main>
    `;
  }

  /** Sends one submission: the previous refusal cleared, the button disabled meanwhile, a refusal kept. */
  protected async submitting(work: () => Promise<void>): Promise<void> {
    this.error = undefined;
    this.busy = true;
    try {
      await work();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}

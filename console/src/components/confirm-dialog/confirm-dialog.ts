import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { sharedStyles } from '../../styles/shared.js';

/** What a confirmation asks. */
export interface Confirmation {
  readonly title: string;
  readonly text: string;
  readonly confirmLabel: string;
  readonly danger?: boolean;
}

/**
 * Asks before an action that cannot be taken back lightly (deactivate, reactivate, delete). A
 * native modal `<dialog>`: focus moves into it and stays there, Escape cancels, and focus returns
 * to the button that opened it.
 */
@customElement('procura-confirm-dialog')
@localized()
export class ConfirmDialog extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      dialog {
        border: 0;
        border-radius: 0.5rem;
        padding: 1.25rem;
        max-width: min(28rem, calc(100vw - 2rem));
        box-shadow: 0 10px 30px rgba(0, 0, 0, 0.25);
      }
      dialog::backdrop {
        background: rgba(31, 41, 51, 0.5);
      }
      h2 {
        margin-top: 0;
      }
      .actions {
        display: flex;
        gap: 0.75rem;
        justify-content: flex-end;
        flex-wrap: wrap;
      }
    `,
  ];

  @state() private asked: Confirmation = { title: '', text: '', confirmLabel: '' };
  @query('dialog') private dialog!: HTMLDialogElement;
  private settle: ((confirmed: boolean) => void) | undefined;

  /** Opens the dialog; resolves true when confirmed, false when cancelled. */
  async ask(confirmation: Confirmation): Promise<boolean> {
    this.asked = confirmation;
    await this.updateComplete;
    const opener = deepActiveElement();
    this.dialog.showModal();
    const confirmed = await new Promise<boolean>((resolve) => (this.settle = resolve));
    opener?.focus();
    return confirmed;
  }

  override render() {
    return html`<dialog aria-labelledby="confirm-title" aria-describedby="confirm-text" @close=${() => this.finish(this.dialog.returnValue === 'yes')}>
      <form method="dialog">
        <h2 id="confirm-title">${this.asked.title}</h2>
        <p id="confirm-text">${this.asked.text}</p>
        <div class="actions">
          <button class="secondary" value="no" autofocus>${msg('Annuler', { id: 'confirm.cancel' })}</button>
          <button class=${this.asked.danger ? 'danger' : ''} value="yes">${this.asked.confirmLabel}</button>
        </div>
      </form>
    </dialog>`;
  }

  private finish(confirmed: boolean): void {
    this.dialog.returnValue = '';
    this.settle?.(confirmed);
    this.settle = undefined;
  }
}

/** The focused element, looking inside shadow roots (document.activeElement stops at the host). */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-confirm-dialog': ConfirmDialog;
  }
}

import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';

/**
 * What the mandates' forms share (R24–R26): one change at a time, its refusal kept under a key (the
 * form, a delegate) to show under what caused it, a confirmation in a status, and `mandates-changed`
 * so that the screen reloads the mandates after a success.
 */
export abstract class MandateChange extends LitElement {
  @property({ attribute: 'org-id' }) orgId = '';
  @state() protected errors: Record<string, unknown> = {};
  @state() protected busy = false;
  @state() protected done = '';

  /** Runs `change`; true when it succeeded (`done` then says so), else its refusal is under `errorKey`. */
  protected async act(errorKey: string, change: () => Promise<unknown>, done: () => string): Promise<boolean> {
    this.busy = true;
    this.done = '';
    this.errors = { ...this.errors, [errorKey]: undefined };
    try {
      await change();
      this.done = done();
      this.dispatchEvent(new CustomEvent('mandates-changed', { bubbles: true, composed: true }));
      return true;
    } catch (error) {
      this.errors = { ...this.errors, [errorKey]: error };
      return false;
    } finally {
      this.busy = false;
    }
  }
}

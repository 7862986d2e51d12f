import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';

/**
 * The support desk's forms: busy while one action runs (its button disabled), the action's error
 * shown where `fail` puts it, the last confirmation (`done`) cleared first.
 */
export class SupportForm extends LitElement {
  @state() protected done = '';
  @state() protected busy = false;

  protected async run(fail: (error: unknown) => void, action: () => Promise<void>): Promise<void> {
    this.busy = true;
    fail(undefined);
    this.done = '';
    try {
      await action();
    } catch (error) {
      fail(error);
    } finally {
      this.busy = false;
    }
  }
}

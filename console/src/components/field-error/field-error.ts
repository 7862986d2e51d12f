import { html, nothing } from 'lit';
import { ApiError } from '../../api/index.js';

/**
 * The API's refusal for one field, shown right under it: `id` is what the control's
 * `aria-describedby` points at, so a screen reader reads the message with the field.
 */
export function fieldError(error: unknown, field: string, id: string) {
  const text = error instanceof ApiError ? error.messageFor(field) : undefined;
  return text ? html`<p class="error" id=${id} role="alert">${text}</p>` : nothing;
}

/** `aria-invalid` for a control whose field the error names. */
export function invalid(error: unknown, field: string): 'true' | 'false' {
  return error instanceof ApiError && error.messageFor(field) ? 'true' : 'false';
}

/** An error that names no field of the form: shown above the form's buttons. */
export function formError(error: unknown, fields: readonly string[]) {
  if (!error) return nothing;
  if (error instanceof ApiError && fields.some((f) => error.messageFor(f))) return nothing;
  return html`<p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>`;
}

/** The id `fieldError` gives a field's message when the error names that field, else '': for `aria-describedby`. */
export function errorId(error: unknown, field: string): string {
  return invalid(error, field) === 'true' ? `${field}-error` : '';
}

/**
 * A labelled text input named as the API names its field (`representative/email`), with its hint
 * and the API's refusal under it, both linked by `aria-describedby`.
 */
export function textField(
  error: unknown,
  name: string,
  label: string,
  options: { readonly hint?: string | undefined; readonly autocomplete?: string; readonly type?: string; readonly idPrefix?: string } = {},
) {
  const { hint, autocomplete = 'off', type = 'text', idPrefix = '' } = options;
  // `idPrefix`: several forms of one page with a field of the same name (`reason`) keep their ids apart.
  const id = idPrefix + name.replaceAll('/', '-');
  const described = [errorId(error, name) ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input id=${id} name=${name} type=${type} autocomplete=${autocomplete} aria-invalid=${invalid(error, name)} aria-describedby=${described || nothing} />
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : nothing} ${fieldError(error, name, `${id}-error`)}
  </div>`;
}

/** A message in the product's two languages, French first (the same shape as `Message` in errors.ts). */
export interface Said {
  readonly fr: string;
  readonly en: string;
}

/** The messages of every code that says a required field was left empty. */
export const fieldRequired: Said = { fr: 'Ce champ est obligatoire.', en: 'This field is required.' };

/** The messages of every code that says a value is not among those allowed. */
export const valueRefused = ({ allowed }: { readonly allowed: readonly string[] }): Said => ({
  fr: `Valeur refusée ; valeurs admises : ${allowed.join(', ')}.`,
  en: `Value refused; allowed: ${allowed.join(', ')}.`,
});

/** An error whose messages never change: written once, here. */
export interface FixedEntry extends Said {
  /** The HTTP status the API answers with. */
  readonly status: number;
  /** The field at fault when it is always the same one; otherwise the caller names it. */
  readonly field?: string;
}

/** An error whose messages carry values (a name, a limit, which of two situations): typed parameters. */
export interface ParametricEntry<P> {
  readonly status: number;
  readonly field?: string;
  readonly says: (params: P) => Said;
}

/** What a part of the catalogue holds. `never` accepts every parameter type (parameters are contravariant). */
export type Entries = Readonly<Record<string, FixedEntry | ParametricEntry<never>>>;

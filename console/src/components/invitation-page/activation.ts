/**
 * The activation page's rules, pure (no DOM): the token read from the link's fragment, the request
 * the form makes from what the preview asks (R16, R20, R2), and whether a refusal means the link no
 * longer works (R17).
 */
import { ApiError, type InvitationAcceptance, type InvitationPreview } from '../../api/index.js';

/** The token of `#token=…` (the fragment never reaches a server); '' when the link lacks it. */
export function tokenFromFragment(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** Where the link's token waits while the person signs in to join with their account (R20): this tab only. */
const rememberedKey = 'procura.invitation.token';

/** Keeps the token for the way back from the sign-in (the address bar no longer has it). */
export function rememberToken(storage: Pick<Storage, 'setItem'>, token: string): void {
  storage.setItem(rememberedKey, token);
}

/** The token kept before a sign-in, if any. */
export function rememberedToken(storage: Pick<Storage, 'getItem'>): string {
  return storage.getItem(rememberedKey) ?? '';
}

/** Forgets the kept token (accepted, or the link no longer works). */
export function forgetToken(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(rememberedKey);
}

/** The sign-in that comes back to this page (R20: joining needs the account's own sign-in). */
export const signInToJoin = `/auth/login?returnTo=${encodeURIComponent('/invitation')}`;

/** What the person filled in; only what the preview asks is sent. */
export interface ActivationForm {
  readonly password: string;
  readonly repeat: string;
  readonly consent: boolean;
  readonly mailSecurityKey: string;
  /** The keys typed for the further organizations that ask one, by organization id. */
  readonly mailSecurityKeys?: Readonly<Record<string, string>>;
  readonly secretAnswer: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly addMobileNumber: boolean;
}

/** A mistake the page catches before asking the server: the field and which one. */
export interface LocalProblem {
  readonly field: 'repeat';
  readonly kind: 'mismatch';
}

/**
 * R16: a new account sends its password (typed twice, the same), and its names when the invitation
 * had none; R20: an account that exists sends the consent instead, never a password nor names; the Geneva key and answer only when asked (R16),
 * a key for each organization of the link that asks one (`keyed`, their ids in the preview's order); R2: the
 * mobile number for SMS codes only when ticked. Everything else (policy, required, wrong) the API judges.
 */
export function acceptanceFor(
  token: string,
  asks: InvitationPreview['asks'],
  form: ActivationForm,
  keyed: readonly string[] = [],
): InvitationAcceptance | LocalProblem {
  if (asks.password && form.password !== form.repeat) return { field: 'repeat', kind: 'mismatch' };
  const body: InvitationAcceptance = { token };
  if (asks.password) body.password = form.password;
  if (asks.consent) body.consent = form.consent;
  if (asks.mailSecurityKey) body.mailSecurityKey = form.mailSecurityKey;
  // Several organizations of the link ask their key: the first one's as above, the others' by organization.
  if (asks.mailSecurityKey && keyed.length > 1) body.mailSecurityKeys = Object.fromEntries(keyed.slice(1).map((id) => [id, form.mailSecurityKeys?.[id] ?? '']));
  if (asks.secretAnswer) body.secretAnswer = form.secretAnswer;
  if (asks.names) {
    body.givenName = form.givenName;
    body.familyName = form.familyName;
  }
  if (form.addMobileNumber) body.addMobileNumber = true;
  return body;
}

export function isLocalProblem(value: InvitationAcceptance | LocalProblem): value is LocalProblem {
  return 'kind' in value;
}

/**
 * R17: the link no longer works (unknown, used, revoked, replaced, expired, locked): the API names
 * the token as the field at fault. `used` means an account is active: the way on is to sign in.
 */
export function deadLink(error: unknown): 'used' | 'dead' | undefined {
  if (!(error instanceof ApiError) || error.field !== 'token') return undefined;
  return error.code === 'invitation.used' ? 'used' : 'dead';
}

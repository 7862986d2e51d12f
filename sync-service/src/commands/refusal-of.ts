import { AppError } from '../errors.js';

/** For the rules' tests: a refusal as `"<status> <code> <field>"`; throws when the rule accepted. */
export function refusalOf(decision: unknown): string {
  if (!(decision instanceof AppError)) throw new Error(`expected a refusal, got ${JSON.stringify(decision)}`);
  return `${decision.status} ${decision.code} ${decision.field ?? ''}`.trim();
}

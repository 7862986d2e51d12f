import { AppError } from '../errors.js';
import type { MemberRight } from '../domain/rights.js';
import { rightKey } from '../domain/rights.js';
import type { Standing } from './table.js';
import { refuse } from '../error-codes/refuse.js';

/**
 * R13: the services whose rights the caller controls in the organization. A manager controls the
 * rights of every service the organization subscribes to (`subscribed`); nobody else controls any.
 */
export function controlledServices(standing: Standing | null, subscribed: ReadonlySet<string>): ReadonlySet<string> {
  return standing === 'manager' ? subscribed : new Set();
}

/**
 * R13: nobody grants or withdraws a right they do not control. Only the rights that change count
 * (the set is replaced whole, so rights kept as they are pass). A right of a service the
 * organization does not subscribe to is left to the command, which refuses it under R15 (422).
 * Pure.
 */
export function checkRightsControlled(
  current: readonly MemberRight[],
  requested: readonly MemberRight[],
  controlled: ReadonlySet<string>,
  subscribed: ReadonlySet<string>,
): AppError | undefined {
  const key = (right: MemberRight) => `${rightKey(right)}@${right.unitId ?? ''}`;
  const before = new Set(current.map(key));
  const after = new Set(requested.map(key));
  const changed = [...current.filter((right) => !after.has(key(right))), ...requested.filter((right) => !before.has(key(right)))];
  const outside = changed.find((right) => subscribed.has(right.serviceId) && !controlled.has(right.serviceId));
  if (!outside) return undefined;
  return refuse('right.not_controlled', { right: rightKey(outside) });
}

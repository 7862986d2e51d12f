/**
 * Rules of subscriptions and grantable rights (R15), pure: an organization grants rights only on
 * the services it subscribes to, and only rights that the service's catalogue defines.
 */
import { checkDate, checkPeriod } from '../commands/checks.js';
import { firstRefusal, notFound, type Decision } from '../commands/refusals.js';
import type { AppError } from '../errors.js';
import { rightKey, type ServiceRight } from '../domain/rights.js';
import { refuse } from '../error-codes/refuse.js';

export interface Subscribe {
  readonly organizationId: string;
  readonly serviceId: string;
  /** YYYY-MM-DD; today when absent. */
  readonly startsOn?: string;
  readonly endsOn?: string | null;
}

export interface Period {
  readonly startsOn: string;
  readonly endsOn: string | null;
}

/** A subscription that has not ended by `today` (it may start later): its rights are grantable. */
export function isOpen(period: Period, today: string): boolean {
  return period.endsOn === null || period.endsOn >= today;
}

/**
 * R15: the period of a new subscription, or of a renewed one when the former has ended.
 * `current` is the organization's subscription to that service, if any.
 */
export function checkSubscription(input: Subscribe, serviceExists: boolean, current: Period | undefined, today: string): Decision<Period> {
  if (!serviceExists) return notFound('service', 'serviceId');
  const period = { startsOn: input.startsOn ?? today, endsOn: input.endsOn ?? null };
  const refusal = firstRefusal(
    checkDate(period.startsOn, 'startsOn'),
    period.endsOn === null ? undefined : checkDate(period.endsOn, 'endsOn'),
    checkPeriod(period.startsOn, period.endsOn, 'endsOn'),
  );
  if (refusal) return refusal;
  if (current && isOpen(current, today)) {
    return refuse('subscription.exists');
  }
  return period;
}

/** R15: the day a subscription ends (today when not given); its rights stop giving access then. */
export function checkSubscriptionEnd(current: Period | undefined, endsOn: string | undefined, today: string): Decision<string> {
  if (!current) return notFound('subscription', 'serviceId');
  if (!isOpen(current, today)) {
    return refuse('subscription.ended');
  }
  const end = endsOn ?? today;
  return firstRefusal(checkDate(end, 'endsOn'), checkPeriod(current.startsOn, end, 'endsOn')) ?? end;
}

/**
 * R15: every right exists in the catalogue (`catalogue`: `<service>:<right>` keys) and belongs to
 * a service the organization subscribes to (`subscribed`: service ids of open subscriptions).
 */
export function checkGrantable(rights: readonly ServiceRight[], catalogue: ReadonlySet<string>, subscribed: ReadonlySet<string>): AppError | undefined {
  const unknown = rights.find((right) => !catalogue.has(rightKey(right)));
  if (unknown) {
    return refuse('right.unknown', { right: rightKey(unknown) });
  }
  const unsubscribed = rights.find((right) => !subscribed.has(right.serviceId));
  if (!unsubscribed) return undefined;
  return refuse('right.service_not_subscribed', { service: unsubscribed.serviceId });
}

/**
 * Rules of subscriptions and grantable rights (R15), pure: an organization grants rights only on
 * the services it subscribes to, and only rights that the service's catalogue defines.
 */
import { checkDate, checkPeriod } from '../commands/checks.js';
import { conflict, firstRefusal, invalid, notFound, type Decision } from '../commands/refusals.js';
import type { AppError } from '../errors.js';

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

/** A right of a service, as `<service>:<right>` keys in the catalogue. */
export interface ServiceRight {
  readonly serviceId: string;
  readonly rightId: string;
}

export const rightKey = (right: ServiceRight): string => `${right.serviceId}:${right.rightId}`;

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
    return conflict('subscription.exists', 'serviceId', { fr: "L'organisation est déjà abonnée à ce service.", en: 'The organization already subscribes to this service.' });
  }
  return period;
}

/** R15: the day a subscription ends (today when not given); its rights stop giving access then. */
export function checkSubscriptionEnd(current: Period | undefined, endsOn: string | undefined, today: string): Decision<string> {
  if (!current) return notFound('subscription', 'serviceId');
  if (!isOpen(current, today)) {
    return conflict('subscription.ended', 'serviceId', { fr: 'Cet abonnement a déjà pris fin.', en: 'This subscription has ended already.' });
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
    return invalid('right.unknown', 'rights', { fr: `Droit inconnu du catalogue : ${rightKey(unknown)}.`, en: `Right unknown to the catalogue: ${rightKey(unknown)}.` });
  }
  const unsubscribed = rights.find((right) => !subscribed.has(right.serviceId));
  if (!unsubscribed) return undefined;
  return invalid('right.service_not_subscribed', 'rights', {
    fr: `L'organisation n'est pas abonnée au service ${unsubscribed.serviceId} ; ses droits ne s'accordent qu'après l'abonnement.`,
    en: `The organization does not subscribe to the service ${unsubscribed.serviceId}; its rights can be granted once it does.`,
  });
}

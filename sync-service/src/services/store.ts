import { many, maybeOne, type Queryable } from '../db/query.js';
import { isOpen, type Period } from './rules.js';
import { rightKey, type ServiceRight } from '../domain/rights.js';

/** Subscriptions and the catalogue, for the commands. */

const period = `to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn"`;

export function findSubscription(db: Queryable, organizationId: string, serviceId: string, lock = false): Promise<Period | undefined> {
  return maybeOne<Period>(db, `SELECT ${period} FROM subscription WHERE organization_id = $1 AND service_id = $2${lock ? ' FOR UPDATE' : ''}`, [
    organizationId,
    serviceId,
  ]);
}

/** R15: the services whose rights the organization may grant on `today`. */
export async function subscribedServices(db: Queryable, organizationId: string, today: string): Promise<Set<string>> {
  const rows = await many<Period & { serviceId: string }>(db, `SELECT service_id AS "serviceId", ${period} FROM subscription WHERE organization_id = $1`, [
    organizationId,
  ]);
  return new Set(rows.filter((row) => isOpen(row, today)).map((row) => row.serviceId));
}

/** The `<service>:<right>` keys of the catalogue among `rights`. */
export async function catalogueRights(db: Queryable, rights: readonly ServiceRight[]): Promise<Set<string>> {
  const rows = await many<ServiceRight>(db, 'SELECT service_id AS "serviceId", id AS "rightId" FROM service_right WHERE service_id = ANY($1::text[])', [
    [...new Set(rights.map((right) => right.serviceId))],
  ]);
  return new Set(rows.map(rightKey));
}

export async function serviceExists(db: Queryable, serviceId: string): Promise<boolean> {
  return (await maybeOne(db, 'SELECT 1 FROM service WHERE id = $1', [serviceId])) !== undefined;
}

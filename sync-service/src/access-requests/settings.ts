import { loadServices, type Service } from '@procura/realm-config';
import { jsonConfig } from '../config-file.js';
import type { ServiceRight } from '../services/rules.js';

/**
 * Issue 16 item 1 (R22, fer-ge's observer request for the journal): what an approved request gives
 * besides its role — `PROCURA_ACCESS_REQUESTS` (a JSON file), else
 * `sync-service/config/access-requests.json`; read once.
 */
export interface AccessRequestSettings {
  /** The rights an approved observer gets, on the services the organization subscribes to. */
  readonly observerRights: readonly ServiceRight[];
}


/** Each right must be one of the catalogue's: a typo would otherwise give nothing, silently. */
export function parseAccessRequestSettings(value: unknown, source: string, catalogue: readonly Service[] = loadServices()): AccessRequestSettings {
  const rights = (value as { observerRights?: unknown } | null)?.observerRights ?? [];
  const known = new Set(catalogue.flatMap((service) => service.rights.map((right) => `${service.id}:${right.id}`)));
  const isRight = (right: unknown): right is ServiceRight => {
    const { serviceId, rightId } = (right ?? {}) as Partial<ServiceRight>;
    return typeof serviceId === 'string' && typeof rightId === 'string' && known.has(`${serviceId}:${rightId}`);
  };
  if (!Array.isArray(rights) || !rights.every(isRight)) {
    throw new Error(`${source}: "observerRights" must list rights of the catalogue as { "serviceId", "rightId" } (realm-config/services.json)`);
  }
  return { observerRights: rights.map(({ serviceId, rightId }) => ({ serviceId, rightId })) };
}

export const accessRequestSettings = jsonConfig('PROCURA_ACCESS_REQUESTS', new URL('../../config/access-requests.json', import.meta.url), (value, source) => parseAccessRequestSettings(value, source));

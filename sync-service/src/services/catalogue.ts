import { loadServices, serviceClientId, type Service } from '@procura/realm-config';
import { withTransaction } from '../db/transaction.js';
import type pg from 'pg';

/**
 * Brings the `service` and `service_right` tables in line with the catalogue of `realm-config/`
 * (the same file the realm's service clients come from). Adds and relabels; never deletes, since
 * rights granted in the past must keep their meaning in the audit trail.
 */
export async function syncCatalogue(pool: pg.Pool, services: Service[] = loadServices()): Promise<void> {
  await withTransaction(pool, async (client) => {
    for (const service of services) {
      await client.query(
        `INSERT INTO service (id, label_fr, label_en, keycloak_client_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET label_fr = EXCLUDED.label_fr, label_en = EXCLUDED.label_en`,
        [service.id, service.label.fr, service.label.en, serviceClientId(service.id)],
      );
      for (const right of service.rights) {
        await client.query(
          `INSERT INTO service_right (service_id, id, label_fr, label_en) VALUES ($1, $2, $3, $4)
           ON CONFLICT (service_id, id) DO UPDATE SET label_fr = EXCLUDED.label_fr, label_en = EXCLUDED.label_en`,
          [service.id, right.id, right.label.fr, right.label.en],
        );
      }
    }
  });
}

import type pg from 'pg';
import { withTransaction } from '../db/transaction.js';

/** Who acts: a person (by id) or the system (imports, scheduler, operator tools). */
export interface Actor {
  readonly personId: string | null;
  /** How the audit trail names the actor, kept even after the person is deleted (R18, R32). */
  readonly label: string;
}

export interface AuditEntry {
  readonly organizationId: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export interface CommandContext {
  readonly tx: pg.PoolClient;
  readonly actor: Actor;
  /** R32: who, when, what, for which organization, before and after. */
  audit(entry: AuditEntry): Promise<void>;
  /** Asks for these organizations' Keycloak projection once the transaction commits. */
  project(...organizationIds: string[]): void;
}

/** The channel the outbox worker listens on, so a commit propagates without waiting for a poll. */
export const outboxChannel = 'procura_outbox';

/**
 * Runs a domain command: its rule checks and model writes, its audit entries and its outbox rows
 * in ONE transaction, so that Keycloak's projection can never miss a committed change, nor see one
 * that was rolled back.
 */
export async function runCommand<T>(pool: pg.Pool, actor: Actor, work: (context: CommandContext) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (tx) => {
    const toProject = new Set<string>();
    const context: CommandContext = {
      tx,
      actor,
      audit: async (entry) => {
        await tx.query(
          `INSERT INTO audit_entry (actor_person_id, actor_label, organization_id, action, subject_type, subject_id, before, after)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [actor.personId, actor.label, entry.organizationId, entry.action, entry.subjectType, entry.subjectId, json(entry.before), json(entry.after)],
        );
      },
      project: (...organizationIds) => organizationIds.forEach((id) => toProject.add(id)),
    };
    const result = await work(context);
    if (toProject.size > 0) {
      await tx.query(`INSERT INTO outbox (topic, aggregate_id) SELECT 'projection', unnest($1::text[])`, [[...toProject]]);
      await tx.query(`SELECT pg_notify($1, '')`, [outboxChannel]);
    }
    return result;
  });
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

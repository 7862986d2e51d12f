import { maybeOne, one, type Queryable } from '../db/query.js';

/** What the details' edit reads and writes of a person beyond their profile (issue 16 item 3). */

/**
 * What makes a person's details their own, read once their row is locked: their memberships of
 * other organizations (any status: an invitation pending there counts) and the mandates they handle
 * as a delegate (each is another organization's).
 */
export function ownershipFacts(
  db: Queryable,
  personId: string,
  organizationId: string,
): Promise<{ otherOrganizations: number; delegateOfMandates: number; keycloakUserId: string | null }> {
  return one(
    db,
    `SELECT (SELECT count(*)::int FROM membership WHERE person_id = $1 AND organization_id <> $2) AS "otherOrganizations",
            (SELECT count(*)::int FROM mandate_delegate d JOIN membership m ON m.id = d.membership_id WHERE m.person_id = $1) AS "delegateOfMandates",
            (SELECT keycloak_user_id FROM person WHERE id = $1) AS "keycloakUserId"`,
    [personId, organizationId],
  );
}

/** The person's secret question (never the answer's hash). */
export async function secretQuestionOf(db: Queryable, personId: string): Promise<string | null> {
  return (await maybeOne<{ question: string | null }>(db, 'SELECT secret_question AS question FROM person WHERE id = $1', [personId]))?.question ?? null;
}

/**
 * R16: the person's secret question and answer (its hash); an invitation of theirs still pending
 * asks the new ones at activation.
 */
export async function writeSecret(db: Queryable, personId: string, question: string, answerHash: string): Promise<void> {
  await db.query('UPDATE person SET secret_question = $2, secret_answer_hash = $3 WHERE id = $1', [personId, question, answerHash]);
  await db.query(
    `UPDATE invitation SET secret_question = $2, secret_answer_hash = $3
      WHERE status = 'pending' AND membership_id IN (SELECT id FROM membership WHERE person_id = $1)`,
    [personId, question, answerHash],
  );
}

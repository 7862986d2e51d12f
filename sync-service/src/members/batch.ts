/**
 * Several members at once (issue 16 item 5: fer-ge, ge-edemarches and peps remove departed people
 * from the members list): deactivate, delete or make manager each chosen membership, ALL OR
 * NOTHING. Each change goes through its own command (R13, R14, R18 checked as for one person), in
 * one transaction under the organization's lock: one refusal — the last manager among those
 * chosen, say — changes nobody, and names the person and the item at fault.
 */
import { defineCommand, type CommandContext } from '../commands/command.js';
import { notFound } from '../commands/refusals.js';
import { many } from '../db/query.js';
import { AppError } from '../errors.js';
import { lockOrganization } from '../organizations/store.js';
import { changeRole, deactivateMember, removeMember } from './commands.js';

export const batchActions = ['deactivate', 'remove', 'make_manager'] as const;
export type BatchAction = (typeof batchActions)[number];

const perform: Record<BatchAction, (context: CommandContext, membershipId: string) => Promise<void>> = {
  deactivate: (context, membershipId) => deactivateMember.within(context, { membershipId }),
  remove: (context, membershipId) => removeMember.within(context, { membershipId }),
  make_manager: (context, membershipId) => changeRole.within(context, { membershipId, role: 'manager' }),
};

export interface MemberBatch {
  readonly organizationId: string;
  readonly action: BatchAction;
  readonly membershipIds: readonly string[];
}

export const applyToMembers = defineCommand(async (context, input: MemberBatch): Promise<{ membershipIds: string[] }> => {
  await lockOrganization(context.tx, input.organizationId);
  // Another organization's membership reads as not found, as for one person.
  const people = new Map(
    (
      await many<{ id: string; name: string }>(
        context.tx,
        `SELECT m.id, coalesce(nullif(btrim(p.given_name || ' ' || p.family_name), ''), p.email) AS name
         FROM membership m JOIN person p ON p.id = m.person_id WHERE m.organization_id = $1 AND m.id = ANY($2::uuid[])`,
        [input.organizationId, input.membershipIds],
      )
    ).map((row) => [row.id, row.name]),
  );
  for (const [index, membershipId] of input.membershipIds.entries()) {
    if (!people.has(membershipId)) throw notFound('membership', `membershipIds/${index}`);
  }
  for (const [index, membershipId] of input.membershipIds.entries()) {
    try {
      await perform[input.action](context, membershipId);
    } catch (error) {
      throw error instanceof AppError ? itemRefusal(error, index, people.get(membershipId)!) : error;
    }
  }
  return { membershipIds: [...input.membershipIds] };
});

/** The person's refusal, naming them and the item, and saying that nobody was changed. */
function itemRefusal(error: AppError, index: number, name: string): AppError {
  return new AppError(
    error.code,
    error.status,
    {
      fr: `${name} : ${error.messages.fr} Personne n'a été modifié.`,
      en: `${name}: ${error.messages.en} Nobody was changed.`,
    },
    { field: `membershipIds/${index}`, cause: error },
  );
}

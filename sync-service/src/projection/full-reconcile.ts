import { compareAndApply } from './compare.js';
import { desiredState } from './desired-state.js';
import { narrow } from './focus.js';
import type { Operation } from './plan.js';
import type { Progress, Run } from './run.js';
import { departedWithoutMembership, keycloakUserIds, loadSnapshot, organizationChunks, recordedGroups } from './store.js';

type Outcome = { readonly operations: Operation[]; readonly changes: number; readonly detailed: number | undefined };

/**
 * Decision 0068: a full reconcile, chunk by chunk of organizations, then the departed people no
 * organization holds. Each chunk reads the model of its organizations and of those linked to them
 * by a mandate, compares only its own organizations' groups (a mandate's groups are its client's) and
 * the accounts of their people, plans and applies before the next is read: memory follows the
 * chunk. A person in several chunks is compared in each (the later ones read what the first wrote);
 * the user writes an earlier chunk planned are not planned again, so a dry run lists them once.
 */
export async function reconcileAll(
  run: Run,
  options: { chunkSize: number; digests: boolean; keepOperations: boolean; progress: Progress | undefined },
): Promise<Outcome> {
  const chunks = await organizationChunks(run.db, options.chunkSize);
  const usersPlanned = new Set<string>();
  const onceForUsers = (operations: Operation[]): Operation[] => {
    const fresh = operations.filter((op) => !isUserWrite(op) || !usersPlanned.has(op.user.personId));
    for (const op of fresh) if (isUserWrite(op)) usersPlanned.add(op.user.personId);
    return fresh;
  };
  const kept: Operation[] = [];
  let changes = 0;
  let detailed: number | undefined;
  const tally = (part: { operations: Operation[]; detailed: number | undefined }): void => {
    changes += part.operations.length;
    if (options.keepOperations) kept.push(...part.operations);
    if (part.detailed !== undefined) detailed = (detailed ?? 0) + part.detailed;
  };
  for (const [index, organizationIds] of chunks.entries()) {
    tally(await reconcileChunk(run, organizationIds, options.digests, onceForUsers));
    options.progress?.(index + 1, chunks.length + 1, 'chunk');
  }
  tally(await reconcileDeparted(run, options.digests, onceForUsers));
  options.progress?.(chunks.length + 1, chunks.length + 1, 'chunk');
  return { operations: kept, changes, detailed };
}

async function reconcileChunk(
  run: Run,
  organizationIds: readonly string[],
  digests: boolean,
  planned: (operations: Operation[]) => Operation[],
): Promise<{ operations: Operation[]; detailed: number | undefined }> {
  const snapshot = await loadSnapshot(run.db, { organizationIds }, run.today, 'none');
  const recorded = await recordedGroups(run.db, { organizationIds });
  const userIds = await keycloakUserIds(
    run.db,
    snapshot.people.map((person) => person.id),
  );
  run.lap('snapshot');
  const desired = desiredState(snapshot);
  run.lap('desired');
  // The linked organizations' groups in the snapshot are their own chunk's business.
  const chunk = new Set(organizationIds);
  const own = narrow(desired, recorded, snapshot.memberships, { scope: chunk, whole: chunk, people: new Set(), actualKeysOfPeople: new Set() });
  run.lap('focus');
  return compareAndApply(run, { ...own, userIds, memberships: snapshot.memberships }, digests, planned);
}

/** Departed people with an account and no membership: their login stays disabled (decision 0047). */
async function reconcileDeparted(
  run: Run,
  digests: boolean,
  planned: (operations: Operation[]) => Operation[],
): Promise<{ operations: Operation[]; detailed: number | undefined }> {
  const people = await departedWithoutMembership(run.db);
  const userIds = await keycloakUserIds(
    run.db,
    people.map((person) => person.id),
  );
  run.lap('snapshot');
  const desired = desiredState({
    today: run.today,
    organizations: [],
    units: [],
    subscriptions: [],
    people,
    memberships: [],
    rights: [],
    mandates: [],
    delegates: [],
    delegateRights: [],
  });
  run.lap('desired');
  return compareAndApply(run, { desired, recorded: new Map(), userIds, memberships: [] }, digests, planned);
}

function isUserWrite(op: Operation): op is Extract<Operation, { type: 'createUser' | 'updateUser' | 'setEnabled' }> {
  return op.type === 'createUser' || op.type === 'updateUser' || op.type === 'setEnabled';
}

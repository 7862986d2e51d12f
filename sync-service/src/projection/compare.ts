import { readActual } from './actual-state.js';
import { applyPlan } from './apply.js';
import { expectedDigests, type SubtreeDigest } from './digest.js';
import { narrow } from './focus.js';
import type { DesiredState, ModelSnapshot } from './model.js';
import { plan, type Operation } from './plan.js';
import type { Run } from './run.js';
import { recordLoginStanding, type RecordedGroup } from './store.js';

/** A part of the realm to make equal to the model: what it must hold, what the projection recorded of it. */
export interface Compared {
  readonly desired: DesiredState;
  readonly recorded: Map<string, RecordedGroup>;
  /** Keycloak user ids of (at least) the desired users, read with the model (issue 20 item 2: once). */
  readonly userIds: ReadonlyMap<string, string>;
  /** The (organization, person) pairs of the model read: a detailed organization's people are compared. */
  readonly memberships: ModelSnapshot['memberships'];
}

/**
 * Reads what Keycloak holds of `compared` (by digests first when `byDigests`, decision 0061), plans
 * the writes and, unless a dry run, applies them. `planned` filters the plan before it is applied
 * (a full reconcile drops the user writes an earlier chunk planned, decision 0068).
 */
export async function compareAndApply(
  run: Run,
  compared: Compared,
  byDigests: boolean,
  planned: (operations: Operation[]) => Operation[] = (operations) => operations,
): Promise<{ operations: Operation[]; detailed: number | undefined }> {
  const { desired, recorded, detailed } = byDigests ? await focusByDigests(run, compared) : { ...compared, detailed: undefined };
  if (byDigests) run.lap('digests');
  const actual = await readActual(run, desired, recorded, compared.userIds);
  run.lap('read');
  const operations = planned(plan(desired, actual));
  run.lap('plan');
  if (!run.dryRun) {
    const { keptEnabled, takenOver } = await applyPlan(run.db, run.keycloak, operations, actual, run.io);
    for (const organizationId of takenOver) run.takenOver.add(organizationId);
    await recordLoginStanding(
      run.db,
      desired.users.filter((user) => user.enabled !== undefined && !keptEnabled.has(user.personId)),
    );
    run.lap('apply');
  }
  return { operations, detailed };
}

/**
 * Decision 0061: of the organizations compared, only those whose subtree's digest in Keycloak
 * differs from the model's, or that the model cannot describe (see `expectedDigests`), or that hold
 * a recorded group the model no longer wants, are read in detail; with them, the people in no
 * group, whose accounts no digest covers. Without the provider's digests, everything is read.
 */
async function focusByDigests(
  run: Run,
  { desired, recorded, userIds, memberships }: Compared,
): Promise<{ desired: DesiredState; recorded: Map<string, RecordedGroup>; detailed: number | undefined }> {
  if (!(await run.keycloak.provides('projection-digests'))) return { desired, recorded, detailed: undefined };
  const expected = expectedDigests(desired, recorded, userIds);
  const found = expected.digests.size === 0 ? new Map<string, SubtreeDigest>() : await run.keycloak.projectionDigests([...expected.digests.keys()]);
  const whole = new Set(expected.undescribed);
  for (const [rootId, digest] of expected.digests) {
    const actual = found.get(rootId);
    if (actual?.sum !== digest.sum || actual.records !== digest.records) whole.add(expected.organizationOfRoot.get(rootId)!);
  }
  const wanted = new Set(desired.groups.map((group) => group.key));
  for (const group of recorded.values()) if (!wanted.has(group.key)) whole.add(group.organizationId);
  const organizations = new Set([...desired.groups.map((group) => group.organizationId), ...[...recorded.values()].map((group) => group.organizationId)]);
  const narrowed = narrow(desired, recorded, memberships, { scope: organizations, whole, people: new Set(), actualKeysOfPeople: new Set() });
  const inGroups = new Set(desired.groups.flatMap((group) => group.members));
  const kept = new Set(narrowed.desired.users.map((user) => user.personId));
  const alone = desired.users.filter((user) => !kept.has(user.personId) && !inGroups.has(user.personId));
  return { desired: { groups: narrowed.desired.groups, users: [...narrowed.desired.users, ...alone] }, recorded: narrowed.recorded, detailed: whole.size };
}

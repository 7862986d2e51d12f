import type { Actor } from '@procura/sync-service/commands/command';

/** Who the test fixtures act as in the audit trail. */
export const testActor: Actor = { personId: null, label: 'test fixture' };

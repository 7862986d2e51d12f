import { KeycloakUnavailable, ProjectionChangedMeanwhile } from '../../errors.js';
import type { CallCounter } from './calls.js';
import type { ProviderEndpoints } from './provider.js';
import { outgoingTraceHeaders } from '../../observability/trace.js';

type Attributes = Readonly<Record<string, readonly string[]>>;

/** One write of a reconcile plan, as the provider's bulk endpoint takes it (ids are Keycloak's). */
export type ProjectionChange =
  | { readonly type: 'createUser'; readonly email: string; readonly firstName: string; readonly lastName: string }
  | { readonly type: 'createGroup'; readonly parentId: string | null; readonly name: string; readonly attributes: Attributes }
  | { readonly type: 'addRole' | 'removeRole'; readonly groupId: string; readonly clientId: string; readonly role: string }
  | { readonly type: 'addMember' | 'removeMember'; readonly groupId: string; readonly userId: string };

/** What one change did: created (`id`), found already there (`existed`, with its attributes), or applied. */
export type ChangeResult =
  | { readonly kind: 'created'; readonly id: string }
  | { readonly kind: 'existed'; readonly id: string; readonly attributes: Attributes }
  | { readonly kind: 'applied' };

/** Changes per call: the provider's bound (`ProjectionChangesRequest.MAX_CHANGES`). */
export const maxChangesPerCall = 2000;

/**
 * The provider JAR's bulk write (`POST /realms/{realm}/procura/projection-changes`): up to
 * {@link maxChangesPerCall} changes in one call and one Keycloak transaction, all or nothing.
 * Throws `ProviderMissing` when the provider does not serve it (`provider.ts`; callers fall back to
 * the admin API), and `ProjectionChangedMeanwhile` when a group, user or role it names is gone (nothing of
 * the batch is applied: re-read and plan again).
 */
export function projectionChangeOperations(
  options: { url: string; realm: string },
  accessToken: () => Promise<string>,
  calls: CallCounter,
  provider: ProviderEndpoints,
) {
  return {
    async applyProjectionChanges(changes: readonly ProjectionChange[]): Promise<ChangeResult[]> {
      if (changes.length === 0) return [];
      if (changes.length > maxChangesPerCall) throw new RangeError(`${changes.length} changes in one call: at most ${maxChangesPerCall}`);
      await provider.require('projection-changes');
      return calls.write(`${changes.length} projection changes`, async () => {
        const response = await fetch(`${options.url}/realms/${encodeURIComponent(options.realm)}/procura/projection-changes`, {
          method: 'POST',
          headers: { ...outgoingTraceHeaders(), authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
          body: JSON.stringify({ changes }),
          signal: AbortSignal.timeout(120_000),
        });
        const text = await response.text();
        if (response.status === 409) throw new ProjectionChangedMeanwhile(text.slice(0, 300));
        if (!response.ok) throw new KeycloakUnavailable(`projection changes answered ${response.status}: ${text.slice(0, 300)}`);
        const { results } = JSON.parse(text) as { results: Array<{ id?: string; existed?: string; attributes?: Record<string, string[]> }> };
        if (results.length !== changes.length)
          throw new KeycloakUnavailable(`projection changes answered ${results.length} results for ${changes.length} changes`);
        return results.map((r): ChangeResult => {
          if (r.id) return { kind: 'created', id: r.id };
          if (r.existed) return { kind: 'existed', id: r.existed, attributes: r.attributes ?? {} };
          return { kind: 'applied' };
        });
      });
    },
  };
}

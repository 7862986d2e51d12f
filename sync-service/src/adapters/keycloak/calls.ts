import { AppError, KeycloakConflict, KeycloakNotFound, KeycloakUnavailable, ProjectionChangedMeanwhile } from '../../errors.js';
import { keycloakCallDuration, keycloakCalls } from '../../observability/metrics.js';

export interface CallCounts {
  readonly reads: number;
  readonly writes: number;
}

export interface CallCounter {
  read<T>(what: string, work: () => Promise<T>): Promise<T>;
  write<T>(what: string, work: () => Promise<T>): Promise<T>;
  counts(): CallCounts;
}

/**
 * Counts admin API calls and translates Keycloak's HTTP failures into our errors: the one place
 * every call to Keycloak passes, so also where `procura_keycloak_calls_total` and its duration are
 * measured (issue 18 item 3).
 */
export function callCounter(): CallCounter {
  let reads = 0;
  let writes = 0;
  return {
    read: (what, work) => {
      reads++;
      return measured('read', () => translateFailures(what, work));
    },
    write: (what, work) => {
      writes++;
      return measured('write', () => translateFailures(what, work));
    },
    counts: () => ({ reads, writes }),
  };
}

async function measured<T>(kind: 'read' | 'write', call: () => Promise<T>): Promise<T> {
  const stop = keycloakCallDuration.startTimer({ kind });
  try {
    const result = await call();
    keycloakCalls.inc({ kind, outcome: 'ok' });
    return result;
  } catch (error) {
    keycloakCalls.inc({ kind, outcome: outcomeOf(error) });
    throw error;
  } finally {
    stop();
  }
}

/** A bounded label: what the caller is told, not the message. A missing provider is a not-found (the caller falls back), a bulk write refused because the state changed a conflict (it retries). */
function outcomeOf(error: unknown): string {
  if (error instanceof KeycloakNotFound) return 'not_found';
  if (error instanceof KeycloakConflict || error instanceof ProjectionChangedMeanwhile) return 'conflict';
  if (error instanceof KeycloakUnavailable) return 'unavailable';
  return 'error';
}

async function translateFailures<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const status = (error as { response?: { status?: number } }).response?.status;
    if (status === 404) throw new KeycloakNotFound(what, error);
    if (status === 409) throw new KeycloakConflict(what, error);
    if ((status !== undefined && status >= 500) || (status === undefined && isNetworkFailure(error))) throw new KeycloakUnavailable(what, error);
    throw error;
  }
}

/** No answer at all: refused connection, reset, DNS, time-out (a bug's TypeError is not one). */
function isNetworkFailure(error: unknown): boolean {
  const { name, message } = error as { name?: string; message?: string };
  return name === 'AbortError' || name === 'TimeoutError' || (name === 'TypeError' && message === 'fetch failed');
}

/** `undefined` instead of a not-found error. */
export async function orUndefined<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof KeycloakNotFound) return undefined;
    throw error;
  }
}

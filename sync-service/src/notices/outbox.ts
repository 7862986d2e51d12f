/**
 * Notices (R28) through the transactional outbox: a command that tells someone writes its e-mail as
 * an outbox row of topic `notice` in its own transaction, so a crash between the commit and the
 * send loses nothing; the notice worker (`worker.ts`) sends it. Rows of this topic are never
 * claimed by the projection worker (it takes topic `projection` only).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { OutgoingMail } from '../adapters/mail/index.js';
import type { Queryable } from '../db/query.js';
import { currentTrace } from '../observability/trace.js';

export const noticeTopic = 'notice';
/** The channel the notice worker listens on, so that a committed notice leaves at once. */
export const noticeChannel = 'procura_notice';

/** One e-mail to send, already rendered (French first, then English), and what it is about. */
export interface Notice extends OutgoingMail {
  /** What kind of notice (`email.changed`, `service.activated`…), for logs and the outbox's `aggregate_id`. */
  readonly kind: string;
}

/** Writes the notice into the outbox, in the caller's transaction; returns the row's id. */
export async function insertNotice(tx: Queryable, notice: Notice): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(`INSERT INTO outbox (topic, aggregate_id, payload, trace_id) VALUES ($1, $2, $3, $4) RETURNING id`, [
    noticeTopic,
    notice.kind,
    JSON.stringify({ to: notice.to, subject: notice.subject, text: notice.text }),
    currentTrace()?.traceId ?? null,
  ]);
  return rows[0]!.id;
}

/**
 * The notices committed while handling one API request, so that the request sends them at once
 * after the commit (the worker only retries what fails): `collectNotices` opens the scope,
 * `runCommand` adds the ids once its transaction committed.
 */
const committed = new AsyncLocalStorage<string[]>();

export function collectNotices<T>(work: () => Promise<T>): { result: Promise<T>; ids: string[] } {
  const ids: string[] = [];
  return { result: committed.run(ids, work), ids };
}

export function noticesCommitted(ids: readonly string[]): void {
  committed.getStore()?.push(...ids);
}

/**
 * The ids committed so far in this request's scope, taken out of it: a route that must tell its
 * caller whether an e-mail left (an invitation) sends them itself; the rest go after the handler.
 */
export function takeCommittedNotices(): string[] {
  const store = committed.getStore();
  return store ? store.splice(0) : [];
}

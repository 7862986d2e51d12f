import { stack } from './stack.js';

/** An e-mail as the SMTP sink (maildev) received it. */
export interface ReceivedMail {
  readonly id: string;
  readonly subject: string;
  readonly to: ReadonlyArray<{ address: string }>;
  readonly text: string;
  readonly html: string;
}

/**
 * Every e-mail the sink holds for `address`, as typed or in lower case. `webUrl`: the sink's, by
 * default the test run's (pass it outside vitest, e.g. in benchmarks, where the run's stack is not
 * injected). The sink filters (`?to.address=`): by the end of a run it holds thousands of e-mails,
 * and every wait polls, so asking for all of them each time cost the run minutes.
 */
export async function mailsTo(address: string, webUrl?: string): Promise<ReceivedMail[]> {
  const spellings = [...new Set([address, address.toLowerCase()])];
  const found = await Promise.all(
    spellings.map(async (spelling) => {
      const response = await fetch(`${webUrl ?? stack().mail.webUrl}/email?${new URLSearchParams({ 'to.address': spelling }).toString()}`);
      if (!response.ok) throw new Error(`mail sink answered ${response.status}`);
      return (await response.json()) as ReceivedMail[];
    }),
  );
  const byId = new Map(found.flat().map((mail) => [mail.id, mail]));
  return [...byId.values()];
}

/** Waits until an e-mail to `address` arrives (and matches `subject` when given). */
export async function waitForMail(address: string, options: { subject?: RegExp; timeoutMs?: number; webUrl?: string } = {}): Promise<ReceivedMail> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    const found = (await mailsTo(address, options.webUrl)).find((mail) => !options.subject || options.subject.test(mail.subject));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no e-mail to ${address}${options.subject ? ` matching ${options.subject}` : ''} arrived`);
}

/** The first link in an e-mail's text that starts with `prefix`. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const body = mail.text || mail.html;
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s"'<>]+`).exec(body);
  if (!match) throw new Error(`no link starting with ${prefix} in "${mail.subject}"`);
  return match[0].replace(/&amp;/g, '&');
}

/**
 * R2: the one-time login code that the code authenticator e-mailed to `address` under `reference`
 * (the reference the code page shows), waiting for it to arrive.
 */
export async function waitForLoginCode(address: string, reference: string, timeoutMs = 15_000, webUrl?: string): Promise<string> {
  const subject = new RegExp(`\\(r[ée]f[ée]rence ${reference}\\)`, 'i');
  const mail = await waitForMail(address, { subject, timeoutMs, ...(webUrl ? { webUrl } : {}) });
  const code = /:\s*(\d{6,10})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code in the e-mail "${mail.subject}"`);
  return code;
}

import type { ReceivedSms } from '../harness/sms-sink.js';
import { stack } from './stack.js';

/** Every text message the SMS sink received for `to` (E.164). */
export async function smsTo(to: string): Promise<ReceivedSms[]> {
  const response = await fetch(`${stack().sms.url}/sms?to=${encodeURIComponent(to)}`);
  if (!response.ok) throw new Error(`SMS sink answered ${response.status}`);
  return (await response.json()) as ReceivedSms[];
}

/** R2: the one-time login code sent by SMS to `to` under `reference`, waiting for it to arrive. */
export async function waitForSmsCode(to: string, reference: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const sms = (await smsTo(to)).find((message) => message.reference === reference);
    const code = sms && /\b(\d{6,10})\b/.exec(sms.text)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no SMS with reference ${reference} to ${to} arrived`);
}

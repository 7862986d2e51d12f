import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A text message as the SMS webhook of the code authenticator posts it (keycloak-providers/README.md). */
export interface ReceivedSms {
  readonly to: string;
  readonly text: string;
  readonly reference: string;
  readonly realm: string;
  readonly receivedAt: string;
}

/**
 * The SMS sink: an HTTP server standing for the operator's SMS provider. Keycloak's code
 * authenticator posts each message to `POST /sms` (its webhook URL); tests read them back with
 * `GET /sms?to=<number>`. It keeps messages in memory for the run, like the mail sink.
 */
export interface SmsSink {
  /** The webhook URL to give Keycloak. */
  readonly webhookUrl: string;
  /** Where tests read the messages. */
  readonly url: string;
  /** The bearer token the webhook must send. */
  readonly token: string;
  stop(): Promise<void>;
}

const maxMessages = 10_000;

export async function startSmsSink(token: string, port = 0): Promise<SmsSink> {
  const messages: ReceivedSms[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://sink');
    if (request.method === 'GET' && url.pathname === '/healthz') return void response.end('ok');
    if (request.method === 'GET' && url.pathname === '/sms') {
      const to = url.searchParams.get('to');
      response.setHeader('content-type', 'application/json');
      return void response.end(JSON.stringify(to ? messages.filter((m) => m.to === to) : messages));
    }
    if (request.method !== 'POST' || url.pathname !== '/sms') return void response.writeHead(404).end();
    if (request.headers.authorization !== `Bearer ${token}`) return void response.writeHead(401).end();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<ReceivedSms>;
        if (typeof body.to !== 'string' || typeof body.text !== 'string') return void response.writeHead(400).end();
        if (messages.length >= maxMessages) messages.shift();
        messages.push({
          to: body.to,
          text: body.text,
          reference: String(body.reference ?? ''),
          realm: String(body.realm ?? ''),
          receivedAt: new Date().toISOString(),
        });
        response.writeHead(202).end();
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    webhookUrl: `${url}/sms`,
    url,
    token,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

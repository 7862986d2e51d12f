import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearerOf, type ApiCaller } from '../helpers/api.js';
import { subscribe } from '../helpers/model.js';
import { createTestOrganization, type TestOrganization } from '../helpers/organizations.js';
import { createTestMember } from '../helpers/people.js';
import { serviceAccessToken } from '../helpers/service-credentials.js';
import { database, stack } from '../helpers/stack.js';
import { seeded, type Seeded } from '../harness/seeded.js';

/**
 * Issue 15 item 4: the API fuzzed from its own OpenAPI document. Every operation is called by
 * callers of every standing (a legal representative and a member of A, a manager of B, a service,
 * nobody) with generated path ids, query strings and bodies — valid ones from the schemas, and
 * mutated or hostile ones (fields left out, unknown fields, wrong types, huge numbers, deep
 * nesting, NUL bytes, confusable letters, SQL and header injection). Whatever is sent: never a
 * 5xx; every refusal is the documented problem+json; an unknown field is never accepted; a person
 * of A never gets an answer about B; a refused request writes no audit entry. The console's
 * back-end routes and public pages get hostile query strings too. `npm test` sends `FUZZ_REQUESTS`
 * (2,000); `npm run test:fuzz` 50,000. `FUZZ_SEED` replays a run (the seed is printed).
 */

const requestCount = Number(process.env.FUZZ_REQUESTS ?? 2000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

type Schema = Record<string, unknown>;
interface Operation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly body?: Schema | undefined;
  readonly query: Record<string, Schema>;
}

type Draw = Seeded;

const hostileStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  "'; DROP TABLE person; --",
  "' OR '1'='1",
  '" OR ""="',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  'x\r\nSet-Cookie: procura_session=stolen',
  '../../etc/passwd',
  '%00',
  'раураl',
  'ＣＨＥ-１２３',
  'ﬁle',
  '\u202e',
  '😀'.repeat(50),
  'é'.repeat(300),
  'A'.repeat(5000),
  'null',
  'true',
  '1e309',
  '-0',
  'CHE-123.456.788',
  '2026-02-30',
  '9999-12-31',
  'contact@',
  '@x',
  'a@b',
  '__proto__',
  'constructor',
];
const hostileValues: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
  [],
  [null],
  {},
  { $gt: '' },
  { __proto__: { polluted: true } },
  ...hostileStrings,
  nested(60),
  Array.from({ length: 2000 }, (_, i) => i),
];
function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A value the schema accepts (mostly): the generator's "valid" side. */
function valid(schema: Schema | undefined, draw: Draw, depth = 0): unknown {
  if (!schema || depth > 6) return 'x';
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return draw.pick(schema.enum);
  for (const key of ['oneOf', 'anyOf'] as const)
    if (Array.isArray(schema[key])) return valid({ ...schema, [key]: undefined, ...draw.pick(schema[key] as Schema[]) }, draw, depth + 1);
  const type = Array.isArray(schema.type) ? draw.pick((schema.type as string[]).filter((t) => t !== 'null')) : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required ?? []) as string[]);
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) if (required.has(name) || draw.chance(0.5)) out[name] = valid(property, draw, depth + 1);
      return out;
    }
    case 'array': {
      const min = Number(schema.minItems ?? 0);
      const length = min + draw.int(Math.min(3, Number(schema.maxItems ?? 3) - min + 1));
      return Array.from({ length }, () => valid(schema.items as Schema, draw, depth + 1));
    }
    case 'integer':
      return Number(schema.minimum ?? 0) + draw.int(5);
    case 'number':
      return Number(schema.minimum ?? 0) + draw.next();
    case 'boolean':
      return draw.chance(0.5);
    case 'string': {
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date') return '2027-01-15';
      if (schema.format === 'email' || /email/i.test(typeof schema.description === 'string' ? schema.description : ''))
        return `fuzz-${draw.int(1e6)}@example.test`;
      const max = Number(schema.maxLength ?? 20);
      return 'Fuzz é'.slice(0, Math.max(Number(schema.minLength ?? 1), Math.min(6, max)));
    }
    default:
      return 'x';
  }
}

/**
 * One to three mutations of a valid body: a field left out, made hostile, or an unknown one added;
 * `unknownField`: the body sent holds a top-level field its schema does not know.
 */
function mutate(body: unknown, schema: Schema, draw: Draw): { body: unknown; unknownField: boolean } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { body: draw.pick(hostileValues), unknownField: false };
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (let i = 0, n = 1 + draw.int(3); i < n; i++) {
    const keys = Object.keys(out);
    const roll = draw.int(3);
    if (roll === 0 && keys.length > 0) delete out[draw.pick(keys)];
    else if (roll === 1 && keys.length > 0) out[draw.pick(keys)] = draw.pick(hostileValues);
    else out[draw.pick(['injected', 'status', 'role', 'organizationId', 'personId', 'isOperator', 'createdAt'])] = draw.pick(hostileValues);
  }
  const known = new Set(Object.keys(schema.properties ?? {}));
  return { body: out, unknownField: schema.additionalProperties === false && Object.keys(out).some((key) => !known.has(key)) };
}

let operations: Operation[];
let a: TestOrganization;
let b: TestOrganization;
let callers: Array<{ name: string; caller: ApiCaller; of?: 'a' | 'b' }>;

beforeAll(async () => {
  const document = (await (await fetch(`${stack().publicUrl}/api/v1/openapi.json`)).json()) as {
    paths: Record<
      string,
      Record<
        string,
        { operationId: string; parameters?: Array<{ name: string; in: string; schema: Schema }>; requestBody?: { content: Record<string, { schema: Schema }> } }
      >
    >;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      operationId: op.operationId,
      method,
      path,
      ...(op.requestBody ? { body: op.requestBody.content['application/json']?.schema } : {}),
      query: Object.fromEntries((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
    })),
  );
  [a, b] = await Promise.all([createTestOrganization({ legalName: 'Fuzz A SA' }), createTestOrganization({ legalName: 'Fuzz B SA' })]);
  await subscribe(a.id, 'employer-inbox');
  const [rep, member, other] = await Promise.all([
    createTestMember(a.id, 'legal_representative', 'fuzz-rep'),
    createTestMember(a.id, 'member', 'fuzz-mem'),
    createTestMember(b.id, 'manager', 'fuzz-b'),
  ]);
  // A second manager keeps A managed while the fuzzer demotes and removes people.
  await createTestMember(a.id, 'legal_representative', 'fuzz-rep2');
  callers = [
    { name: 'A representative', caller: await bearerOf(rep), of: 'a' },
    { name: 'A member', caller: await bearerOf(member), of: 'a' },
    { name: 'B manager', caller: await bearerOf(other), of: 'b' },
    { name: 'service', caller: { bearer: await serviceAccessToken('employer-inbox') } },
    { name: 'nobody', caller: 'anonymous' },
  ];
}, 180_000);

async function send(caller: ApiCaller, method: string, url: string, body: unknown): Promise<{ status: number; type: string; text: string }> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (caller !== 'anonymous' && 'bearer' in caller) headers.authorization = `Bearer ${caller.bearer}`;
  const response = await fetch(url, {
    method: method.toUpperCase(),
    headers,
    redirect: 'manual',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

async function auditCount(): Promise<number> {
  const { rows } = await database().query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entry WHERE organization_id = ANY($1::uuid[])', [[a.id, b.id]]);
  return rows[0]!.n;
}

describe('issue 15 item 4: the API fuzzed from its OpenAPI document', () => {
  it(
    `${requestCount} generated requests over every operation: no 5xx, problem+json refusals, no unknown field accepted, nothing of B for A, no audit entry for a refusal (seed ${seed})`,
    async () => {
      const draw = seeded(seed);
      const failures: string[] = [];
      const tally = new Map<string, number>();
      for (let i = 0; i < requestCount && failures.length < 20; i++) {
        const op = draw.pick(operations);
        const who = draw.pick(callers);
        const ids = { a: a.id, b: b.id };
        const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
          if (name === 'orgId')
            return draw.chance(0.7) ? ids[who.of ?? 'a'] : draw.pick([ids.a, ids.b, randomUUID(), 'not-a-uuid', '%27%20OR%201%3D1', '..%2F..', '%00']);
          return draw.chance(0.8) ? randomUUID() : draw.pick(['not-a-uuid', '0', '%00', '%27--', 'a'.repeat(300)]);
        });
        const query = Object.entries(op.query)
          .filter(() => draw.chance(0.5))
          .map(([name, schema]): [string, string] => [name, draw.chance(0.6) ? String(valid(schema, draw)) : String(draw.pick(hostileStrings))]);
        const url = `${stack().publicUrl}/api/v1${path}${query.length ? `?${new URLSearchParams(query).toString()}` : ''}`;
        const generated = op.body ? valid(op.body, draw) : undefined;
        const { body, unknownField } = op.body && draw.chance(0.6) ? mutate(generated, op.body, draw) : { body: generated, unknownField: false };
        const writes = op.method !== 'get';
        const before = writes ? await auditCount() : 0;
        const answer = await send(who.caller, op.method, url, body);
        const what = `${op.operationId} as ${who.name}: ${op.method.toUpperCase()} ${url.replace(stack().publicUrl, '')} ${JSON.stringify(body)?.slice(0, 300)} → ${answer.status} ${answer.text.slice(0, 300)}`;
        tally.set(`${answer.status}`, (tally.get(`${answer.status}`) ?? 0) + 1);
        if (answer.status >= 500) failures.push(`5xx: ${what}`);
        else if (answer.status >= 400) {
          const problem = (() => {
            try {
              return JSON.parse(answer.text) as { code?: unknown; messages?: { fr?: unknown; en?: unknown } };
            } catch {
              return undefined;
            }
          })();
          if (
            !answer.type.includes('application/problem+json') ||
            typeof problem?.code !== 'string' ||
            typeof problem.messages?.fr !== 'string' ||
            typeof problem.messages?.en !== 'string'
          )
            failures.push(`not problem+json: ${what}`);
          if (writes && (await auditCount()) !== before) failures.push(`a refusal wrote an audit entry: ${what}`);
        } else {
          if (unknownField) failures.push(`unknown field accepted: ${what}`);
          if (who.of === 'a' && path.includes(b.id)) failures.push(`A got an answer about B: ${what}`);
          if (who.of === 'a' && (answer.text.includes(b.id) || answer.text.includes(b.identifier))) failures.push(`B's id in an answer to A: ${what}`);
        }
      }
      console.log(
        `issue 15 item 4 (seed ${seed}): ${requestCount} requests over ${operations.length} operations; statuses: ${[...tally]
          .sort()
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
      );
      expect(failures).toEqual([]);
    },
    Math.max(300_000, requestCount * 100),
  );

  it("the console's back-end routes and public pages with hostile query strings: never a 5xx", async () => {
    const draw = seeded(seed + 1);
    const failures: string[] = [];
    const pages = ['/auth/login', '/auth/callback', '/support', '/sign-up', '/recovery', '/invitation', '/email-change', '/', '/healthz'];
    for (let i = 0; i < 200; i++) {
      const page = draw.pick(pages);
      const query = new URLSearchParams(
        Object.fromEntries([['returnTo', 'state', 'code', 'lang', 'action', 'fresh', 'error'][draw.int(7)]!].map((name) => [name, draw.pick(hostileStrings)])),
      );
      const answer = await send('anonymous', 'get', `${stack().publicUrl}${page}?${query.toString()}`, undefined);
      if (answer.status >= 500) failures.push(`${page}?${query.toString()} → ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });
});

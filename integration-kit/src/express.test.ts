import { describe, expect, it } from 'vitest';
import { ProcuraAccess } from './access.js';
import type { OrganizationClaims } from './claims.js';
import type { Decision, DecisionQuestion } from './decisions.js';
import { ProcuraKitError } from './errors.js';
import { procuraKit, type ResponseLike } from './express.js';

/** R29: the kit's middleware, with a stand-in verifier and decision endpoint (the real ones: verify.test.ts, test/integration/express-kit.test.ts). */

interface Answer {
  status: number;
  body?: { code: string };
  passed: boolean;
}

function fakeResponse(answer: Answer): ResponseLike {
  const response: ResponseLike = {
    status(code) {
      answer.status = code;
      return this;
    },
    set() {
      return this;
    },
    type() {
      return this;
    },
    json(body) {
      answer.body = body as { code: string };
      return this;
    },
  };
  return response;
}

async function run(
  kit: ReturnType<typeof procuraKit>,
  steps: Array<ReturnType<ReturnType<typeof procuraKit>['authenticate']>>,
  headers: Record<string, string> = { authorization: 'Bearer good' },
): Promise<Answer> {
  const request = { headers };
  const answer: Answer = { status: 200, passed: false };
  for (const step of steps) {
    const next = await new Promise<boolean>((resolve) => {
      const response = fakeResponse(answer);
      const json = response.json.bind(response);
      response.json = (body) => {
        json(body);
        resolve(false);
        return response;
      };
      step(request, response, (error) => {
        if (error) throw error as Error;
        resolve(true);
      });
    });
    if (!next) return answer;
  }
  return { ...answer, passed: true };
}

const claims: OrganizationClaims = { organizations: { CHE123456788: { rights: ['read'] } }, organizations_complete: true };

function kitWith(options: { claims?: OrganizationClaims; decision?: Decision } = {}) {
  const asked: DecisionQuestion[] = [];
  const kit = procuraKit({
    issuer: 'https://keycloak.example/realms/procura',
    audience: 'svc-employer-inbox',
    verifier: async (token) => {
      if (token !== 'good') throw new ProcuraKitError('token.bad_signature', 'bad');
      return new ProcuraAccess({ sub: 'person-1', exp: 9e9 }, options.claims ?? claims);
    },
    decisions: async (question) => {
      asked.push(question);
      return options.decision ?? { allowed: false, reason: 'no_right' };
    },
  });
  return { kit, asked };
}

const read = (organization: string, confirm = false) => ({ right: 'read', organization: () => organization, confirm });

describe('R29: procuraKit middleware', () => {
  it('401 without a token or with a refused one; the holder passes; another organization is 403', async () => {
    const { kit } = kitWith();
    expect(await run(kit, [kit.authenticate()], {})).toMatchObject({ status: 401, body: { code: 'token.missing' } });
    expect(await run(kit, [kit.authenticate()], { authorization: 'Bearer bad' })).toMatchObject({ status: 401, body: { code: 'token.bad_signature' } });
    expect(await run(kit, [kit.authenticate(), kit.requireRight(read('CHE123456788'))])).toMatchObject({ passed: true });
    expect(await run(kit, [kit.authenticate(), kit.requireRight(read('CHE999999996'))])).toMatchObject({ status: 403, body: { code: 'right.refused' } });
  });

  it("ASVS V8.3.2: a sensitive action confirms the token's yes with the decision endpoint, which may say no", async () => {
    const { kit, asked } = kitWith();
    expect(await run(kit, [kit.authenticate(), kit.requireRight(read('CHE123456788', true))])).toMatchObject({ status: 403 });
    expect(asked).toEqual([{ person: { subject: 'person-1' }, organization: 'CHE123456788', right: 'read' }]);
  });

  it('a token that cannot tell (incomplete) asks the decision endpoint; a complete one does not', async () => {
    const cut = kitWith({ claims: { organizations: {}, organizations_complete: false }, decision: { allowed: true, reason: 'mandate', via: 'CHE234567895' } });
    expect(await run(cut.kit, [cut.kit.authenticate(), cut.kit.requireRight(read('73282931200014'))])).toMatchObject({ passed: true });
    expect(cut.asked).toHaveLength(1);
    const whole = kitWith({ decision: { allowed: true, reason: 'membership', scope: 'organization' } });
    expect(await run(whole.kit, [whole.kit.authenticate(), whole.kit.requireRight(read('73282931200014', true))])).toMatchObject({ status: 403 });
    expect(whole.asked).toHaveLength(0);
  });
});

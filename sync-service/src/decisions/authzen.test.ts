import { describe, expect, it } from 'vitest';
import { compile } from '../http/schemas.js';
import { AppError } from '../errors.js';
import { evaluateAll, evaluationsRequestSchema, questionOf, type EvaluationsRequest } from './authzen.js';
import type { DecisionAnswer, DecisionQuestion } from './schemas.js';

/** Issue 21 item 3: the AuthZEN 4-tuples as the decision endpoint's questions, and the spec's evaluations semantics. */

const organization = '77000042';
const alice = { type: 'user', id: 'alice@acmecorp.com' } as const;

/** Answers yes for the documents (units) whose id starts with `yes`, no otherwise; records what was asked. */
function stub(): { asked: DecisionQuestion[]; ask: (q: DecisionQuestion) => Promise<DecisionAnswer> } {
  const asked: DecisionQuestion[] = [];
  return {
    asked,
    ask: (question) => {
      asked.push(question);
      if (question.right === 'unknown')
        return Promise.reject(new AppError('decision.unknown_right', 422, { fr: 'Droit inconnu.', en: 'Right unknown.' }, { field: 'right' }));
      return Promise.resolve(
        question.unit?.startsWith('yes') ? { allowed: true, reason: 'membership', scope: 'unit' } : { allowed: false, reason: 'no_right' },
      );
    },
  };
}

const unit = (id: string) => ({ type: 'unit', id, properties: { organization } }) as const;

describe('AuthZEN: a 4-tuple is a question of the decision endpoint', () => {
  it('a user is named by the sub of their tokens or by their e-mail; an organization or a unit is the resource; the action is the right', () => {
    expect(
      questionOf({
        subject: { type: 'user', id: 'f3b0c1d2-0000-4000-8000-000000000001' },
        action: { name: 'read' },
        resource: { type: 'organization', id: organization },
      }),
    ).toEqual({ subject: 'f3b0c1d2-0000-4000-8000-000000000001', organization, right: 'read' });
    expect(questionOf({ subject: alice, action: { name: 'archive', properties: { service: 'contributions', method: 'GET' } }, resource: unit('b1') })).toEqual({
      email: 'alice@acmecorp.com',
      organization,
      unit: 'b1',
      right: 'archive',
      service: 'contributions',
    });
  });

  it('a unit without its organization, or a property of the wrong type, is refused with the field at fault', () => {
    const refusal = (tuple: Parameters<typeof questionOf>[0]): AppError => {
      try {
        questionOf(tuple);
      } catch (error) {
        return error as AppError;
      }
      throw new Error('accepted');
    };
    expect(refusal({ subject: alice, action: { name: 'read' }, resource: { type: 'unit', id: 'b1' } })).toMatchObject({
      status: 422,
      field: '/resource/properties/organization',
    });
    expect(
      refusal({ subject: alice, action: { name: 'read', properties: { service: 7 } }, resource: { type: 'organization', id: organization } }),
    ).toMatchObject({ status: 422, field: '/action/properties/service' });
  });

  it("the request schema takes the specification's shape and refuses another resource type", () => {
    const validate = compile(evaluationsRequestSchema, 'body');
    expect(validate({ subject: alice, context: { time: '2024-05-31T15:22-07:00' }, action: { name: 'read' }, evaluations: [{ resource: unit('b1') }] })).toBe(
      true,
    );
    expect(validate({ subject: alice, action: { name: 'read' }, resource: { type: 'book', id: '123' } })).toBe(false);
  });
});

describe("AuthZEN: Access Evaluations (the specification's examples, on units)", () => {
  const request = (semantic?: string): EvaluationsRequest => ({
    subject: alice,
    action: { name: 'read' },
    ...(semantic ? { options: { evaluations_semantic: semantic } } : {}),
    evaluations: [{ resource: unit('yes-1') }, { resource: unit('no-2') }, { resource: unit('yes-3') }],
  });

  it('execute_all (the default) answers every evaluation, in order', async () => {
    const { ask } = stub();
    const all = await evaluateAll(request(), ask);
    expect(all.evaluations.map((e) => e.decision)).toEqual([true, false, true]);
    expect(all.evaluations[1]).toEqual({ decision: false, context: { reason: 'no_right' } });
    expect((await evaluateAll(request('execute_all'), ask)).evaluations).toHaveLength(3);
  });

  it('deny_on_first_deny stops at the first denial; permit_on_first_permit at the first permit', async () => {
    const denying = stub();
    expect((await evaluateAll(request('deny_on_first_deny'), denying.ask)).evaluations.map((e) => e.decision)).toEqual([true, false]);
    expect(denying.asked).toHaveLength(2);
    const permitting = stub();
    expect((await evaluateAll(request('permit_on_first_permit'), permitting.ask)).evaluations.map((e) => e.decision)).toEqual([true]);
    expect(permitting.asked).toHaveLength(1);
  });

  it("defaults are overridden by an evaluation's own keys", async () => {
    const { ask, asked } = stub();
    await evaluateAll(
      { subject: alice, action: { name: 'read' }, evaluations: [{ resource: unit('yes-1') }, { action: { name: 'archive' }, resource: unit('yes-2') }] },
      ask,
    );
    expect(asked.map((q) => q.right)).toEqual(['read', 'archive']);
    expect(asked.every((q) => q.email === 'alice@acmecorp.com')).toBe(true);
  });

  it('an evaluation that cannot be asked is denied with its error; the others are answered', async () => {
    const { ask } = stub();
    const answer = await evaluateAll(
      {
        subject: alice,
        evaluations: [
          { action: { name: 'unknown' }, resource: unit('yes-1') },
          { action: { name: 'read' }, resource: unit('yes-2') },
          { resource: unit('yes-3') },
        ],
      },
      ask,
    );
    expect(answer.evaluations[0]).toEqual({
      decision: false,
      context: { error: { status: 422, code: 'decision.unknown_right', message: 'Right unknown.', message_fr: 'Droit inconnu.', field: '/right' } },
    });
    expect(answer.evaluations[1]?.decision).toBe(true);
    expect(answer.evaluations[2]).toMatchObject({ decision: false, context: { error: { status: 422, field: '/evaluations/2/action' } } });
  });

  it('without evaluations the request is one evaluation; an unknown semantic is refused', async () => {
    const { ask } = stub();
    expect(await evaluateAll({ subject: alice, action: { name: 'read' }, resource: unit('yes-1') }, ask)).toEqual({
      evaluations: [{ decision: true, context: { reason: 'membership', scope: 'unit' } }],
    });
    await expect(evaluateAll({ ...request(), options: { evaluations_semantic: 'first_come' } }, ask)).rejects.toMatchObject({
      status: 422,
      field: '/options/evaluations_semantic',
    });
  });

  it('a failure of the store fails the whole request, never a silent denial', async () => {
    const failing = (): Promise<DecisionAnswer> => Promise.reject(new Error('connection terminated'));
    await expect(evaluateAll(request(), failing)).rejects.toThrow('connection terminated');
  });
});

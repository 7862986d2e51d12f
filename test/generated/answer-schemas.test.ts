import { describe, expect, it } from 'vitest';
import { refusedAnswer } from '../helpers/answer-schemas.js';

const me = {
  person: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', email: 'lea@example.test', givenName: 'Léa', familyName: 'Favre' },
  organizations: [],
  clients: [],
  operator: false,
};
const problem = {
  type: 'urn:procura:problem:auth.required',
  title: 'Sign-in required.',
  status: 401,
  code: 'auth.required',
  messages: { fr: 'Connexion requise.', en: 'Sign-in required.' },
};

describe("issue 20 item 4: a test's answer in place of the API is one the server could send", () => {
  it('takes an answer of the response schema, and a problem of a documented status', () => {
    expect(refusedAnswer('GET', '/me', 200, me)).toBeUndefined();
    expect(refusedAnswer('GET', '/me', 401, problem)).toBeUndefined();
    expect(refusedAnswer('GET', '/me', 503, { ...problem, status: 503 })).toBeUndefined();
  });

  it('refuses a field the schema requires left out, naming the path and the field (R31: operator)', () => {
    const { operator: _, ...withoutOperator } = me;
    expect(refusedAnswer('GET', '/me', 200, withoutOperator)).toBe("GET /api/v1/me 200 (getMe): body must have required property 'operator'");
  });

  it('refuses a success status the operation never gives, a body where it gives none, and a path the API lacks', () => {
    expect(refusedAnswer('POST', '/organizations/o-1/invitations', 200, {})).toMatch(/inviteMember never answers 200 \(it answers 201/);
    expect(refusedAnswer('DELETE', '/organizations/o-1/invitations/i-1', 204, { done: true })).toMatch(/answers 204 with no body/);
    expect(refusedAnswer('GET', '/organisations', 200, [])).toMatch(/no operation of the API/);
  });

  it('refuses a problem without the envelope the server always sends', () => {
    expect(refusedAnswer('GET', '/me', 401, { code: 'auth.required', messages: problem.messages })).toMatch(/required property 'type'/);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError, KeycloakConflict, KeycloakNotFound, KeycloakUnavailable, ProjectionChangedMeanwhile } from '../errors.js';
import { apiRoutes } from '../api.js';
import { openApiDocument } from '../openapi.js';
import { TooManyRequests } from '../http/rate-limit.js';
import { InputRefused } from '../http/validate.js';
import { accessErrors } from './access.js';
import { auditErrors } from './audit.js';
import { catalogue, entryOf, errorCodes, type ErrorCode } from './catalogue.js';
import { codesInSource } from './codes-in-source.js';
import { identifierErrors } from './identifiers.js';
import { invitationsErrors } from './invitations.js';
import { mandatesErrors } from './mandates.js';
import { organizationsErrors } from './organizations.js';
import { peopleErrors } from './people.js';
import { platformErrors } from './platform.js';
import { refuse } from './refuse.js';

interface Operation {
  readonly operationId: string;
  readonly responses: Readonly<Record<string, unknown>>;
}

const operations = (): Operation[] =>
  Object.values((openApiDocument(apiRoutes) as { paths: Record<string, Record<string, Operation>> }).paths).flatMap((path) => Object.values(path));

// Reading the whole source with the compiler takes a few seconds: once for the file.
const source = codesInSource();

describe('issue 20 item 5: the catalogue of error codes', () => {
  it("holds each code once: no part of it repeats another part's code", () => {
    const parts = [accessErrors, platformErrors, organizationsErrors, identifierErrors, peopleErrors, invitationsErrors, mandatesErrors, auditErrors];
    expect(parts.reduce((count, part) => count + Object.keys(part).length, 0)).toBe(errorCodes.length);
  });

  it('every code of the catalogue is made somewhere in the source (none is left over)', () => {
    expect(errorCodes.filter((code) => !source.used.has(code))).toEqual([]);
  });

  it('no error writes its own messages: they come from the catalogue, or from the error they rewrap', () => {
    expect(source.writtenMessages).toEqual([]);
  });

  it('every route documents the status of each code its handler can answer with', () => {
    const missing = operations().flatMap((operation) =>
      [...(source.byRoute.get(operation.operationId) ?? [])]
        .filter((code) => !(String(catalogue[code].status) in operation.responses))
        .map((code) => `${operation.operationId}: ${catalogue[code].status} ${code}`),
    );
    expect(source.byRoute.size).toBe(operations().length);
    expect(missing).toEqual([]);
  });

  it("the OpenAPI document lists every code of the catalogue, and only those, as the problem's code", () => {
    const document = openApiDocument(apiRoutes) as { components: { schemas: { Problem: { properties: { code: { enum: readonly string[] } } } } } };
    expect([...document.components.schemas.Problem.properties.code.enum].sort()).toEqual([...errorCodes].sort());
  });

  it("the error classes answer with their code's status from the catalogue", () => {
    const errors: ReadonlyArray<AppError> = [
      new KeycloakNotFound('x'),
      new KeycloakConflict('x'),
      new KeycloakUnavailable('x'),
      new ProjectionChangedMeanwhile('x'),
      new TooManyRequests(3),
      new InputRefused([]),
    ];
    expect(errors.map((error) => `${error.code} ${error.status}`)).toEqual(errors.map((error) => `${error.code} ${catalogue[error.code].status}`));
  });
});

describe("refuse: a code's error from the catalogue", () => {
  it('takes status, messages and the fixed field from the catalogue', () => {
    const error = refuse('sign_up.decided');
    expect([error.code, error.status, error.field, error.messages]).toEqual([
      'sign_up.decided',
      409,
      '/signUpId',
      { fr: 'Cette inscription est déjà décidée.', en: 'This sign-up was decided already.' },
    ]);
  });

  it('names the field the call site gives when the catalogue fixes none, and keeps the cause', () => {
    const cause = new Error('pg');
    const error = refuse('mandate.exists', { field: 'clientId', cause });
    expect([error.status, error.field, error.cause]).toEqual([409, '/clientId', cause]);
  });

  it("fills a message's values from its typed parameters, then the options", () => {
    const error = refuse('unit.name_taken', { name: 'Lausanne' }, { field: 'units/0/name' });
    expect(error.messages).toEqual({
      fr: 'Une unité « Lausanne » existe déjà au même niveau ; choisissez un autre nom (par exemple avec la ville).',
      en: 'A unit "Lausanne" exists already at the same level; choose another name (with the town, for example).',
    });
    expect(error.field).toBe('/units/0/name');
  });

  it('keeps, under one code, the two texts the API already sent for it (which one, a parameter says)', () => {
    const said = (code: ErrorCode, params: never) => entryOf(code, params).messages.en;
    expect(said('membership.last_manager', { told: 'managers' } as never)).toMatch(/^The organization must always keep an active manager/);
    expect(said('membership.last_manager', { told: 'support' } as never)).toMatch(/^This person is the organization's last active manager/);
    expect(said('input.date', { problem: 'format' } as never)).toBe('Expected a date as YYYY-MM-DD.');
    expect(said('input.date', { problem: 'out_of_range' } as never)).toBe('Date out of range.');
  });
});

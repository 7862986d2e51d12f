import { describe, expectTypeOf, it } from 'vitest';
import { route, type PathParams } from './routes.js';

// The route declaration's path types the handler's `params` (issue 20): a handler names only the
// parameters its path has, and tsc refuses the others (this file is type-checked by `npm run check`).
describe('path parameters', () => {
  it('are read from the declared path, each a string', () => {
    expectTypeOf<PathParams<'/organizations/{orgId}/units/{unitId}'>>().toEqualTypeOf<{ readonly orgId: string } & { readonly unitId: string }>();
    expectTypeOf<PathParams<'/me'>>().toBeUnknown();
  });

  it('a handler may not read a parameter its path lacks', () => {
    route({
      operationId: 'example',
      method: 'get',
      path: '/organizations/{orgId}',
      summary: { fr: 'Exemple', en: 'Example' },
      action: 'organization.read',
      response: { status: 200 },
      handle: async ({ params }) => {
        expectTypeOf(params.orgId).toBeString();
        // @ts-expect-error the path has no {unitId}
        return params.unitId;
      },
    });
  });
});

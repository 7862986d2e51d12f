// ESLint for the TypeScript workspaces (decision 0063): typescript-eslint's strict type-checked
// rules, no import cycle between files, at most five parameters. `npm run lint`; `npm test` runs it first.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';

const tests = ['test/**/*.ts', '**/*.test.ts'];

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', '.cache/', 'keycloak-providers/', 'themes/', 'docker/', 'ops/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'console/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'import-x/no-cycle': 'error',
      'max-params': ['error', 5],
      // With noUncheckedIndexedAccess, `rows[0]!` after a count check is the house idiom; rewriting ~600 of them adds nothing.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Numbers and booleans print as a reader expects in messages and paths.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `return next()` in Express middleware and `() => send()` arrows are the idiom here; ~120 rewrites to `{ next(); return; }` add noise.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Conversions at the edge (pg rows, JSON bodies, caught errors) guard values whose declared types the outside world may not keep.
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      // `const { id: _id, ...rest } = row` is how the code leaves fields out; `_` marks what is left unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // openid-client deprecates allowInsecureRequests to discourage it; Keycloak is reached over http on the loopback in development and tests only.
      '@typescript-eslint/no-deprecated': ['error', { allow: [{ from: 'package', package: 'openid-client', name: 'allowInsecureRequests' }] }],
      // An async function that fulfils a Promise-returning signature without awaiting is fine (a throw becomes a rejection).
      '@typescript-eslint/require-await': 'off',
      // The three `delete record[key]` here drop a key from a plain record built for a request body, which is what they mean.
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
  {
    // Decision 0064: the ground floor and the HTTP toolkit import no capability (type imports included);
    // sync-service/src/layers.test.ts checks the same and the circles that import-x/no-cycle cannot see.
    files: ['sync-service/src/domain/**/*.ts', 'sync-service/src/http/**/*.ts'],
    ignores: tests,
    rules: {
      'import-x/no-restricted-paths': ['error', {
        zones: [
          { target: './sync-service/src/domain', from: './sync-service/src', except: ['./domain'], message: 'The ground floor imports only itself and libraries (decision 0064).' },
          { target: './sync-service/src/http', from: './sync-service/src', except: ['./http', './domain', './db', './errors.ts', './error-codes', './logger.ts'], message: 'http/ is a toolkit and imports no capability (decision 0064).' },
          { target: './sync-service/src/error-codes', from: './sync-service/src', except: ['./error-codes', './errors.ts', './domain', './api.ts', './openapi.ts', './routes.ts'], message: 'The catalogue of error codes imports only errors.ts and the ground floor (decisions 0064, 0067).' },
        ],
      }],
    },
  },
  {
    files: ['console/**/*.ts'],
    rules: {
      // Lit calls an element's `@event=${this.handler}` listeners with the element as `this`.
      '@typescript-eslint/unbound-method': 'off',
      // FormData's fields read here are text inputs (never a File), and String(error) is the last resort for a thrown non-Error.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: tests,
    rules: {
      // Tests read JSON answers (typed `any` by test/helpers/api.ts) and assert on them; typing each answer would repeat the schemas.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // `afterAll(() => browser?.close())` guards what a failed `beforeAll` left unassigned, which the types cannot know.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // A test's rejection handler names the error it expects; a wrong guess fails the test anyway.
      '@typescript-eslint/use-unknown-in-catch-callback-variable': 'off',
    },
  },
  // Layout is Prettier's (`npm run format`, checked by `npm run check`): the rules it owns are off.
  prettier,
);

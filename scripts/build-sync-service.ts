/**
 * `npm run build:service` (issue 18 item 4, decision 0059): the sync-service's two entry points
 * (`server.ts`, `cli.ts`) bundled by esbuild into `sync-service/dist/`, each one ES module file with
 * the project's own sources (the workspaces `@procura/*` included) inside and the npm packages left
 * to Node (`import` at run time, from node_modules). What the image runs: a start then loads one
 * file of ours instead of some 200 TypeScript files through tsx's loader (measured:
 * docs/benchmarks.md). `npm start`, the tests and the CLI from a checkout keep running the sources.
 *
 * The sources find their data beside them (`new URL('../../migrations', import.meta.url)`): in a
 * bundle `import.meta.url` is the bundle's, so each source's `import.meta.url` is rewritten into
 * its own file's URL, computed from the bundle's at run time (the tree around it is the repo's,
 * as in the image).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

// Not test/harness/paths.ts: the image runs this script with only the service's workspaces in it.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const outdir = join(repoRoot, 'sync-service/dist');

/** Each source's own `import.meta.url`, relative to the bundle so that the tree may move whole. */
const ownImportMetaUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(setup) {
    setup.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
      const fromBundle = relative(outdir, path).split('\\').join('/');
      return {
        contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`),
        loader: 'ts',
        resolveDir: dirname(path),
      };
    });
  },
};

/** npm packages stay imports (Node loads them from node_modules); the workspaces' sources are bundled. */
const packagesOutside: Plugin = {
  name: 'packages-outside',
  setup(setup) {
    setup.onResolve({ filter: /^[^./]/ }, ({ path }) => (path.startsWith('@procura/') ? undefined : { path, external: true }));
  },
};

const started = performance.now();
await build({
  entryPoints: [join(repoRoot, 'sync-service/src/server.ts'), join(repoRoot, 'sync-service/src/cli.ts')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [ownImportMetaUrl, packagesOutside],
});
console.log(`sync-service bundled into ${relative(repoRoot, outdir)}/ in ${Math.round(performance.now() - started)} ms`);

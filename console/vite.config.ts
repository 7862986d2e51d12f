import { defineConfig } from 'vite';

/**
 * Dev server on 5173 forwards the API and the login to the sync-service (PORT, default 3000). The
 * proxy presents the sync-service's own origin, so that its same-origin check on writes (Origin
 * header) accepts what the dev page sends; the browser sees one origin (5173) either way.
 * Two pages are built: the console (index.html) and the embedding example
 * (examples/embed-members.html, served at /examples/embed-members.html).
 */
const backend = `http://localhost:${process.env.PORT ?? '3000'}`;
const forward = { target: backend, headers: { origin: backend } };
// The config is type-checked with the DOM's types only (console/tsconfig.json): a URL's path, not node:url.
const page = (path: string) => decodeURIComponent(new URL(path, import.meta.url).pathname);

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: { input: { console: page('./index.html'), embed: page('./examples/embed-members.html') } },
  },
  server: { proxy: { '/api': forward, '/auth': forward, '/healthz': forward } },
});

import { defineConfig } from 'vite';

/**
 * Dev server on 5173 forwards the API and the login to the sync-service (PORT, default 3000). The
 * proxy presents the sync-service's own origin, so that its same-origin check on writes (Origin
 * header) accepts what the dev page sends; the browser sees one origin (5173) either way.
 */
const backend = `http://localhost:${process.env.PORT ?? '3000'}`;
const forward = { target: backend, headers: { origin: backend } };

export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': forward, '/auth': forward, '/healthz': forward } },
});

import { defineConfig } from 'vite';

/** Dev server on 5173 forwards the API and the login to the sync-service (PORT, default 3000). */
const backend = `http://localhost:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': backend, '/auth': backend, '/healthz': backend } },
});

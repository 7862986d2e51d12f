# Procura's sync-service image: the API and the console (console/dist, served by the sync-service).
# Build context: the repository root (see docs/docker.md). npm workspaces, lockfile installs only.

# Node.js 22, an LTS release in maintenance until April 2027 (Node 20's life ended in April 2026);
# package.json's `engines` lists the versions the project supports (docs/operations.md, Runtime).

# 1. The console: Vite build of console/ into console/dist.
FROM node:22-bookworm-slim AS console
WORKDIR /app
ENV npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# Every workspace's manifest is needed for `npm ci` to accept the lockfile, even when it installs
# only some of them.
COPY package.json package-lock.json .npmrc tsconfig.base.json ./
COPY realm-config/package.json realm-config/
COPY sync-service/package.json sync-service/
COPY console/package.json console/
COPY test/package.json test/
COPY integration-kit/package.json integration-kit/
COPY examples/employer-inbox/package.json examples/employer-inbox/
RUN npm ci --workspace console --include-workspace-root
COPY console/ console/
RUN npm run build -w console

# 2. The sync-service, bundled by esbuild (`npm run build:service`, decision 0059: one file of ours
#    to load, the start ready sooner); the npm packages stay in node_modules. tsx and esbuild are
#    devDependencies of the root package, so this stage keeps the root's devDependencies
#    (`npm ci` without --omit=dev) but installs only the workspaces the service needs:
#    sync-service and realm-config (not console's Vite, not the test harness's embedded PostgreSQL).
#    The CLI runs from the bundle too: `node sync-service/dist/cli.js worker`.
FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
COPY package.json package-lock.json .npmrc tsconfig.base.json tsconfig.json ./
COPY realm-config/package.json realm-config/
COPY sync-service/package.json sync-service/
COPY console/package.json console/
COPY test/package.json test/
COPY integration-kit/package.json integration-kit/
COPY examples/employer-inbox/package.json examples/employer-inbox/
RUN npm ci --workspace sync-service --workspace realm-config --include-workspace-root \
  && npm cache clean --force
COPY realm-config/ realm-config/
COPY sync-service/ sync-service/
COPY scripts/build-sync-service.ts scripts/
RUN npm run build:service
COPY --from=console /app/console/dist console/dist
ENV NODE_ENV=production PORT=3000 PROCURA_CONSOLE_DIR=/app/console/dist
# The metrics listener (docs/operations.md): loopback by default; in a container the scraper
# comes from outside, so it listens on every interface of the container, on a port that is not published.
ENV PROCURA_METRICS_HOST=0.0.0.0 PROCURA_METRICS_PORT=9464
USER node
EXPOSE 3000 9464
# Applies the pending migrations, then listens (sync-service/src/server.ts, bundled).
CMD ["node", "sync-service/dist/server.js"]

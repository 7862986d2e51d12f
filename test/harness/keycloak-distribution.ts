import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cacheDir, keycloakVersion, repoRoot } from './paths.js';
import { isAlive } from './processes.js';
import { run } from './run.js';

/** Build-time options: `kc.sh build` bakes them in, `kc.sh start --optimized` then starts fast. */
export const keycloakBuildOptions = [
  '--db=postgres',
  '--health-enabled=true',
  '--metrics-enabled=true',
  '--cache=local',
  '--spi-brute-force-protector--provider=procura-brute-force-detector',
];

export interface KeycloakDistribution {
  readonly version: string;
  readonly home: string;
}

type Log = (message: string) => void;

/**
 * Makes the real Keycloak server ready to start: fetched by its Maven coordinates into the cache,
 * unpacked once, with the provider JAR and the themes installed, and `kc.sh build` run only when
 * one of those inputs changed (keyed on a hash, since a build takes about 20 s).
 */
export async function prepareKeycloak(log: Log): Promise<KeycloakDistribution> {
  const version = keycloakVersion();
  const folder = join(cacheDir, 'keycloak');
  mkdirSync(folder, { recursive: true });
  return withLock(join(folder, '.lock'), log, async () => {
    const home = await unpack(folder, version, log);
    const providerJar = await buildProviders(version, log);
    const installedJar = installProviders(home, providerJar);
    installThemes(home);
    await buildWhenChanged(home, version, installedJar, log);
    return { version, home };
  });
}

async function unpack(folder: string, version: string, log: Log): Promise<string> {
  const home = join(folder, `keycloak-${version}`);
  if (existsSync(join(home, 'bin/kc.sh'))) return home;
  const tarball = join(folder, `keycloak-quarkus-dist-${version}.tar.gz`);
  if (!existsSync(tarball)) {
    log(`fetching Keycloak ${version} (org.keycloak:keycloak-quarkus-dist:${version}:tar.gz) with Maven`);
    await run('mvn', ['-B', '-q', 'dependency:copy', `-Dartifact=org.keycloak:keycloak-quarkus-dist:${version}:tar.gz`, `-DoutputDirectory=${folder}`], {
      cwd: folder,
    });
  }
  log(`unpacking Keycloak ${version}`);
  const staging = join(folder, `.unpack-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  await run('tar', ['xzf', tarball, '-C', staging]);
  renameSync(join(staging, `keycloak-${version}`), home);
  rmSync(staging, { recursive: true, force: true });
  return home;
}

const providersDir = join(repoRoot, 'keycloak-providers');

async function buildProviders(version: string, log: Log): Promise<string> {
  const jar = join(providersDir, 'target/procura-keycloak-providers.jar');
  const stamp = join(providersDir, 'target/.procura-source-hash');
  const sourceHash = hashTree(providersDir, ['pom.xml', 'src'], version);
  if (existsSync(jar) && readIfExists(stamp) === sourceHash) return jar;
  log('building the provider JAR (keycloak-providers/, Maven)');
  await run('mvn', ['-B', '-q', `-Dkeycloak.version=${version}`, 'package'], { cwd: providersDir });
  writeFileSync(stamp, sourceHash);
  return jar;
}

/** Copies the JAR only when it changed: Keycloak compares provider files with its last build. */
function installProviders(home: string, providerJar: string): string {
  const installed = join(home, 'providers', 'procura-keycloak-providers.jar');
  const fresh = readFileSync(providerJar);
  if (!existsSync(installed) || !fresh.equals(readFileSync(installed))) writeFileSync(installed, fresh);
  return installed;
}

function installThemes(home: string): void {
  const source = join(repoRoot, 'themes/procura');
  const target = join(home, 'themes/procura');
  rmSync(target, { recursive: true, force: true });
  if (existsSync(source)) cpSync(source, target, { recursive: true });
}

/** The hash covers what is installed in the distribution, so the build stamp always matches it. */
async function buildWhenChanged(home: string, version: string, installedJar: string, log: Log): Promise<void> {
  const stampFile = join(home, '.procura-build-hash');
  const hash = createHash('sha256')
    .update(version)
    .update(keycloakBuildOptions.join(' '))
    .update(readFileSync(installedJar))
    .update(hashTree(repoRoot, ['themes/procura'], ''))
    .digest('hex');
  if (readIfExists(stampFile) === hash) return;
  log(`running kc.sh build (${keycloakBuildOptions.join(' ')}): its inputs changed`);
  await run(join(home, 'bin/kc.sh'), ['build', ...keycloakBuildOptions], { cwd: home });
  writeFileSync(stampFile, hash);
}

/** A hash of every file's path and content under the given entries of `root`. */
function hashTree(root: string, entries: string[], seed: string): string {
  const hash = createHash('sha256').update(seed);
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
      return;
    }
    hash.update(relative(root, path)).update(readFileSync(path));
  };
  for (const entry of entries) visit(join(root, entry));
  return hash.digest('hex');
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** A lock folder, so that `npm start` and `npm test` started together do not build at once. */
async function withLock<T>(lock: string, log: Log, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (isStale(lock)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lock} is held by another run; remove it if no other run is going on`);
      log('waiting for another run that prepares Keycloak');
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  writeFileSync(join(lock, 'pid'), String(process.pid));
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function isStale(lock: string): boolean {
  const pid = Number(readIfExists(join(lock, 'pid')));
  if (!pid) return Date.now() - statSync(lock).mtimeMs > 60_000;
  return !isAlive(pid);
}

/**
 * Issue 18: a second copy of the prepared distribution, built with `--cache=ispn` (Infinispan
 * clustered, discovery by Keycloak's default `jdbc-ping` stack through the shared database), for
 * `npm run cluster` and `npm run test:cluster`; the tests' single node (`--cache=local`) stays
 * as it is. Rebuilt when the single-node copy was.
 */
export const keycloakClusterBuildOptions = keycloakBuildOptions.map((option) => (option === '--cache=local' ? '--cache=ispn' : option));

export async function prepareClusterKeycloak(log: Log): Promise<KeycloakDistribution> {
  const single = await prepareKeycloak(log);
  const folder = join(cacheDir, 'keycloak-cluster');
  return withLock(join(cacheDir, 'keycloak-cluster.lock'), log, async () => {
    const home = join(folder, `keycloak-${single.version}`);
    const wanted = `${readIfExists(join(single.home, '.procura-build-hash')) ?? ''} ${keycloakClusterBuildOptions.join(' ')}`;
    const stampFile = join(home, '.procura-cluster-build');
    if (readIfExists(stampFile) === wanted) return { version: single.version, home };
    log('copying Keycloak for the cluster (.cache/keycloak-cluster) and running kc.sh build --cache=ispn');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    cpSync(single.home, home, { recursive: true });
    await run(join(home, 'bin/kc.sh'), ['build', ...keycloakClusterBuildOptions], { cwd: home });
    writeFileSync(stampFile, wanted);
    return { version: single.version, home };
  });
}

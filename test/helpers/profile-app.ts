import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile, type Profile } from '@procura/sync-service/profile/profile';
import type { ApiAnswer, ApiCaller } from './api.js';
import { repoRoot } from '../harness/paths.js';
import { startOwnApp, type OwnApp } from './own-app.js';

/** The default profile (`sync-service/profiles/procura.json`) as JSON to change. */
type ProfileJson = Record<string, any>;

export interface ProfileApp extends OwnApp {
  /** The profile the app serves under, as `portal()` reads it (for `withPortal` around a job). */
  readonly profile: Profile;
  /** Calls the app's API as `caller` (a bearer, or nobody), as `callApi` calls the run's. */
  call(caller: ApiCaller, method: string, path: string, body?: unknown): Promise<ApiAnswer>;
}

/**
 * Issue 17: the default profile with `change` made to it, in a file of its own: the path to give
 * PROCURA_PROFILE.
 */
export function profileFileWith(change: (profile: ProfileJson) => void): string {
  const profile = JSON.parse(readFileSync(join(repoRoot, 'sync-service/profiles/procura.json'), 'utf8')) as ProfileJson;
  change(profile);
  delete profile.$schema;
  const file = join(mkdtempSync(join(tmpdir(), 'procura-profile-')), `${String(profile.id)}.json`);
  writeFileSync(file, JSON.stringify(profile, null, 2));
  return file;
}

/** An app of the test's own serving under the default profile with `change` made to it. */
export async function startProfileApp(change: (profile: ProfileJson) => void): Promise<ProfileApp> {
  const file = profileFileWith(change);
  const app = await startOwnApp({ PROCURA_PROFILE: file });
  const call = (caller: ApiCaller, method: string, path: string, body?: unknown): Promise<ApiAnswer> => callAt(app.base, caller, method, path, body);
  return { ...app, profile: loadProfile({ PROCURA_PROFILE: file }), call };
}

/** Calls the API at `base` (an app of the test's own) as `caller`, a bearer or nobody, as `callApi` calls the run's. */
export async function callAt(base: string, caller: ApiCaller, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (caller !== 'anonymous' && 'bearer' in caller) headers.authorization = `Bearer ${caller.bearer}`;
  if (caller !== 'anonymous' && 'session' in caller) throw new Error("an app of the test's own is called with a bearer token");
  const response = await fetch(`${base}${path}`, { method: method.toUpperCase(), headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  return { status: response.status, body: text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text || undefined };
}

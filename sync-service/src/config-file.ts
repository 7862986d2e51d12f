import { readFileSync } from 'node:fs';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * A JSON configuration file: the one the variable `variable` names, else `defaultFile` (in
 * `sync-service/config/`), parsed by `parse` (which throws naming the file and what is wrong) and
 * read once per process.
 */
export function jsonConfig<T>(variable: string, defaultFile: URL, parse: (value: unknown, source: string) => T): (env?: Environment) => T {
  let loaded: T | undefined;
  return (env = process.env) => {
    if (loaded !== undefined) return loaded;
    const file = env[variable] ?? defaultFile;
    loaded = parse(JSON.parse(readFileSync(file, 'utf8')) as unknown, String(file));
    return loaded;
  };
}

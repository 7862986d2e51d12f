#!/usr/bin/env -S npx tsx
import { migrate } from './db/migrate.js';

/** `sync-service <command>`: operations run by hand or by scripts. */
const [command] = process.argv.slice(2);
const usage = 'usage: sync-service migrate   (DATABASE_URL must be set)';

switch (command) {
  case 'migrate': {
    const url = process.env.DATABASE_URL;
    if (!url) {
      console.error('DATABASE_URL is required');
      process.exit(2);
    }
    const applied = await migrate(url);
    console.log(applied.length === 0 ? 'schema up to date' : `applied: ${applied.map((m) => `${m.version}_${m.name}`).join(', ')}`);
    break;
  }
  default:
    console.error(usage);
    process.exit(2);
}

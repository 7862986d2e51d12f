/** `npm run generate -w realm-config`: writes realm/procura-realm.json from base-realm.json and services.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateRealm, realmFile } from './index.js';

mkdirSync(dirname(realmFile), { recursive: true });
writeFileSync(realmFile, `${JSON.stringify(generateRealm(), null, 2)}\n`);
console.log(`wrote ${realmFile}`);

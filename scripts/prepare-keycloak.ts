/**
 * `npm run keycloak:prepare`: fetches the pinned Keycloak distribution into `.cache/`, builds and
 * installs the provider JAR and the themes, and runs `kc.sh build` when they changed. `npm start`
 * and `npm test` do the same by themselves; this is for warming a cache or checking a change.
 */
import { prepareKeycloak } from '../test/harness/keycloak-distribution.js';

const distribution = await prepareKeycloak((message) => console.log(`[keycloak] ${message}`));
console.log(`Keycloak ${distribution.version} ready in ${distribution.home}`);

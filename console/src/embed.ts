/**
 * The console's components for another application's page, without the console's shell (issue 6):
 * importing this bundle defines the custom elements below; each calls the API same-origin with the
 * session cookie, so the page must be served under the console's origin. Example:
 * `examples/embed-members.html` (console/README.md, "Embedding").
 */
import { restoreLanguage } from './i18n/localization.js';
import { loadPortal } from './portal/portal.js';
import './components/language-switch/language-switch.js';
import './components/members-list/members-list.js';
import './components/services-catalogue/services-catalogue.js';
import './components/units-tree/units-tree.js';
import './components/invitations-list/invitations-list.js';
import './components/audit-log/audit-log.js';

void restoreLanguage();
void loadPortal();

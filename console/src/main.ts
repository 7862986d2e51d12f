import { restoreLanguage } from './i18n/localization.js';
import { loadPortal } from './portal/portal.js';
import { publicPageAt } from './router/public-pages.js';
import './components/support-footer/support-footer.js';

void restoreLanguage();
// Issue 17: the portal's name, colours and words; the screens re-render when it answers.
void loadPortal();

// An e-mailed link's page (no login) takes the shell's place; anywhere else, the console.
const page = publicPageAt(location.pathname);
if (page) {
  document.querySelector('procura-app')?.replaceWith(document.createElement(page.tag));
  void page.load();
} else {
  void import('./components/procura-app/procura-app.js');
}

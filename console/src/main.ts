import { restoreLanguage } from './i18n/localization.js';
import './components/procura-app/procura-app.js';

void restoreLanguage();

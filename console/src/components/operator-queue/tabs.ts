import { html } from 'lit';
import { msg } from '@lit/localize';

/** The back office's two pages: the requests to decide (R31) and the support desk (issue 16 item 6). */
export function operatorTabs(current: 'queue' | 'support') {
  const tab = (href: string, page: 'queue' | 'support', label: string) =>
    html`<a href=${href} aria-current=${current === page ? 'page' : 'false'}>${label}</a>`;
  return html`<nav class="tabs" aria-label=${msg('Pages du back-office', { id: 'operator.tabs' })}>
    ${tab('#/operator', 'queue', msg('Demandes', { id: 'operator.tab.queue' }))}
    ${tab('#/operator/support', 'support', msg('Support', { id: 'operator.tab.support' }))}
  </nav>`;
}

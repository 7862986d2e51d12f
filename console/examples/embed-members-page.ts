/** The example application's own script: it knows its organization (here from `?org=<id>`) and gives it to the components. */
const org = new URLSearchParams(location.search).get('org') ?? '';
for (const element of document.querySelectorAll('[org-id]')) element.setAttribute('org-id', org);
document.querySelector('#sign-in')?.setAttribute('href', `/auth/login?returnTo=${encodeURIComponent(location.pathname + location.search)}`);

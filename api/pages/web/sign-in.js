import { api, ApiFailure, byId, showFieldErrors } from './page.js';

// Only paths of this site: never an open redirect to somewhere else.
const requested = new URLSearchParams(location.search).get('next') ?? '';
const next = /^\/(?!\/)/.test(requested) && !requested.includes('\\') ? requested : '/command-center';

const form = byId('sign-in');

// The session cookie is SameSite=Strict, so a page reached straight from another site (Salesforce
// sending the browser back after connecting) arrives without it. From this page it is sent again.
async function alreadySignedIn() {
  const res = await fetch('/api/me', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  return res.ok;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const token = byId('token').value;
  try {
    await api('POST', '/sign-in', { token });
    location.replace(next);
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    const left = showFieldErrors(form, error.fields.length ? error.fields : [{ field: 'token', message: error.message }]);
    if (left.length) byId('token-error').textContent = left.join(' ');
    byId('token').focus();
  }
});

if (await alreadySignedIn().catch(() => false)) {
  location.replace(next);
} else {
  byId('checking').hidden = true;
  form.hidden = false;
  byId('token').focus();
}

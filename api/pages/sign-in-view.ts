import type { PageInput } from './layout';

/** Sign-in with an API token; the page first checks for a session the browser already has. */
export const signInView: PageInput = {
  title: 'Sign in',
  script: 'sign-in.js',
  main: `<h1>Sign in to SIA</h1>
<p id="checking" class="hint">Checking your session…</p>
<form id="sign-in" class="card" novalidate hidden>
<label for="token">API token</label>
<input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required placeholder="sia_…" aria-describedby="token-hint token-error">
<p class="hint" id="token-hint">Paste the API token an administrator gave you (it starts with <code>sia_</code>). It stays in this browser until you sign out or close it.</p>
<p class="field-error" id="token-error" data-error-for="token"></p>
<p class="buttons"><button type="submit" class="primary">Sign in</button></p>
</form>`,
};

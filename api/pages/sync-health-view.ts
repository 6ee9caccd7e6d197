import type { User } from '../../store/users';
import type { PageInput } from './layout';

/** Sync Health: where the user's sync stands, API use, errors by code, Resync; all users for an admin. */
export function syncHealthView(user: User): PageInput {
  const everyone = `<section class="card" aria-labelledby="all-users-heading">
<h2 id="all-users-heading">All users <span class="badge">admin</span></h2>
<div id="all-users"><p class="hint">Loading…</p></div>
</section>`;
  return {
    title: 'Sync Health',
    script: 'sync-health.js',
    main: `<h1>Sync Health</h1>
<p class="buttons"><button type="button" id="resync" class="primary">Resync</button> <span class="inline-status" id="resync-status" role="status" aria-live="polite"></span></p>
<div id="page-message" class="message" role="status" aria-live="polite" hidden></div>

<div class="columns">
<section class="card" aria-labelledby="sync-heading">
<h2 id="sync-heading">Sync</h2>
<div id="sync-state"><p class="hint">Loading…</p></div>
</section>
<section class="card" aria-labelledby="connection-heading">
<h2 id="connection-heading">Salesforce connection</h2>
<div id="connection"><p class="hint">Loading…</p></div>
</section>
<section class="card" aria-labelledby="usage-heading">
<h2 id="usage-heading">API calls in the last 24 hours</h2>
<div id="api-usage"><p class="hint">Loading…</p></div>
</section>
</div>

<section aria-labelledby="errors-heading">
<h2 id="errors-heading">Errors</h2>
<div id="errors"><p class="hint">Loading…</p></div>
</section>
${user.isAdmin ? everyone : ''}`,
  };
}

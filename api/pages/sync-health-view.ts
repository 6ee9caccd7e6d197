import { t, type Language } from '../../i18n';
import type { User } from '../../store/users';
import { htmlTexts } from './html';
import type { PageInput } from './layout';

/** Sync Health: where the user's sync stands, API use, errors by code, Resync; all users for an admin. */
export function syncHealthView(user: User, lang: Language): PageInput {
  const text = htmlTexts(lang);
  const loading = `<p class="hint">${text('page.loading')}</p>`;
  const everyone = `<section class="card" aria-labelledby="all-users-heading">
<h2 id="all-users-heading">${text('page.syncHealth.allUsers')} <span class="badge">${text('page.admin')}</span></h2>
<div id="all-users">${loading}</div>
</section>`;
  return {
    title: t(lang, 'page.syncHealth.title'),
    script: 'sync-health.js',
    main: `<h1>${text('page.syncHealth.title')}</h1>
<p class="buttons"><button type="button" id="resync" class="primary">${text('page.syncHealth.resync')}</button> <span class="inline-status" id="resync-status" role="status" aria-live="polite"></span></p>
<div id="page-message" class="message" role="status" aria-live="polite" hidden></div>

<div class="columns">
<section class="card" aria-labelledby="sync-heading">
<h2 id="sync-heading">${text('page.syncHealth.sync')}</h2>
<div id="sync-state">${loading}</div>
</section>
<section class="card" aria-labelledby="connection-heading">
<h2 id="connection-heading">${text('page.syncHealth.connection')}</h2>
<div id="connection">${loading}</div>
</section>
<section class="card" aria-labelledby="usage-heading">
<h2 id="usage-heading">${text('page.syncHealth.usage')}</h2>
<div id="api-usage">${loading}</div>
</section>
</div>

<section aria-labelledby="errors-heading">
<h2 id="errors-heading">${text('page.syncHealth.errors')}</h2>
<div id="errors">${loading}</div>
</section>
${user.isAdmin ? everyone : ''}`,
  };
}

import type { User } from '../../store/users';
import { subjectPlaceholders } from '../../sync/email-subject';
import { emailToSalesforceSteps } from '../routes/email-to-salesforce-help';
import { escapeHtml } from './html';
import type { PageInput } from './layout';

/**
 * Settings → Salesforce: the account, then the Sync Settings tab with the cards of the product
 * page (collapsible, as there). settings.js fills the values and the choice lists from the API.
 */

const steps = emailToSalesforceSteps.map((step) => `<li>${escapeHtml(step)}</li>`).join('');

/** Admins only; the API refuses the template to anyone else as well. */
const subjectTemplateEditor = `<section class="admin-only" aria-labelledby="template-heading">
<h3 id="template-heading">Subject of logged activities <span class="badge">admin</span></h3>
<p class="hint">Applies to every user. Placeholders: ${subjectPlaceholders.map((p) => `<code>{{${p}}}</code>`).join(' ')}. Subjects are kept on one line and cut at 255 characters.</p>
<label for="subject-template">Subject template</label>
<input id="subject-template" type="text" maxlength="1000" aria-describedby="subject-template-error">
<p class="field-error" id="subject-template-error" data-error-for="template"></p>
<button type="button" id="save-template">Save template</button>
<span class="inline-status" id="template-status" role="status"></span>
</section>`;

export function settingsView(user: User): PageInput {
  return {
    title: 'Settings → Salesforce',
    script: 'settings.js',
    main: `<p class="breadcrumb">Settings → Salesforce</p>
<h1>Salesforce</h1>
<div id="page-message" class="message" role="status" aria-live="polite" hidden></div>

<section class="card" aria-labelledby="account-heading">
<h2 id="account-heading">Salesforce account</h2>
<div id="account" aria-live="polite"><p class="hint">Loading…</p></div>
</section>

<nav class="tabs" aria-label="Salesforce settings"><a href="/settings/salesforce" aria-current="page">Sync Settings</a></nav>

<form id="sync-settings" novalidate>
<p id="prerequisite" class="message warning" hidden></p>

<details class="card" id="email-card" open>
<summary><h2>Log Email Activity to Salesforce</h2></summary>
<div role="tablist" aria-label="How emails are logged" class="subtabs">
<button type="button" role="tab" id="tab-api" aria-controls="panel-api" aria-selected="true">Salesforce API</button>
<button type="button" role="tab" id="tab-bcc" aria-controls="panel-bcc" aria-selected="false" tabindex="-1">Email to Salesforce (BCC)</button>
</div>

<div role="tabpanel" id="panel-api" aria-labelledby="tab-api">
<p class="hint">Needs Salesforce Enterprise or Unlimited edition, or Professional with the Web Services API. Logged emails become completed Salesforce tasks of type Email on the matching contact or lead.</p>
<label class="check"><input type="checkbox" id="api-enabled"> Log my sent emails to Salesforce through the API</label>
<p class="hint" id="api-replaces-bcc" hidden>Saving with this ticked switches Email to Salesforce (BCC) off: emails are logged one way only.</p>
<fieldset id="api-options" class="bare">
<legend class="visually-hidden">How emails are logged through the API</legend>
<fieldset>
<legend>Log emails to</legend>
<label class="check"><input type="checkbox" id="log-contacts" aria-describedby="log-to-error"> Contacts</label>
<label class="check"><input type="checkbox" id="log-leads" aria-describedby="log-to-error"> Leads</label>
<p class="field-error" id="log-to-error" data-error-for="emailLogging.logToContacts emailLogging.logToLeads"></p>
</fieldset>
<label for="multiple-matches">When several records match a recipient</label>
<select id="multiple-matches" aria-describedby="multiple-matches-error"></select>
<p class="field-error" id="multiple-matches-error" data-error-for="emailLogging.multipleMatches"></p>
<label for="no-match">When no record matches a recipient</label>
<select id="no-match" aria-describedby="no-match-error"></select>
<p class="field-error" id="no-match-error" data-error-for="emailLogging.noMatch"></p>
<label class="check"><input type="checkbox" id="log-replies"> Log Replies <span class="hint">(by the same rules, as "Reply: subject")</span></label>
<label class="check"><input type="checkbox" id="link-opportunities"> Link to the open opportunities of matched contacts</label>
</fieldset>
<p class="field-error" data-error-for="emailLogging emailLogging.mode"></p>
${user.isAdmin ? subjectTemplateEditor : ''}
</div>

<div role="tabpanel" id="panel-bcc" aria-labelledby="tab-bcc" hidden>
<p>Once activated, every sales email you send also goes as a blind copy to your personal Email to Salesforce address, and Salesforce logs it as an activity on the matching opportunities, leads and contacts.</p>
<p id="bcc-state" class="state"></p>
<label for="bcc-address">Your Email to Salesforce address</label>
<input id="bcc-address" type="email" autocomplete="off" spellcheck="false" placeholder="emailtosalesforce@….salesforce.com" aria-describedby="bcc-address-error">
<p class="field-error" id="bcc-address-error" data-error-for="emailLogging.address"></p>
<details id="bcc-steps">
<summary>How to find your Email to Salesforce address</summary>
<ol>${steps}</ol>
</details>
<p class="buttons"><button type="button" id="bcc-activate">Activate</button> <button type="button" id="bcc-deactivate" hidden>Deactivate</button></p>
</div>
</details>

<details class="card" id="task-card" open>
<summary><h2>Sync tasks/reminders to Salesforce tasks</h2></summary>
<label for="task-sync">Task sync</label>
<select id="task-sync" aria-describedby="task-sync-error task-sync-hint"></select>
<p class="field-error" id="task-sync-error" data-error-for="taskSync taskSync.mode"></p>
<p class="hint" id="task-sync-hint">The first time you switch it on, your Salesforce tasks are imported; tasks already in SIA are not sent to Salesforce, only those created afterwards. Syncing starts as soon as you save (the first run may take a while) and then runs continuously, both ways. The Command Center shows the tasks due today and tomorrow.</p>
</details>

<p class="buttons"><button type="submit" class="primary" id="save">Save</button> <span class="inline-status" id="save-status" role="status"></span></p>
</form>`,
  };
}

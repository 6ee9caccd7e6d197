import { t, translate, type Language, type MessageKey } from '../../i18n';
import type { User } from '../../store/users';
import { subjectPlaceholders } from '../../sync/email-subject';
import { emailToSalesforceSteps } from '../routes/email-to-salesforce-help';
import { escapeHtml, htmlText, htmlTexts } from './html';
import type { PageInput } from './layout';

/**
 * Settings → Salesforce: the account, then the Sync Settings tab with the cards of the product
 * page (collapsible, as there). settings.js fills the values and the choice lists from the API.
 */

/** Admins only; the API refuses the template to anyone else as well. */
function subjectTemplateEditor(lang: Language, text: (key: MessageKey) => string): string {
  const placeholders = subjectPlaceholders.map((p) => `<code>${escapeHtml(`{{${p}}}`)}</code>`).join(' ');
  return `<section class="admin-only" aria-labelledby="template-heading">
<h3 id="template-heading">${text('page.settings.templateHeading')} <span class="badge">${text('page.admin')}</span></h3>
<p class="hint">${htmlText(translate(lang, 'page.settings.templateHint'), { placeholders })}</p>
<label for="subject-template">${text('page.settings.template')}</label>
<input id="subject-template" type="text" maxlength="1000" aria-describedby="subject-template-error">
<p class="field-error" id="subject-template-error" data-error-for="template"></p>
<button type="button" id="save-template">${text('page.settings.saveTemplate')}</button>
<span class="inline-status" id="template-status" role="status"></span>
</section>`;
}

export function settingsView(user: User, lang: Language): PageInput {
  const text = htmlTexts(lang);
  const steps = emailToSalesforceSteps(lang)
    .map((step) => `<li>${escapeHtml(step)}</li>`)
    .join('');
  return {
    title: t(lang, 'page.settings.title'),
    script: 'settings.js',
    main: `<p class="breadcrumb">${text('page.settings.title')}</p>
<h1>${text('page.settings.heading')}</h1>
<div id="page-message" class="message" role="status" aria-live="polite" hidden></div>

<section class="card" aria-labelledby="account-heading">
<h2 id="account-heading">${text('page.settings.account')}</h2>
<div id="account" aria-live="polite"><p class="hint">${text('page.loading')}</p></div>
</section>

<nav class="tabs" aria-label="${text('page.settings.tabs')}"><a href="/settings/salesforce" aria-current="page">${text('page.settings.syncSettings')}</a></nav>

<form id="sync-settings" novalidate>
<p id="prerequisite" class="message warning" hidden></p>

<details class="card" id="email-card" open>
<summary><h2>${text('page.settings.emailCard')}</h2></summary>
<div role="tablist" aria-label="${text('page.settings.emailTabs')}" class="subtabs">
<button type="button" role="tab" id="tab-api" aria-controls="panel-api" aria-selected="true">${text('page.settings.tabApi')}</button>
<button type="button" role="tab" id="tab-bcc" aria-controls="panel-bcc" aria-selected="false" tabindex="-1">${text('page.settings.tabBcc')}</button>
</div>

<div role="tabpanel" id="panel-api" aria-labelledby="tab-api">
<p class="hint">${text('page.settings.apiHint')}</p>
<label class="check"><input type="checkbox" id="api-enabled"> ${text('page.settings.apiEnabled')}</label>
<p class="hint" id="api-replaces-bcc" hidden>${text('page.settings.apiReplacesBcc')}</p>
<fieldset id="api-options" class="bare">
<legend class="visually-hidden">${text('page.settings.apiOptions')}</legend>
<fieldset>
<legend>${text('page.settings.logAs')}</legend>
<label class="check"><input type="radio" name="log-as" id="log-as-task" value="task" aria-describedby="log-as-hint log-as-error"> ${text('page.settings.logAsTask')}</label>
<label class="check"><input type="radio" name="log-as" id="log-as-email" value="email" aria-describedby="log-as-hint log-as-error"> ${text('page.settings.logAsEmail')}</label>
<p class="hint" id="log-as-hint">${text('page.settings.logAsHint')}</p>
<p class="field-error" id="log-as-error" data-error-for="emailLogging.logAs"></p>
</fieldset>
<fieldset>
<legend>${text('page.settings.logTo')}</legend>
<label class="check"><input type="checkbox" id="log-contacts" aria-describedby="log-to-error"> ${text('page.settings.contacts')}</label>
<label class="check"><input type="checkbox" id="log-leads" aria-describedby="log-to-error"> ${text('page.settings.leads')}</label>
<p class="field-error" id="log-to-error" data-error-for="emailLogging.logToContacts emailLogging.logToLeads"></p>
</fieldset>
<label for="multiple-matches">${text('page.settings.multipleMatches')}</label>
<select id="multiple-matches" aria-describedby="multiple-matches-error"></select>
<p class="field-error" id="multiple-matches-error" data-error-for="emailLogging.multipleMatches"></p>
<label for="no-match">${text('page.settings.noMatch')}</label>
<select id="no-match" aria-describedby="no-match-error"></select>
<p class="field-error" id="no-match-error" data-error-for="emailLogging.noMatch"></p>
<label class="check"><input type="checkbox" id="log-replies"> ${text('page.settings.logReplies')} <span class="hint">${text('page.settings.logRepliesHint')}</span></label>
<label class="check"><input type="checkbox" id="link-opportunities"> ${text('page.settings.linkOpportunities')}</label>
</fieldset>
<p class="field-error" data-error-for="emailLogging emailLogging.mode"></p>
${user.isAdmin ? subjectTemplateEditor(lang, text) : ''}
</div>

<div role="tabpanel" id="panel-bcc" aria-labelledby="tab-bcc" hidden>
<p>${text('page.settings.bccIntro')}</p>
<p id="bcc-state" class="state"></p>
<label for="bcc-address">${text('page.settings.bccAddress')}</label>
<input id="bcc-address" type="email" autocomplete="off" spellcheck="false" placeholder="emailtosalesforce@….salesforce.com" aria-describedby="bcc-address-error">
<p class="field-error" id="bcc-address-error" data-error-for="emailLogging.address"></p>
<details id="bcc-steps">
<summary>${text('page.settings.bccSteps')}</summary>
<ol>${steps}</ol>
</details>
<p class="buttons"><button type="button" id="bcc-activate">${text('page.settings.activate')}</button> <button type="button" id="bcc-deactivate" hidden>${text('page.settings.deactivate')}</button></p>
</div>
</details>

<details class="card" id="task-card" open>
<summary><h2>${text('page.settings.taskCard')}</h2></summary>
<label for="task-sync">${text('page.settings.taskSync')}</label>
<select id="task-sync" aria-describedby="task-sync-error task-sync-hint"></select>
<p class="field-error" id="task-sync-error" data-error-for="taskSync taskSync.mode"></p>
<p class="hint" id="task-sync-hint">${text('page.settings.taskSyncHint')}</p>
</details>

<p class="buttons"><button type="submit" class="primary" id="save">${text('page.settings.save')}</button> <span class="inline-status" id="save-status" role="status"></span></p>
</form>`,
  };
}

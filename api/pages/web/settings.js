import { fill, api, ApiFailure, byId, h, initPage, say, showFieldErrors, t, when } from './page.js';

initPage();

const form = byId('sync-settings');
const pageMessage = byId('page-message');
const isAdmin = document.body.dataset.admin === 'true';

/** A choice's label, or its value when the page has no text for it. */
const choiceLabel = (list, value) => {
  const key = `web.settings.${list}.${value}`;
  const label = t(key);
  return label === key ? value : label;
};

/** The settings as last saved (what Activate/Deactivate start from). */
let saved = null;

function fillSelect(select, options) {
  fill(select, ...options.map(({ value, label }) => h('option', { value }, label)));
}

// ---- the two tabs of the email card (WAI-ARIA tabs: arrows move, the selected tab is focusable) ----
const tabs = [byId('tab-api'), byId('tab-bcc')];
function selectTab(tab, focus) {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    byId(t.getAttribute('aria-controls')).hidden = !selected;
  }
  if (focus) tab.focus();
}
for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab, false));
  tab.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    selectTab(tabs[(tabs.indexOf(tab) + 1) % tabs.length], true);
  });
}

// ---- account ----
async function connect() {
  const { authorizeUrl } = await api('GET', '/api/salesforce/connect');
  location.assign(authorizeUrl);
}

function renderAccount(connection) {
  const box = byId('account');
  const connectButton = (label) => h('button', { type: 'button', class: 'primary', onclick: () => connect().catch(showFailure) }, label);
  if (!connection.connected) {
    fill(box, h('p', {}, t('web.settings.notConnected')), h('p', { class: 'buttons' }, connectButton(t('web.settings.connect'))));
    return;
  }
  const details = h(
    'dl',
    { class: 'facts' },
    h('dt', {}, t('web.settings.username')),
    h('dd', { id: 'sf-username' }, connection.username ?? '—'),
    h('dt', {}, t('web.settings.orgId')),
    h('dd', {}, connection.orgId ?? '—'),
    h('dt', {}, t('web.settings.instance')),
    h('dd', {}, connection.instanceUrl ?? '—'),
    h('dt', {}, t('web.settings.connectedAt')),
    h('dd', {}, when(connection.connectedAt)),
  );
  const state =
    connection.status === 'connected'
      ? h('p', { class: 'state ok', id: 'sf-state' }, t('web.settings.connectedAs', { username: connection.username }))
      : h('div', { class: 'message error', id: 'sf-state', role: 'alert' }, h('strong', {}, t(connection.needsReconnect ? 'web.settings.reconnectNeeded' : 'web.settings.refused')), ' ', connection.reason ?? '');
  const disconnect = h('button', { type: 'button', onclick: confirmDisconnect }, t('web.settings.disconnect'));
  fill(box, state, details, h('p', { class: 'buttons', id: 'account-buttons' }, connection.status === 'connected' ? null : connectButton(t('web.settings.reconnect')), disconnect));
}

function confirmDisconnect() {
  const buttons = byId('account-buttons');
  const question = h(
    'p',
    { class: 'buttons', role: 'group', 'aria-label': t('web.settings.confirmDisconnecting') },
    `${t('web.settings.disconnectQuestion')} `,
    h('button', { type: 'button', class: 'danger', onclick: () => disconnect().catch(showFailure) }, t('web.settings.yesDisconnect')),
    h('button', { type: 'button', onclick: () => question.replaceWith(buttons) }, t('web.settings.cancel')),
  );
  buttons.replaceWith(question);
  question.querySelector('button').focus();
}

async function disconnect() {
  const result = await api('DELETE', '/api/salesforce/connection');
  say(pageMessage, result.revokeError ? 'warning' : 'success', result.revokeError ?? t('web.settings.disconnected'));
  await load();
}

// ---- settings ----
function renderSettings(view) {
  saved = view.settings;
  const { emailLogging, taskSync } = view.settings;
  const api_ = emailLogging.mode === 'api' ? emailLogging : { logToContacts: true, logToLeads: true, multipleMatches: 'all', noMatch: 'do_not_log', logReplies: true, linkOpenOpportunities: true, logAs: 'task' };
  fillSelect(byId('multiple-matches'), view.choices.multipleMatches.map((value) => ({ value, label: choiceLabel('multipleMatches', value) })));
  fillSelect(byId('no-match'), view.choices.noMatch.map((value) => ({ value, label: choiceLabel('noMatch', value) })));
  fillSelect(byId('task-sync'), view.choices.taskSync);
  byId('api-enabled').checked = emailLogging.mode === 'api';
  byId('log-contacts').checked = api_.logToContacts;
  byId('log-leads').checked = api_.logToLeads;
  byId('multiple-matches').value = api_.multipleMatches;
  byId('no-match').value = api_.noMatch;
  byId('log-replies').checked = api_.logReplies;
  byId('link-opportunities').checked = api_.linkOpenOpportunities;
  byId(api_.logAs === 'email' ? 'log-as-email' : 'log-as-task').checked = true;
  byId('bcc-address').value = emailLogging.mode === 'bcc' ? emailLogging.address : byId('bcc-address').value;
  byId('task-sync').value = taskSync.mode;
  renderBccState();
  if (emailLogging.mode === 'bcc') selectTab(byId('tab-bcc'), false);

  const prerequisite = byId('prerequisite');
  prerequisite.hidden = view.prerequisites.salesforceConnected;
  prerequisite.textContent = view.prerequisites.salesforceConnected ? '' : view.prerequisites.message;
}

function renderBccState() {
  const active = saved?.emailLogging.mode === 'bcc';
  const state = byId('bcc-state');
  state.className = `state ${active ? 'ok' : ''}`;
  state.textContent = active ? t('web.settings.bccActive', { address: saved.emailLogging.address }) : t('web.settings.bccNotActive');
  byId('bcc-activate').textContent = t(active ? 'web.settings.saveAddress' : 'web.settings.activate');
  byId('bcc-deactivate').hidden = !active;
  byId('api-replaces-bcc').hidden = !(active && byId('api-enabled').checked);
  // The API options only matter while API logging is ticked.
  byId('api-options').disabled = !byId('api-enabled').checked;
}
byId('api-enabled').addEventListener('change', renderBccState);

function emailLoggingFromForm(mode) {
  if (mode === 'api') {
    return {
      mode: 'api',
      logToContacts: byId('log-contacts').checked,
      logToLeads: byId('log-leads').checked,
      multipleMatches: byId('multiple-matches').value,
      noMatch: byId('no-match').value,
      logReplies: byId('log-replies').checked,
      linkOpenOpportunities: byId('link-opportunities').checked,
      logAs: byId('log-as-email').checked ? 'email' : 'task',
    };
  }
  if (mode === 'bcc') return { mode: 'bcc', address: byId('bcc-address').value.trim() };
  return { mode: 'off' };
}

/** Save keeps BCC as it is unless API logging is ticked; Activate and Deactivate choose BCC explicitly. */
async function save(mode, statusEl) {
  const body = { emailLogging: emailLoggingFromForm(mode), taskSync: { mode: byId('task-sync').value } };
  statusEl.textContent = t('web.settings.saving');
  byId('bcc-steps').classList.remove('attention');
  try {
    const result = await api('PUT', '/api/sync-settings', body);
    showFieldErrors(form, []);
    renderSettings(result);
    statusEl.textContent = t('web.settings.savedAt', { when: when(result.savedAt) });
    say(pageMessage, 'success', t(result.taskSyncSwitchedOn ? 'web.settings.savedTaskSyncOn' : 'web.settings.saved'));
  } catch (error) {
    statusEl.textContent = '';
    if (!(error instanceof ApiFailure)) throw error;
    let fields = error.fields;
    if (error.steps) {
      // The steps are listed under the address field, so its message keeps the problem only.
      fields = fields.map((f) => (f.field === 'emailLogging.address' ? { ...f, message: f.message.split(' 1. ')[0] } : f));
      const steps = byId('bcc-steps');
      steps.open = true;
      steps.classList.add('attention');
      selectTab(byId('tab-bcc'), false);
    }
    const left = showFieldErrors(form, fields);
    say(pageMessage, 'error', fields.length > 0 && left.length === 0 ? t('web.settings.notSaved') : error.message);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const mode = byId('api-enabled').checked ? 'api' : saved?.emailLogging.mode === 'bcc' ? 'bcc' : 'off';
  void save(mode, byId('save-status'));
});
byId('bcc-activate').addEventListener('click', () => {
  byId('api-enabled').checked = false;
  void save('bcc', byId('save-status'));
});
byId('bcc-deactivate').addEventListener('click', () => void save('off', byId('save-status')));

// ---- admin: subject template ----
async function loadTemplate() {
  const template = await api('GET', '/api/admin/subject-template');
  byId('subject-template').value = template.template;
}
byId('save-template')?.addEventListener('click', async () => {
  const section = byId('save-template').closest('section');
  try {
    await api('PUT', '/api/admin/subject-template', { template: byId('subject-template').value });
    showFieldErrors(section, []);
    byId('template-status').textContent = t('web.settings.templateSaved');
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    byId('template-status').textContent = '';
    showFieldErrors(section, error.fields.length ? error.fields : [{ field: 'template', message: error.message }]);
  }
});

function showFailure(error) {
  say(pageMessage, 'error', error instanceof ApiFailure ? error.message : String(error));
}

async function load() {
  const [connection, settings] = await Promise.all([api('GET', '/api/salesforce/connection'), api('GET', '/api/sync-settings')]);
  renderAccount(connection);
  renderSettings(settings);
}

const params = new URLSearchParams(location.search);
if (params.get('salesforce') === 'connected') say(pageMessage, 'success', t('web.settings.salesforceConnected'));
if (params.get('integration') === 'connected') say(pageMessage, 'success', t('web.settings.integrationConnected'));
await Promise.all([load(), isAdmin ? loadTemplate() : null]).catch(showFailure);
form.dataset.ready = 'true';

import { fill, ago, api, ApiFailure, byId, h, initPage, keepFresh, say, when } from './page.js';

initPage();

const pageMessage = byId('page-message');
const isAdmin = document.body.dataset.admin === 'true';

const phaseLabels = {
  idle: 'Idle: nothing to sync right now',
  initial_import: 'First sync: importing your Salesforce tasks',
  reconciling: 'Syncing continuously',
  paused: 'Paused: needs attention',
};
const connectionLabels = {
  connected: 'Connected',
  not_connected: 'Not connected',
  needs_reconnect: 'Reconnect needed',
  api_disabled: 'No API access',
  inactive: 'Inactive in Salesforce',
};
const number = (n) => new Intl.NumberFormat().format(n);

function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function renderSync(workflow) {
  const box = byId('sync-state');
  if (workflow.state === 'not_started') {
    fill(box, h('p', { id: 'phase' }, 'Sync is not switched on yet.'), h('p', {}, 'Choose what to sync under ', h('a', { href: '/settings/salesforce' }, 'Settings → Salesforce'), ' and save.'));
    return;
  }
  if (workflow.state === 'unreachable') {
    fill(box, h('p', { class: 'message warning', id: 'phase' }, workflow.message));
    return;
  }
  const status = workflow.status;
  const task = status.taskSync;
  const rows = [
    ['Phase', h('span', { id: 'phase', 'data-phase': status.phase }, phaseLabels[status.phase] ?? status.phase)],
    ['Task sync', status.settings.taskSync.mode === 'two_way' ? 'On, both ways' : 'Off'],
    ['Email logging', { off: 'Off', api: 'Through the Salesforce API', bcc: 'Email to Salesforce (BCC)' }[status.settings.emailLogging.mode]],
    task && ['Last successful sync', h('span', { id: 'last-sync', 'data-at': task.lastSyncAt ?? '' }, task.lastSyncAt ? `${when(task.lastSyncAt)} (${ago(task.lastSyncAt)})` : 'not yet')],
    task && ['Sent to Salesforce', number(task.totals.toSalesforce)],
    task && ['Received from Salesforce', number(task.totals.toSia)],
    task && ['Conflicts merged', number(task.totals.conflicts)],
    task && ['Failed writes', number(task.totals.failed)],
  ];
  const error = status.lastError
    ? h(
        'div',
        { class: 'message error', role: 'alert', id: 'last-error' },
        h('strong', {}, status.lastError.title ?? 'The last sync failed'),
        h('p', {}, h('code', {}, status.lastError.code), ' ', status.lastError.message),
        status.lastError.fix ? h('p', {}, status.lastError.fix) : null,
        h('p', { class: 'hint' }, when(status.lastError.at)),
      )
    : null;
  fill(box, facts(rows), error);
}

function renderConnection(connection) {
  const rows = [
    ['Status', h('span', { id: 'connection-status', 'data-status': connection.status }, connectionLabels[connection.status] ?? connection.status)],
    connection.username && ['Username', connection.username],
    connection.orgId && ['Organization ID', connection.orgId],
  ];
  const reason = connection.reason
    ? h('div', { class: `message ${connection.status === 'not_connected' ? 'info' : 'error'}`, id: 'connection-reason' }, connection.reason, ' ', h('a', { href: '/settings/salesforce' }, connection.connected ? 'Reconnect' : 'Connect'))
    : null;
  fill(byId('connection'), facts(rows), reason);
}

function renderUsage(usage) {
  const { last24h, orgLimit } = usage;
  const parts = [
    facts([
      ['Your sync', `${number(last24h.user)} calls`],
      last24h.org !== null && ['Your org through SIA', `${number(last24h.org)} calls`],
    ]),
  ];
  if (orgLimit) {
    const share = orgLimit.limit > 0 ? Math.round((orgLimit.used / orgLimit.limit) * 100) : 0;
    parts.push(
      h('label', { for: 'org-allowance' }, `Org allowance: ${number(orgLimit.used)} of ${number(orgLimit.limit)} calls used (${share} %)`),
      h('meter', { id: 'org-allowance', min: 0, max: orgLimit.limit, value: orgLimit.used, high: orgLimit.limit * 0.8, optimum: 0 }),
      h('p', { class: 'hint' }, `As Salesforce reported it ${when(orgLimit.reportedAt)}; it counts every app using the org's rolling 24-hour allowance.`),
    );
  } else {
    parts.push(h('p', { class: 'hint' }, "Salesforce reports the org's 24-hour allowance with its answers; none has been seen yet."));
  }
  fill(byId('api-usage'), ...parts);
}

// Names of affected SIA tasks, read once each.
const taskNames = new Map();
async function taskName(id) {
  if (!taskNames.has(id)) taskNames.set(id, api('GET', `/api/tasks/${encodeURIComponent(id)}`).then((t) => t.name, () => null));
  return taskNames.get(id);
}

async function recordLabel(error) {
  if (error.siaTaskId) {
    const name = await taskName(error.siaTaskId);
    return [h('span', { class: 'record-name' }, name ? `Task “${name}”` : 'A task deleted in SIA'), error.sfTaskId ? ` · Salesforce ${error.sfTaskId}` : ''];
  }
  if (error.sfTaskId) return `Salesforce task ${error.sfTaskId}`;
  if (error.key === 'connection') return 'Your Salesforce connection';
  if (error.key.startsWith('email:')) return `Email ${error.key.slice('email:'.length)}`;
  return error.key;
}

/** At most this many affected records per code are listed; the count says how many there are. */
const recordsShown = 25;

async function renderErrors(errors) {
  const box = byId('errors');
  if (errors.open === 0) {
    fill(box, h('p', { class: 'state ok', id: 'no-errors' }, 'No open errors.'));
    return;
  }
  const cards = await Promise.all(
    errors.byCode.map(async (group) => {
      const rows = await Promise.all(
        group.errors.slice(0, recordsShown).map(async (error) =>
          h('tr', {}, h('td', {}, await recordLabel(error)), h('td', {}, error.message), h('td', { class: 'number' }, number(error.attempts)), h('td', {}, when(error.lastSeenAt))),
        ),
      );
      const headingId = `error-${group.code}`;
      return h(
        'section',
        { class: 'card error-card', 'aria-labelledby': headingId, 'data-code': group.code },
        h('h3', { id: headingId }, h('code', {}, group.code), ` · ${group.count} ${group.count === 1 ? 'record' : 'records'}`),
        h('p', { class: 'explanation' }, group.explanation),
        h(
          'table',
          {},
          h('caption', { class: 'visually-hidden' }, `Records affected by ${group.code}`),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Record'), h('th', { scope: 'col' }, 'Salesforce said'), h('th', { scope: 'col' }, 'Attempts'), h('th', { scope: 'col' }, 'Last tried'))),
          h('tbody', {}, rows),
        ),
        group.count > recordsShown ? h('p', { class: 'hint' }, `and ${number(group.count - recordsShown)} more`) : null,
      );
    }),
  );
  fill(box, h('p', {}, `${number(errors.open)} open ${errors.open === 1 ? 'error' : 'errors'}. Fix the cause, then Resync: failed records are tried again on every round.`), ...cards);
}

function renderEveryone(view) {
  const cell = (...content) => h('td', {}, ...content);
  const rows = view.users.map((u) => {
    const wf = u.workflow;
    const phase = wf.state === 'running' ? phaseLabels[wf.phase] ?? wf.phase : wf.state === 'not_started' ? 'Not switched on' : 'Sync service did not answer';
    const lastError = wf.state === 'running' && wf.lastError ? `${wf.lastError.code}: ${wf.lastError.message}` : u.errors.latest ? `${u.errors.latest.code}: ${u.errors.latest.message}` : '—';
    return h(
      'tr',
      { 'data-user-id': u.userId },
      h('th', { scope: 'row' }, u.displayName ?? u.email, h('br'), h('span', { class: 'hint' }, u.userId)),
      cell(connectionLabels[u.salesforce.status] ?? u.salesforce.status, u.salesforce.username ? h('br') : null, u.salesforce.username ? h('span', { class: 'hint' }, u.salesforce.username) : null),
      cell(phase),
      cell(wf.state === 'running' && wf.lastSyncAt ? when(wf.lastSyncAt) : '—'),
      cell(lastError),
      cell(u.errors.open === 0 ? '0' : `${u.errors.open} (${u.errors.byCode.map((c) => c.code).join(', ')})`),
      h('td', { class: 'number' }, number(u.apiCallsLast24h)),
    );
  });
  const head = ['User', 'Salesforce', 'Phase', 'Last sync', 'Last error', 'Open errors', 'API calls (24 h)'].map((t) => h('th', { scope: 'col' }, t));
  fill(byId('all-users'), h('div', { class: 'table-scroll' }, h('table', { id: 'all-users-table' }, h('caption', { class: 'visually-hidden' }, "Every user's sync health"), h('thead', {}, h('tr', {}, head)), h('tbody', {}, rows))));
}

/** The last round's end and the last error, to tell when a Resync is over. */
let latest = { syncAt: null, error: null };
async function load() {
  const [status, everyone] = await Promise.all([api('GET', '/api/sync-status'), isAdmin ? api('GET', '/api/admin/sync-health') : null]);
  latest = { syncAt: status.workflow.status?.taskSync?.lastSyncAt ?? null, error: status.workflow.status?.lastError ?? null };
  renderSync(status.workflow);
  renderConnection(status.salesforce);
  renderUsage(status.apiUsage);
  await renderErrors(status.errors);
  if (everyone) renderEveryone(everyone);
  document.body.dataset.loadedAt = new Date().toISOString();
}

function showFailure(error) {
  say(pageMessage, 'error', error instanceof ApiFailure ? error.message : String(error));
}

// After Resync, look every second until a round that started after the click has finished or failed.
byId('resync').addEventListener('click', async () => {
  const button = byId('resync');
  const status = byId('resync-status');
  const clickedAt = new Date().toISOString();
  const finished = () => (latest.syncAt ?? '') > clickedAt;
  const failed = () => (latest.error?.at ?? '') > clickedAt;
  button.disabled = true;
  try {
    const result = await api('POST', '/api/sync/resync');
    status.textContent = result.message;
    if (!result.nudged) return;
    for (let i = 0; i < 60 && !finished() && !failed(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await load();
    }
    if (failed()) status.textContent = `Resync stopped: ${latest.error.title ?? latest.error.code}. See below.`;
    else status.textContent = finished() ? `Resync finished ${when(latest.syncAt)}.` : 'Resync is still running; this page updates by itself.';
  } catch (error) {
    status.textContent = '';
    showFailure(error);
  } finally {
    button.disabled = false;
  }
});

await keepFresh(() => load().catch(showFailure), 10);

import { fill, ago, api, ApiFailure, byId, h, initPage, keepFresh, locale, say, t, tNodes, when } from './page.js';

initPage();

const pageMessage = byId('page-message');
const isAdmin = document.body.dataset.admin === 'true';

/** The label of a value (a phase, a connection status), or the value when the page has no text for it. */
const label = (group, value) => {
  const key = `web.health.${group}.${value}`;
  const text = t(key);
  return text === key ? value : text;
};
const number = (n) => new Intl.NumberFormat(locale).format(n);
/** "1 record", "3 records": the key's .one or .other form. */
const counted = (key, count) => t(`${key}.${new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other'}`, { count: number(count) });

function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function renderSync(workflow) {
  const box = byId('sync-state');
  if (workflow.state === 'not_started') {
    fill(box, h('p', { id: 'phase' }, t('web.health.notStarted')), h('p', {}, tNodes('web.health.chooseUnder', { link: h('a', { href: '/settings/salesforce' }, t('web.health.settingsLink')) })));
    return;
  }
  if (workflow.state === 'unreachable') {
    fill(box, h('p', { class: 'message warning', id: 'phase' }, workflow.message));
    return;
  }
  const status = workflow.status;
  const task = status.taskSync;
  const rows = [
    [t('web.health.phase'), h('span', { id: 'phase', 'data-phase': status.phase }, label('phase', status.phase))],
    [t('web.health.taskSync'), t(status.settings.taskSync.mode === 'two_way' ? 'web.health.taskSyncOn' : 'web.health.off')],
    [t('web.health.emailLogging'), status.settings.emailLogging.mode === 'off' ? t('web.health.off') : label('emailLogging', status.settings.emailLogging.mode)],
    task && [
      t('web.health.lastSync'),
      h('span', { id: 'last-sync', 'data-at': task.lastSyncAt ?? '' }, task.lastSyncAt ? t('web.health.whenAgo', { when: when(task.lastSyncAt), ago: ago(task.lastSyncAt) }) : t('web.health.notYet')),
    ],
    task && [t('web.health.toSalesforce'), number(task.totals.toSalesforce)],
    task && [t('web.health.toSia'), number(task.totals.toSia)],
    task && [t('web.health.conflicts'), number(task.totals.conflicts)],
    task && [t('web.health.failed'), number(task.totals.failed)],
  ];
  const error = status.lastError
    ? h(
        'div',
        { class: 'message error', role: 'alert', id: 'last-error' },
        h('strong', {}, status.lastError.title ?? t('web.health.lastSyncFailed')),
        h('p', {}, h('code', {}, status.lastError.code), ' ', status.lastError.message),
        status.lastError.fix ? h('p', {}, status.lastError.fix) : null,
        h('p', { class: 'hint' }, when(status.lastError.at)),
      )
    : null;
  fill(box, facts(rows), error);
}

/** "streaming …" or "polling: why", as the API words it in the reader's language. */
function changeDetectionText(detection, id) {
  return h('span', { id, 'data-mode': detection.mode, 'data-reason': detection.reason ?? '' }, detection.label);
}

function renderConnection(connection, changeDetection) {
  const rows = [
    [t('web.health.status'), h('span', { id: 'connection-status', 'data-status': connection.status }, label('connection', connection.status))],
    connection.username && [t('web.health.username'), connection.username],
    connection.orgId && [t('web.health.orgId'), connection.orgId],
    changeDetection && [t('web.health.changeDetection'), changeDetectionText(changeDetection, 'change-detection')],
  ];
  const reason = connection.reason
    ? h('div', { class: `message ${connection.status === 'not_connected' ? 'info' : 'error'}`, id: 'connection-reason' }, connection.reason, ' ', h('a', { href: '/settings/salesforce' }, t(connection.connected ? 'web.health.reconnect' : 'web.health.connect')))
    : null;
  fill(byId('connection'), facts(rows), reason);
}

function renderUsage(usage) {
  const { last24h, orgLimit } = usage;
  const parts = [
    facts([
      [t('web.health.yourSync'), t('web.health.calls', { count: number(last24h.user) })],
      last24h.org !== null && [t('web.health.yourOrg'), t('web.health.calls', { count: number(last24h.org) })],
    ]),
  ];
  if (orgLimit) {
    const share = orgLimit.limit > 0 ? Math.round((orgLimit.used / orgLimit.limit) * 100) : 0;
    parts.push(
      h('label', { for: 'org-allowance' }, t('web.health.allowance', { used: number(orgLimit.used), limit: number(orgLimit.limit), share: number(share) })),
      h('meter', { id: 'org-allowance', min: 0, max: orgLimit.limit, value: orgLimit.used, high: orgLimit.limit * 0.8, optimum: 0 }),
      h('p', { class: 'hint' }, t('web.health.allowanceReported', { when: when(orgLimit.reportedAt) })),
    );
  } else {
    parts.push(h('p', { class: 'hint' }, t('web.health.noAllowance')));
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
    return [h('span', { class: 'record-name' }, name ? t('web.health.record.task', { name }) : t('web.health.record.deletedTask')), error.sfTaskId ? t('web.health.record.andSalesforce', { id: error.sfTaskId }) : ''];
  }
  if (error.sfTaskId) return t('web.health.record.salesforceTask', { id: error.sfTaskId });
  if (error.key === 'connection') return t('web.health.record.connection');
  if (error.key.startsWith('email:')) return t('web.health.record.email', { id: error.key.slice('email:'.length) });
  return error.key;
}

/** At most this many affected records per code are listed; the count says how many there are. */
const recordsShown = 25;

async function renderErrors(errors) {
  const box = byId('errors');
  if (errors.open === 0) {
    fill(box, h('p', { class: 'state ok', id: 'no-errors' }, t('web.health.noErrors')));
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
        h('h3', { id: headingId }, h('code', {}, group.code), ` · ${counted('web.health.records', group.count)}`),
        h('p', { class: 'explanation' }, group.explanation),
        h(
          'table',
          {},
          h('caption', { class: 'visually-hidden' }, t('web.health.affectedBy', { code: group.code })),
          h('thead', {}, h('tr', {}, ['record', 'said', 'attempts', 'lastTried'].map((column) => h('th', { scope: 'col' }, t(`web.health.column.${column}`))))),
          h('tbody', {}, rows),
        ),
        group.count > recordsShown ? h('p', { class: 'hint' }, t('web.health.andMore', { count: number(group.count - recordsShown) })) : null,
      );
    }),
  );
  fill(box, h('p', {}, counted('web.health.openErrors', errors.open)), ...cards);
}

function renderEveryone(view) {
  const cell = (...content) => h('td', {}, ...content);
  const rows = view.users.map((u) => {
    const wf = u.workflow;
    const phase = wf.state === 'running' ? label('phase', wf.phase) : t(wf.state === 'not_started' ? 'web.health.notSwitchedOn' : 'web.health.noAnswer');
    const lastError = wf.state === 'running' && wf.lastError ? `${wf.lastError.code}: ${wf.lastError.message}` : u.errors.latest ? `${u.errors.latest.code}: ${u.errors.latest.message}` : '—';
    return h(
      'tr',
      { 'data-user-id': u.userId },
      h('th', { scope: 'row' }, u.displayName ?? u.email, h('br'), h('span', { class: 'hint' }, u.userId)),
      cell(label('connection', u.salesforce.status), u.salesforce.username ? h('br') : null, u.salesforce.username ? h('span', { class: 'hint' }, u.salesforce.username) : null),
      cell(phase),
      cell(wf.state === 'running' && wf.lastSyncAt ? when(wf.lastSyncAt) : '—'),
      cell(lastError),
      cell(u.errors.open === 0 ? '0' : `${u.errors.open} (${u.errors.byCode.map((c) => c.code).join(', ')})`),
      h('td', { class: 'number' }, number(u.apiCallsLast24h)),
    );
  });
  const head = ['user', 'salesforce', 'phase', 'lastSync', 'lastError', 'openErrors', 'apiCalls'].map((column) => h('th', { scope: 'col' }, t(`web.health.column.${column}`)));
  const orgRows = view.orgs.map((o) =>
    h(
      'tr',
      { 'data-org-id': o.orgId },
      h('th', { scope: 'row' }, o.orgId, o.integrationUser ? h('br') : null, o.integrationUser ? h('span', { class: 'hint' }, o.integrationUser.username) : null),
      cell(changeDetectionText(o.changeDetection, `change-detection-${o.orgId}`)),
      h('td', { class: 'number' }, number(o.changeEventsLast24h)),
    ),
  );
  const orgHead = ['org', 'changeDetection', 'changeEvents'].map((column) => h('th', { scope: 'col' }, t(`web.health.column.${column}`)));
  fill(
    byId('all-users'),
    h('div', { class: 'table-scroll' }, h('table', { id: 'all-orgs-table' }, h('caption', { class: 'visually-hidden' }, t('web.health.orgs')), h('thead', {}, h('tr', {}, orgHead)), h('tbody', {}, orgRows))),
    h('div', { class: 'table-scroll' }, h('table', { id: 'all-users-table' }, h('caption', { class: 'visually-hidden' }, t('web.health.everyone')), h('thead', {}, h('tr', {}, head)), h('tbody', {}, rows))),
  );
}

/** The last round's end and the last error, to tell when a Resync is over. */
let latest = { syncAt: null, error: null };
async function load() {
  const [status, everyone] = await Promise.all([api('GET', '/api/sync-status'), isAdmin ? api('GET', '/api/admin/sync-health') : null]);
  latest = { syncAt: status.workflow.status?.taskSync?.lastSyncAt ?? null, error: status.workflow.status?.lastError ?? null };
  renderSync(status.workflow);
  renderConnection(status.salesforce, status.changeDetection);
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
    if (failed()) status.textContent = t('web.health.resyncStopped', { reason: latest.error.title ?? latest.error.code });
    else status.textContent = finished() ? t('web.health.resyncFinished', { when: when(latest.syncAt) }) : t('web.health.resyncRunning');
  } catch (error) {
    status.textContent = '';
    showFailure(error);
  } finally {
    button.disabled = false;
  }
});

await keepFresh(() => load().catch(showFailure), 10);

import { fill, api, ApiFailure, byId, h, initPage, keepFresh, locale, say, showFieldErrors, t, when } from './page.js';

initPage();

const form = byId('new-task');
const pageMessage = byId('page-message');
let days = null;

const dayLabel = (date) => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

function taskItem(task) {
  const act = (label, run) => h('button', { type: 'button', 'aria-label': t('web.tasks.actionOn', { action: label, name: task.name }), onclick: () => run().catch(showFailure) }, label);
  return h(
    'li',
    { class: 'task', 'data-task-id': task.id },
    act(t('web.tasks.complete'), async () => {
      await api('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`);
      say(pageMessage, 'success', t('web.tasks.completed', { name: task.name }));
      await load();
    }),
    h(
      'div',
      { class: 'task-body' },
      h('span', { class: 'task-name' }, task.name),
      task.priority === 'high' ? h('span', { class: 'badge high' }, t('web.tasks.highPriority')) : null,
      task.origin === 'salesforce' ? h('span', { class: 'badge' }, t('web.tasks.fromSalesforce')) : null,
      task.details ? h('p', { class: 'task-details' }, task.details) : null,
      task.reminderAt ? h('p', { class: 'hint' }, t('web.tasks.reminder', { when: when(task.reminderAt) })) : null,
    ),
    act(t('web.tasks.delete'), async () => {
      await api('DELETE', `/api/tasks/${encodeURIComponent(task.id)}`);
      say(pageMessage, 'success', t('web.tasks.deleted', { name: task.name }));
      await load();
    }),
  );
}

function renderList(list, tasks, emptyText) {
  fill(list, ...(tasks.length ? tasks.map(taskItem) : [h('li', { class: 'empty' }, emptyText)]));
}

async function load() {
  const view = await api('GET', '/api/command-center');
  const first = days === null;
  days = view;
  byId('days').textContent = t('web.tasks.days', { timeZone: view.timeZone });
  byId('today-date').textContent = dayLabel(view.today);
  byId('tomorrow-date').textContent = dayLabel(view.tomorrow);
  if (first) byId('task-due').value = view.today;
  renderList(byId('today-tasks'), view.tasks.today, t('web.tasks.noneToday'));
  renderList(byId('tomorrow-tasks'), view.tasks.tomorrow, t('web.tasks.noneTomorrow'));
  document.body.dataset.loadedAt = view.now;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const details = byId('task-details').value;
  const body = { name: byId('task-name').value, dueDate: byId('task-due').value || null, priority: byId('task-priority').value, details: details.trim() ? details : null };
  try {
    const task = await api('POST', '/api/tasks', body);
    showFieldErrors(form, []);
    form.reset();
    byId('task-due').value = days?.today ?? '';
    const shown = task.dueDate === days?.today || task.dueDate === days?.tomorrow;
    say(pageMessage, 'success', t(shown ? 'web.tasks.added' : 'web.tasks.addedLater', { name: task.name }));
    await load();
    byId('task-name').focus();
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    const left = showFieldErrors(form, error.fields);
    say(pageMessage, 'error', error.fields.length > 0 && left.length === 0 ? t('web.tasks.notAdded') : error.message);
  }
});

function showFailure(error) {
  say(pageMessage, 'error', error instanceof ApiFailure ? error.message : String(error));
}

// Tasks also arrive from Salesforce, so the lists refresh while the page is open.
await keepFresh(() => load().catch(showFailure), 30);

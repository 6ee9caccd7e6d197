import { t, type Language } from '../../i18n';
import { htmlTexts } from './html';
import type { PageInput } from './layout';

/** The Command Center: open tasks due today and tomorrow in the user's time zone. */
export function commandCenterView(lang: Language): PageInput {
  const text = htmlTexts(lang);
  return {
    title: t(lang, 'page.commandCenter.title'),
    script: 'command-center.js',
    main: `<h1>${text('page.commandCenter.title')}</h1>
<p class="hint" id="days">${text('page.commandCenter.intro')}</p>
<div id="page-message" class="message" role="status" aria-live="polite" hidden></div>

<section class="card" aria-labelledby="new-task-heading">
<h2 id="new-task-heading">${text('page.commandCenter.newTask')}</h2>
<form id="new-task" class="grid" novalidate>
<div class="wide"><label for="task-name">${text('page.commandCenter.name')}</label>
<input id="task-name" name="name" type="text" required maxlength="255" aria-describedby="task-name-error">
<p class="field-error" id="task-name-error" data-error-for="name"></p></div>
<div><label for="task-due">${text('page.commandCenter.dueDate')}</label>
<input id="task-due" name="dueDate" type="date" aria-describedby="task-due-error">
<p class="field-error" id="task-due-error" data-error-for="dueDate"></p></div>
<div><label for="task-priority">${text('page.commandCenter.priority')}</label>
<select id="task-priority" name="priority"><option value="normal">${text('page.commandCenter.priorityNormal')}</option><option value="high">${text('page.commandCenter.priorityHigh')}</option></select>
<p class="field-error" data-error-for="priority"></p></div>
<div class="wide"><label for="task-details">${text('page.commandCenter.details')} <span class="hint">${text('page.optional')}</span></label>
<textarea id="task-details" name="details" rows="2" maxlength="32000" aria-describedby="task-details-error"></textarea>
<p class="field-error" id="task-details-error" data-error-for="details"></p></div>
<p class="buttons wide"><button type="submit" class="primary">${text('page.commandCenter.addTask')}</button> <span class="inline-status" id="new-task-status" role="status"></span></p>
</form>
</section>

<section class="card" aria-labelledby="today-heading">
<h2 id="today-heading">${text('page.commandCenter.today')} <span class="hint" id="today-date"></span></h2>
<ul class="tasks" id="today-tasks" aria-labelledby="today-heading"></ul>
</section>
<section class="card" aria-labelledby="tomorrow-heading">
<h2 id="tomorrow-heading">${text('page.commandCenter.tomorrow')} <span class="hint" id="tomorrow-date"></span></h2>
<ul class="tasks" id="tomorrow-tasks" aria-labelledby="tomorrow-heading"></ul>
</section>`,
  };
}

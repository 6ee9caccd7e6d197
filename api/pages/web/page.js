// Shared by every page: its texts, API calls with the session cookie, element building, messages, field errors.

/** The page's texts in the reader's language, handed over by the server (the JSON block #texts). */
const texts = JSON.parse(document.getElementById('texts')?.textContent ?? '{}');

/** The page's language (the html lang attribute), for dates and numbers. */
export const locale = document.documentElement.lang || 'en';

/** t('web.settings.savedAt', { when }): the text of a key with its {placeholders} filled. */
export function t(key, params = {}) {
  const text = texts[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** As t, with nodes for some placeholders (a link inside a sentence): an array for h or fill. */
export function tNodes(key, nodesByName) {
  return t(key).split(/(\{\w+\})/).map((part) => nodesByName[part.slice(1, -1)] ?? part);
}

export class ApiFailure extends Error {
  constructor(status, error) {
    super(error.message);
    this.status = status;
    this.code = error.code;
    this.fields = error.fields ?? [];
    this.steps = error.steps ?? null;
  }
}

/** Calls the API; the header tells the server this comes from the pages (it refuses cookie changes without it). */
export async function api(method, path, body) {
  const headers = { accept: 'application/json', 'x-requested-with': 'fetch' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (res.status === 401 && path.startsWith('/api/')) {
    location.assign(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
    throw new ApiFailure(401, { code: 'signed_out', message: t('web.signedOut') });
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new ApiFailure(res.status, data?.error ?? { code: `http_${res.status}`, message: t('web.httpStatus', { status: res.status }) });
  return data;
}

/** h('p', { class: 'x' }, 'text', child): text is always set as text, never parsed as HTML. */
export function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  el.append(...nodes(children));
  return el;
}

/** Children as nodes: nested arrays flattened, null/undefined/false left out, the rest as text. */
function nodes(children) {
  return children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false).map((c) => (c instanceof Node ? c : document.createTextNode(String(c))));
}

/** Replaces an element's content (same children rules as h). */
export function fill(el, ...children) {
  el.replaceChildren(...nodes(children));
}

export const byId = (id) => document.getElementById(id);

/** A date and time in the page's language. */
export function when(iso) {
  if (!iso) return t('web.never');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "3 minutes ago" */
export function ago(iso) {
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (Math.abs(seconds) < 60) return rtf.format(-seconds, 'second');
  if (Math.abs(seconds) < 3600) return rtf.format(-Math.round(seconds / 60), 'minute');
  if (Math.abs(seconds) < 86400) return rtf.format(-Math.round(seconds / 3600), 'hour');
  return rtf.format(-Math.round(seconds / 86400), 'day');
}

/** Shows (or with text null hides) a message box: kind is "info", "success", "warning" or "error". */
export function say(el, kind, text) {
  el.hidden = text === null;
  el.className = `message ${kind}`;
  el.textContent = text ?? '';
}

/** Puts each field error next to its field (elements with data-error-for listing field paths); answers the ones left over. */
export function showFieldErrors(root, fields) {
  for (const slot of root.querySelectorAll('[data-error-for]')) slot.textContent = '';
  for (const input of root.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  const unplaced = [];
  for (const { field, message } of fields) {
    const slot = [...root.querySelectorAll('[data-error-for]')].find((el) => el.dataset.errorFor.split(' ').includes(field));
    if (!slot) {
      unplaced.push(`${field}: ${message}`);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
    const input = slot.id ? root.querySelector(`[aria-describedby~="${slot.id}"]`) : null;
    input?.setAttribute('aria-invalid', 'true');
  }
  return unplaced;
}

/** Wires the header's sign-out button. */
export function initPage() {
  byId('sign-out')?.addEventListener('click', async () => {
    await api('POST', '/sign-out').catch(() => undefined);
    location.assign('/sign-in');
  });
}

/** Calls `load` now, every `seconds` while the page is visible, and when it becomes visible again. */
export function keepFresh(load, seconds) {
  let timer = null;
  const schedule = () => {
    clearTimeout(timer);
    if (document.visibilityState === 'visible') timer = setTimeout(() => void run(), seconds * 1000);
  };
  const run = async () => {
    try {
      await load();
    } finally {
      schedule();
    }
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void run();
    else clearTimeout(timer);
  });
  return run();
}

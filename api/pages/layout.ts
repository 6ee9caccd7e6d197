import { t, translate, webTexts, type Language, type MessageKey } from '../../i18n';
import type { User } from '../../store/users';
import { assetUrl } from './assets';
import { escapeHtml, jsonForScript } from './html';

/** The signed-in pages, in the order of the navigation bar. */
export const pagePaths = {
  commandCenter: '/command-center',
  syncHealth: '/sync-health',
  settings: '/settings/salesforce',
} as const;
export type PageName = keyof typeof pagePaths;

const navigation: Array<{ page: PageName; label: MessageKey }> = [
  { page: 'commandCenter', label: 'page.commandCenter.title' },
  { page: 'syncHealth', label: 'page.syncHealth.title' },
  { page: 'settings', label: 'page.settings.title' },
];

export interface PageInput {
  title: string;
  /** The page's script in web/, e.g. "settings.js". */
  script: string;
  /** The markup inside <main>; everything in it is static or escaped. */
  main: string;
}

/**
 * The page in `lang`; its script reads its texts from the JSON block `#texts` (a data block,
 * never run, so the content security policy stays as strict).
 */
function shell(lang: Language, title: string, script: string, body: string, bodyAttributes = ''): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · SIA</title>
<link rel="stylesheet" href="${assetUrl('app.css')}">
<script type="application/json" id="texts">${jsonForScript(webTexts(lang))}</script>
<script type="module" src="${assetUrl(script)}"></script>
</head>
<body${bodyAttributes}>
<a class="skip" href="#main">${escapeHtml(t(lang, 'page.skipToContent'))}</a>
${body}
</body>
</html>
`;
}

/** A page for a signed-in user: header with navigation and sign-out, then the page's own markup. */
export function signedInPage(lang: Language, user: User, current: PageName, page: PageInput): string {
  const links = navigation
    .map(({ page: name, label }) => `<a href="${pagePaths[name]}"${name === current ? ' aria-current="page"' : ''}>${escapeHtml(translate(lang, label))}</a>`)
    .join('');
  const who = user.displayName ?? user.email;
  const header = `<header class="top">
<span class="brand">SIA</span>
<nav aria-label="${escapeHtml(t(lang, 'page.navigation'))}">${links}</nav>
<span class="who">${escapeHtml(t(lang, 'page.signedInAs'))} <strong>${escapeHtml(who)}</strong>${user.isAdmin ? ` <span class="badge">${escapeHtml(t(lang, 'page.admin'))}</span>` : ''}</span>
<button type="button" id="sign-out" class="link">${escapeHtml(t(lang, 'page.signOut'))}</button>
</header>
<main id="main">
${page.main}
</main>`;
  return shell(lang, page.title, page.script, header, ` data-admin="${user.isAdmin ? 'true' : 'false'}" data-time-zone="${escapeHtml(user.timeZone)}"`);
}

/** A page for someone not signed in (no navigation). */
export function publicPage(lang: Language, page: PageInput): string {
  return shell(lang, page.title, page.script, `<main id="main" class="narrow">\n${page.main}\n</main>`);
}

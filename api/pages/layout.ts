import type { User } from '../../store/users';
import { assetUrl } from './assets';
import { escapeHtml } from './html';

/** The signed-in pages, in the order of the navigation bar. */
export const pagePaths = {
  commandCenter: '/command-center',
  syncHealth: '/sync-health',
  settings: '/settings/salesforce',
} as const;
export type PageName = keyof typeof pagePaths;

const navigation: Array<{ page: PageName; label: string }> = [
  { page: 'commandCenter', label: 'Command Center' },
  { page: 'syncHealth', label: 'Sync Health' },
  { page: 'settings', label: 'Settings → Salesforce' },
];

export interface PageInput {
  title: string;
  /** The page's script in web/, e.g. "settings.js". */
  script: string;
  /** The markup inside <main>; everything in it is static or escaped. */
  main: string;
}

function shell(title: string, script: string, body: string, bodyAttributes = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · SIA</title>
<link rel="stylesheet" href="${assetUrl('app.css')}">
<script type="module" src="${assetUrl(script)}"></script>
</head>
<body${bodyAttributes}>
<a class="skip" href="#main">Skip to content</a>
${body}
</body>
</html>
`;
}

/** A page for a signed-in user: header with navigation and sign-out, then the page's own markup. */
export function signedInPage(user: User, current: PageName, page: PageInput): string {
  const links = navigation
    .map(({ page: name, label }) => `<a href="${pagePaths[name]}"${name === current ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a>`)
    .join('');
  const who = user.displayName ?? user.email;
  const header = `<header class="top">
<span class="brand">SIA</span>
<nav aria-label="Main">${links}</nav>
<span class="who">Signed in as <strong>${escapeHtml(who)}</strong>${user.isAdmin ? ' <span class="badge">admin</span>' : ''}</span>
<button type="button" id="sign-out" class="link">Sign out</button>
</header>
<main id="main">
${page.main}
</main>`;
  return shell(page.title, page.script, header, ` data-admin="${user.isAdmin ? 'true' : 'false'}" data-time-zone="${escapeHtml(user.timeZone)}"`);
}

/** A page for someone not signed in (no navigation). */
export function publicPage(page: PageInput): string {
  return shell(page.title, page.script, `<main id="main" class="narrow">\n${page.main}\n</main>`);
}

import type { ErrorBody } from '../../../api/http/api-error';
import { recordSyncError } from '../../../store/sync-errors';
import { commandCenterDays } from '../../../sync/command-center';
import { startBrowserStack, type BrowserStack } from './browser-stack';

/**
 * Who may see a page: nobody without a credential (the pages send them to sign in, the API says
 * 401), each user only their own data, and changes made with the session cookie only from the pages.
 */
let stack: BrowserStack;
beforeAll(async () => {
  stack = await startBrowserStack([]);
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

describe('access to the pages', () => {
  it('sends a browser without a session to sign in, keeps the API at 401, and returns to the page asked for', async () => {
    const context = await stack.browser.newContext({ baseURL: stack.url });
    try {
      const page = await context.newPage();
      for (const path of ['/settings/salesforce', '/command-center', '/sync-health']) {
        await page.goto(path);
        expect(page.url()).toBe(`${stack.url}/sign-in?next=${encodeURIComponent(path)}`);
        await page.getByRole('heading', { name: 'Sign in to SIA' }).waitFor();
      }
      const api = await page.request.get('/api/me');
      expect(api.status()).toBe(401);
      expect(((await api.json()) as ErrorBody).error.code).toBe('unauthorized');
      await stack.screenshot(page, 'sign-in');

      await page.getByLabel('API token').fill(`sia_${'A'.repeat(43)}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#token-error').getByText('This API token is unknown or was revoked.').waitFor();
      expect(await page.getByLabel('API token').getAttribute('aria-invalid')).toBe('true');
      expect(await context.cookies()).toEqual([]);

      const erin = await stack.newUser({ displayName: 'Erin Ford' });
      await page.getByLabel('API token').fill(erin.token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${stack.url}/sync-health`);
      await page.getByText('Signed in as Erin Ford').waitFor();

      // The token is in an HttpOnly, SameSite=Strict cookie that the page's scripts cannot read.
      const [cookie] = await context.cookies();
      expect(cookie).toMatchObject({ name: 'sia_session', httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(await page.evaluate('document.cookie')).toBe('');

      // Signing out ends it: the pages send to sign in again and the API answers 401.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${stack.url}/sign-in`);
      await page.goto('/command-center');
      expect(page.url()).toBe(`${stack.url}/sign-in?next=%2Fcommand-center`);
      expect((await page.request.get('/api/me')).status()).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('never sends a browser elsewhere after signing in', async () => {
    const user = await stack.newUser();
    const context = await stack.browser.newContext({ baseURL: stack.url });
    try {
      const page = await context.newPage();
      await page.goto('/sign-in?next=//example.com/phish');
      await page.getByLabel('API token').fill(user.token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${stack.url}/command-center`);
    } finally {
      await context.close();
    }
  });

  it('refuses changes made with the session cookie without the pages\' header', async () => {
    const user = await stack.newUser();
    const { page } = await stack.signIn(user.token);
    const post = (headers: Record<string, string>) =>
      page.evaluate(async (extra) => {
        const res = await fetch('/api/tasks', { method: 'POST', headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify({ name: 'Posted from a script' }) });
        return { status: res.status, body: await res.json() };
      }, headers);
    const refused = await post({});
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'csrf_header_missing' } } });
    expect((await stack.call(user.token, 'GET', '/api/tasks')).body).toMatchObject({ tasks: [] });
    expect((await post({ 'x-requested-with': 'fetch' })).status).toBe(201);
    // Reading needs no header.
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);
  });

  it("shows each user only their own tasks and errors, and ends the session when the token is revoked", async () => {
    const { today } = commandCenterDays('UTC', new Date().toISOString());
    const a = await stack.newUser({ displayName: 'Ann Apple' });
    const b = await stack.newUser({ displayName: 'Ben Berry' });
    for (const [user, name] of [
      [a, 'Ann’s private task'],
      [b, 'Ben’s private task'],
    ] as const) {
      expect((await stack.call(user.token, 'POST', '/api/tasks', { name, dueDate: today })).status).toBe(201);
    }
    await recordSyncError(stack.store.db, b.id, { key: 'sf:00T000000000001AAA', code: 'ENTITY_IS_LOCKED', message: 'Ben’s locked record', explanation: 'An approval process locks it.', sfTaskId: '00T000000000001AAA' });

    const ann = await stack.signIn(a.token);
    const ben = await stack.signIn(b.token);
    await ann.page.locator('#today-tasks li.task', { hasText: 'Ann’s private task' }).waitFor();
    await ben.page.locator('#today-tasks li.task', { hasText: 'Ben’s private task' }).waitFor();
    expect(await ann.page.locator('#today-tasks').textContent()).not.toContain('Ben’s');
    expect(await ben.page.locator('#today-tasks').textContent()).not.toContain('Ann’s');

    await ann.page.getByRole('link', { name: 'Sync Health' }).click();
    await ann.page.locator('#no-errors').waitFor();
    await ben.page.getByRole('link', { name: 'Sync Health' }).click();
    await ben.page.locator('section.error-card[data-code="ENTITY_IS_LOCKED"]').getByText('Ben’s locked record').waitFor();
    expect(await ann.page.content()).not.toContain('Ben’s');
    // Neither is an admin: no table of everyone, and the admin route refuses.
    expect(await ann.page.locator('#all-users').count()).toBe(0);
    expect((await ann.page.request.get('/api/admin/sync-health')).status()).toBe(403);

    // Ann revokes the token she signed in with: her open page sends her to sign in.
    const { tokens } = (await stack.call(a.token, 'GET', '/api/me/tokens')).body as { tokens: Array<{ id: string }> };
    for (const token of tokens) expect((await stack.call(a.token, 'DELETE', `/api/me/tokens/${token.id}`)).status).toBe(204);
    await ann.page.reload();
    expect(ann.page.url()).toBe(`${stack.url}/sign-in?next=%2Fsync-health`);
    expect(await ann.context.cookies()).toEqual([]);
  });
});

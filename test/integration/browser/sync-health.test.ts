import type { Page } from 'playwright-core';
import { startBrowserStack, type BrowserStack } from './browser-stack';

/**
 * Sync Health in a real browser: a record Salesforce refuses shows as an error card with its code,
 * the explanation and the task; a revoked connection shows "reconnect" until the user reconnects
 * through the settings page; an admin sees every user's state in one table.
 */
let stack: BrowserStack;
beforeAll(async () => {
  stack = await startBrowserStack(['dan@acme.test']);
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

async function resync(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Sync Health' }).click();
  await page.waitForURL(`${stack.url}/sync-health`);
  await page.getByRole('button', { name: 'Resync' }).click();
}

describe('Sync Health', () => {
  it('shows refused records by code with the explanation, a connection to reconnect, and every user to an admin', async () => {
    const dan = await stack.newUser({ displayName: 'Dan Evans' });
    await stack.connect(dan.id, 'dan@acme.test');
    await stack.switchTaskSyncOn(dan.token, dan.id);
    await stack.org.emulator.control.installValidationRule(stack.org.orgId, {
      sobject: 'Task',
      name: 'No_TBD_Subject',
      condition: { field: 'Subject', op: 'startsWith', value: 'TBD' },
      message: 'Give the task a real subject, not TBD.',
      errorField: 'Subject',
    });

    const { page } = await stack.signIn(dan.token);
    await page.getByLabel('Name').fill('TBD agenda');
    await page.getByRole('button', { name: 'Add task' }).click();
    await page.locator('#today-tasks li.task', { hasText: 'TBD agenda' }).waitFor();

    await resync(page);
    const card = page.locator('section.error-card[data-code="FIELD_CUSTOM_VALIDATION_EXCEPTION"]');
    await card.waitFor({ timeout: 45_000 });
    expect(await card.getByRole('heading').textContent()).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION · 1 record');
    expect(await card.locator('.explanation').textContent()).toMatch(/validation rule/);
    const row = card.locator('tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(0).textContent()).toBe('Task “TBD agenda”');
    expect(await row.locator('td').nth(1).textContent()).toBe('Give the task a real subject, not TBD.');
    expect(await page.locator('#phase').textContent()).toBe('Syncing continuously');
    // Dan's org has no integration user: his own sync asks Salesforce, and the page says so.
    const detection = page.locator('#change-detection');
    expect(await detection.getAttribute('data-mode')).toBe('polling');
    expect(await detection.textContent()).toBe('polling: no integration user is connected, so each user’s sync asks Salesforce every few minutes');
    await stack.screenshot(page, 'sync-health-error');

    // Salesforce stops accepting the connection: the sync pauses and says to reconnect.
    await stack.org.emulator.control.revokeTokens({ userId: stack.org.users['dan@acme.test'] });
    await stack.org.emulator.control.expireSessions({ userId: stack.org.users['dan@acme.test'] });
    await page.getByRole('button', { name: 'Resync' }).click();
    await page.locator('#connection-status[data-status="needs_reconnect"]').waitFor({ timeout: 45_000 });
    await page.locator('#phase[data-phase="paused"]').waitFor();
    expect(await page.locator('#last-error').textContent()).toContain('invalid_grant');
    expect(await page.locator('#last-error').textContent()).toContain('Reconnect Salesforce');
    expect(await page.locator('#connection-reason').textContent()).toContain('Connect again');
    await stack.screenshot(page, 'sync-health-reconnect');

    // An admin sees Dan's state among all users.
    const admin = await stack.newUser({ displayName: 'Ada Admin', isAdmin: true });
    const adminPage = (await stack.signIn(admin.token)).page;
    await adminPage.getByRole('link', { name: 'Sync Health' }).click();
    const danRow = adminPage.locator(`#all-users-table tr[data-user-id="${dan.id}"]`);
    await danRow.waitFor();
    const danCells = await danRow.locator('td').allTextContents();
    expect(danCells[0]).toContain('Reconnect needed');
    expect(danCells[1]).toBe('Paused: needs attention');
    expect(danCells[3]).toContain('invalid_grant');
    expect(danCells[4]).toContain('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(await adminPage.locator(`#all-users-table tr[data-user-id="${admin.id}"]`).locator('td').nth(1).textContent()).toBe('Not switched on');
    // And, per org, how its Salesforce changes are found.
    const orgCells = await adminPage.locator(`#all-orgs-table tr[data-org-id="${stack.org.orgId}"]`).locator('td').allTextContents();
    expect(orgCells).toEqual(['polling: no integration user is connected, so each user’s sync asks Salesforce every few minutes', '0']);
    await stack.screenshot(adminPage, 'sync-health-admin');

    // Dan reconnects from the settings page and saves; the sync resumes, the refused task still waits.
    await page.getByRole('link', { name: 'Settings → Salesforce' }).click();
    const state = page.locator('#sf-state');
    await state.getByText('Reconnect needed.').waitFor();
    expect(await state.textContent()).toContain('Connect again under Settings → Salesforce');
    await stack.screenshot(page, 'settings-reconnect');
    await page.getByRole('button', { name: 'Reconnect Salesforce' }).click();
    await page.getByLabel('Username').fill('dan@acme.test');
    await page.getByLabel('Password').fill('pw');
    await page.getByRole('button', { name: 'Log In' }).click();
    await page.getByText('Connected as dan@acme.test').waitFor();
    await page.locator('form#sync-settings[data-ready="true"]').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Your sync settings are saved.').waitFor();

    await resync(page);
    await page.getByText(/^Resync finished/).waitFor({ timeout: 45_000 });
    expect(await page.locator('#phase').getAttribute('data-phase')).toBe('reconciling');
    expect(await page.locator('#connection-status').getAttribute('data-status')).toBe('connected');
    expect(await page.locator('#last-error').count()).toBe(0);
    expect(await card.count()).toBe(1);

    // The admin lifts the rule; the next round sends the task and the card goes.
    await stack.org.emulator.control.removeValidationRules(stack.org.orgId);
    await page.getByRole('button', { name: 'Resync' }).click();
    await page.locator('#no-errors').waitFor({ timeout: 45_000 });
    expect((await stack.sfTasks()).map((t) => t.Subject)).toContain('TBD agenda');
  });
});

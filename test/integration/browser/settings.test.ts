import type { Page } from 'playwright-core';
import { salesforceSyncWorkflowId } from '../../../contract/ids';
import { SyncPhase, TaskSyncMode } from '../../../contract/search-attributes';
import { eventually } from '../../support/temporal';
import { startBrowserStack, type BrowserStack } from './browser-stack';

/**
 * Settings → Salesforce in a real browser: connecting through Salesforce's own sign-in, the
 * cards of the Sync Settings tab, and a save that starts the user's sync on Temporal.
 */
let stack: BrowserStack;

interface SettingsAnswer {
  settings: { emailLogging: unknown };
}
beforeAll(async () => {
  stack = await startBrowserStack(['alice@acme.test', 'bea@acme.test']);
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings → Salesforce' }).click();
  await page.waitForURL(`${stack.url}/settings/salesforce`);
  await page.locator('form#sync-settings[data-ready="true"]').waitFor();
}

describe('Settings → Salesforce', () => {
  it('connects through Salesforce, switches task sync on with Save, and the sync runs', async () => {
    const alice = await stack.newUser({ displayName: 'Alice Adams', timeZone: 'Europe/Madrid' });
    const { page } = await stack.signIn(alice.token);
    await openSettings(page);
    await page.getByText('No Salesforce account is connected').waitFor();
    expect(await page.locator('#prerequisite').textContent()).toContain('Connect your Salesforce account first');
    await stack.screenshot(page, 'settings-not-connected');

    await page.getByRole('button', { name: 'Connect Salesforce' }).click();
    await page.waitForURL(`${stack.org.emulator.url}/**`);
    await page.getByLabel('Username').fill('alice@acme.test');
    await page.getByLabel('Password').fill('pw');
    await page.getByRole('button', { name: 'Log In' }).click();
    await page.waitForURL(`${stack.url}/settings/salesforce?salesforce=connected`);
    await page.getByText('Salesforce is connected.').waitFor();
    await page.getByText('Connected as alice@acme.test').waitFor();
    expect(await page.locator('#account').textContent()).toContain(stack.org.orgId);
    expect(await page.locator('#prerequisite').isHidden()).toBe(true);

    const taskSync = page.getByLabel('Task sync');
    expect(await taskSync.inputValue()).toBe('do_not_sync');
    expect(await taskSync.locator('option:checked').textContent()).toBe('Do not sync to Salesforce tasks');
    await taskSync.selectOption({ label: 'Sync tasks/reminders with Salesforce tasks (both ways)' });
    await stack.screenshot(page, 'settings-connected');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved. Task sync starts now; the first run may take a while.').waitFor();

    const handle = stack.temporal.client.workflow.getHandle(salesforceSyncWorkflowId(alice.id));
    const described = await eventually(() => handle.describe(), (d) => d.typedSearchAttributes.get(TaskSyncMode) === 'two_way');
    expect(described.status.name).toBe('RUNNING');
    expect(described.typedSearchAttributes.get(TaskSyncMode)).toBe('two_way');

    // The saved choice is what the page shows after a reload.
    await page.reload();
    await page.locator('form#sync-settings[data-ready="true"]').waitFor();
    expect(await page.getByLabel('Task sync').inputValue()).toBe('two_way');

    await page.getByRole('link', { name: 'Sync Health' }).click();
    await page.getByRole('button', { name: 'Resync' }).click();
    await page.getByText(/^Resync finished/).waitFor({ timeout: 45_000 });
    expect(await page.locator('#phase').textContent()).toBe('Syncing continuously');
    expect(await page.locator('#last-sync').getAttribute('data-at')).not.toBe('');
    expect(await page.locator('#connection-status').textContent()).toBe('Connected');
    const phase = await eventually(() => handle.describe(), (d) => d.typedSearchAttributes.get(SyncPhase) === 'reconciling');
    expect(phase.typedSearchAttributes.get(SyncPhase)).toBe('reconciling');
    await stack.screenshot(page, 'sync-health-running');
  });

  it('logs emails through the API or by BCC, with field errors next to the field and the steps to find the BCC address', async () => {
    const bea = await stack.newUser({ displayName: 'Bea Brown' });
    await stack.connect(bea.id, 'bea@acme.test');
    const { page } = await stack.signIn(bea.token);
    await openSettings(page);
    expect(await page.getByRole('tab', { name: 'Salesforce API' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#subject-template').count()).toBe(0);

    // API logging to neither Contacts nor Leads is refused, next to those boxes.
    await page.getByLabel('Log my sent emails to Salesforce through the API').check();
    await page.getByRole('checkbox', { name: 'Contacts', exact: true }).uncheck();
    await page.getByLabel('Leads').uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Nothing was saved: correct the fields marked below.').waitFor();
    expect(await page.locator('#log-to-error').textContent()).toContain('Choose Contacts, Leads or both');
    expect(await page.getByRole('checkbox', { name: 'Contacts', exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Leads').check();
    await page.getByLabel('When several records match a recipient').selectOption({ label: 'Log to the oldest record' });
    await page.getByLabel('Log Replies').uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Your sync settings are saved.').waitFor();
    expect(await page.locator('#log-to-error').textContent()).toBe('');
    const saved = (await (await page.request.get('/api/sync-settings')).json()) as SettingsAnswer;
    expect(saved.settings.emailLogging).toEqual({ mode: 'api', logToContacts: false, logToLeads: true, multipleMatches: 'oldest', noMatch: 'do_not_log', logReplies: false, linkOpenOpportunities: true, logAs: 'task' });
    expect(await page.getByLabel('Task (default)').isChecked()).toBe(true);

    // Log as Email (Enhanced Email): saved, and still chosen after a reload.
    await page.getByLabel('Email (Enhanced Email)').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const asEmail = await eventually(
      async () => ((await (await page.request.get('/api/sync-settings')).json()) as SettingsAnswer).settings.emailLogging,
      (logging) => (logging as { logAs?: string }).logAs === 'email',
    );
    expect(asEmail).toMatchObject({ mode: 'api', multipleMatches: 'oldest', logAs: 'email' });
    await page.reload();
    await page.locator('form#sync-settings[data-ready="true"]').waitFor();
    expect(await page.getByLabel('Email (Enhanced Email)').isChecked()).toBe(true);
    expect(await page.getByLabel('Task (default)').isChecked()).toBe(false);

    // BCC: Activate without an address shows the problem by the field and opens the steps.
    await page.getByRole('tab', { name: 'Email to Salesforce (BCC)' }).click();
    expect(await page.locator('#bcc-steps').getAttribute('open')).toBeNull();
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.locator('#bcc-address-error').getByText('BCC logging needs your personal Email to Salesforce address.').waitFor();
    expect(await page.locator('#bcc-steps').getAttribute('open')).not.toBeNull();
    const steps = await page.locator('#bcc-steps li').allTextContents();
    expect(steps).toHaveLength(4);
    expect(steps.join(' ')).toContain('My Settings → Email → My Email to Salesforce');
    expect(steps.join(' ')).toContain('"My Acceptable Email Addresses"');
    expect(steps.join(' ')).toContain('Setup → Email Administration → Email to Salesforce → Edit → tick Active → Save');
    await stack.screenshot(page, 'settings-bcc-missing-address');

    await page.getByLabel('Your Email to Salesforce address').fill('not an address');
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.locator('#bcc-address-error').getByText('"not an address" is not an email address').waitFor();

    await page.getByLabel('Your Email to Salesforce address').fill('emailtosalesforce@bea.le.salesforce.com');
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Active: your sales emails are copied to emailtosalesforce@bea.le.salesforce.com.').waitFor();
    expect(await page.locator('#bcc-address-error').textContent()).toBe('');
    expect(await page.getByLabel('Log my sent emails to Salesforce through the API').isChecked()).toBe(false);
    const bcc = (await (await page.request.get('/api/sync-settings')).json()) as SettingsAnswer;
    expect(bcc.settings.emailLogging).toEqual({ mode: 'bcc', address: 'emailtosalesforce@bea.le.salesforce.com' });
    await stack.screenshot(page, 'settings-bcc-active');

    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Not active.').waitFor();
    expect(((await (await page.request.get('/api/sync-settings')).json()) as SettingsAnswer).settings.emailLogging).toEqual({ mode: 'off' });
  });

  it('shows the subject template editor to admins only, and saves it', async () => {
    const admin = await stack.newUser({ displayName: 'Ada Admin', isAdmin: true });
    const { page } = await stack.signIn(admin.token);
    await openSettings(page);
    const template = page.getByLabel('Subject template');
    expect(await template.inputValue()).toBe('{{activity_type}}: {{activity_subject}}');
    await template.fill('{{activity_type}} {{nope}}');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.locator('#subject-template-error').getByText('nope').waitFor();
    await template.fill('[SIA] {{activity_type}}: {{activity_subject}}');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Template saved.').waitFor();
    expect(await page.locator('#subject-template-error').textContent()).toBe('');
    const stored = await page.request.fetch('/api/admin/subject-template', { headers: { authorization: `Bearer ${admin.token}` } });
    expect(((await stored.json()) as { template: string }).template).toBe('[SIA] {{activity_type}}: {{activity_subject}}');
    await stack.screenshot(page, 'settings-admin');
  });
});

import { commandCenterDays } from '../../../sync/command-center';
import { eventually } from '../../support/temporal';
import { startBrowserStack, type BrowserStack } from './browser-stack';

/**
 * The Command Center in a real browser, with task sync on: a task made in Salesforce shows up
 * after a Resync, and tasks created, completed and deleted on the page reach Salesforce.
 */
let stack: BrowserStack;
beforeAll(async () => {
  stack = await startBrowserStack(['carla@acme.test']);
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const timeZone = 'America/Los_Angeles';

describe('Command Center', () => {
  it('shows a task made in Salesforce; creates, completes and deletes tasks that reach Salesforce', async () => {
    const carla = await stack.newUser({ displayName: 'Carla Diaz', timeZone });
    await stack.connect(carla.id, 'carla@acme.test');
    await stack.switchTaskSyncOn(carla.token, carla.id);
    const { today, tomorrow } = commandCenterDays(timeZone, new Date().toISOString());

    const salesforce = await stack.salesforceAs('carla@acme.test');
    const made = await salesforce.sobject('Task').create({ Subject: 'Call Pedro about the renewal', ActivityDate: today, Status: 'Not Started', Priority: 'High', Description: 'He asked for the new prices.' });
    if (!made.success) throw new Error('creating the Salesforce task failed');

    const { page } = await stack.signIn(carla.token);
    await page.getByRole('link', { name: 'Sync Health' }).click();
    await page.getByRole('button', { name: 'Resync' }).click();
    await page.getByText(/^Resync finished/).waitFor({ timeout: 45_000 });

    await page.getByRole('link', { name: 'Command Center' }).click();
    const todayList = page.locator('#today-tasks');
    const fromSalesforce = todayList.locator('li.task', { hasText: 'Call Pedro about the renewal' });
    // The page refreshes by itself, so a round that ends just after the one above still shows.
    await fromSalesforce.waitFor({ timeout: 45_000 });
    expect(await fromSalesforce.textContent()).toContain('High priority');
    expect(await fromSalesforce.textContent()).toContain('from Salesforce');
    expect(await fromSalesforce.textContent()).toContain('He asked for the new prices.');
    expect(await page.locator('#days').textContent()).toContain(timeZone);

    // A task needs a name: said next to the field, nothing added.
    await page.getByLabel('Name').fill('   ');
    await page.getByRole('button', { name: 'Add task' }).click();
    await page.locator('#task-name-error').getByText('The task needs a name.').waitFor();
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Name').fill('Send the proposal');
    await page.getByLabel('Due date').fill(tomorrow);
    await page.getByLabel('Details').fill('Pricing for 40 seats');
    await page.getByRole('button', { name: 'Add task' }).click();
    const created = page.locator('#tomorrow-tasks li.task', { hasText: 'Send the proposal' });
    await created.waitFor();
    expect(await page.locator('#task-name-error').textContent()).toBe('');
    await stack.screenshot(page, 'command-center');

    const inSalesforce = (subject: string) => stack.sfTasks().then((tasks) => tasks.find((t) => t.Subject === subject));
    const pushed = await eventually(() => inSalesforce('Send the proposal'), (t) => t !== undefined, 30_000);
    expect(pushed).toMatchObject({ ActivityDate: tomorrow, Description: 'Pricing for 40 seats', Status: 'Not Started' });

    await page.getByRole('button', { name: 'Complete “Call Pedro about the renewal”' }).click();
    await page.getByText('Completed “Call Pedro about the renewal”.').waitFor();
    expect(await fromSalesforce.count()).toBe(0);
    const completed = await eventually(() => inSalesforce('Call Pedro about the renewal'), (t) => t?.Status === 'Completed', 30_000);
    expect(completed?.Status).toBe('Completed');

    await page.getByRole('button', { name: 'Delete “Send the proposal”' }).click();
    await page.getByText('Deleted “Send the proposal”.').waitFor();
    expect(await created.count()).toBe(0);
    expect(await eventually(() => inSalesforce('Send the proposal'), (t) => t === undefined, 30_000)).toBeUndefined();
    expect(await page.locator('#tomorrow-tasks').textContent()).toBe('Nothing due tomorrow.');
  });
});

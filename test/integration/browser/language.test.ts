import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { startBrowserStack, type BrowserStack } from './browser-stack';

/**
 * The pages in Spanish: for a browser that asks for Spanish (Accept-Language), and for a user who
 * chose Spanish whatever the browser asks for. The wording is the product page's own.
 */
let stack: BrowserStack;
beforeAll(async () => {
  stack = await startBrowserStack(['carmen@acme.test', 'diego@acme.test']);
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

interface SettingsAnswer {
  settings: { emailLogging: unknown; taskSync: unknown };
}

/** A browser asking for `locale`, signed in with the token through the sign-in page in that browser's language. */
async function signIn(token: string, locale: string, labels: { token: string; submit: string }): Promise<Page> {
  const context = await stack.browser.newContext({ baseURL: stack.url, locale });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel(labels.token).fill(token);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL(`${stack.url}/command-center`);
  return page;
}

async function openSettings(page: Page, link: string): Promise<void> {
  await page.getByRole('link', { name: link }).click();
  await page.waitForURL(`${stack.url}/settings/salesforce`);
  await page.locator('form#sync-settings[data-ready="true"]').waitFor();
}

describe('pages in Spanish', () => {
  it('a Spanish browser gets the sign-in page, the Command Center and Settings → Salesforce in Spanish, and saves the settings', async () => {
    const carmen = await stack.newUser({ displayName: 'Carmen Castro', timeZone: 'Europe/Madrid' });
    await stack.connect(carmen.id, 'carmen@acme.test');
    const context = await stack.browser.newContext({ baseURL: stack.url, locale: 'es-ES' });
    const signInPage = await context.newPage();
    await signInPage.goto('/sign-in');
    expect(await signInPage.locator('html').getAttribute('lang')).toBe('es');
    expect(await signInPage.locator('h1').textContent()).toBe('Iniciar sesión en SIA');
    await signInPage.getByLabel('Token de API').fill('sia_not-a-token');
    await signInPage.getByRole('button', { name: 'Iniciar sesión' }).click();
    await signInPage.locator('#token-error').getByText('Este token de API es desconocido o fue revocado. Pida uno nuevo a un administrador.').waitFor();
    await context.close();

    const page = await signIn(carmen.token, 'es-ES', { token: 'Token de API', submit: 'Iniciar sesión' });
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.locator('h1').textContent()).toBe('Centro de comandos');
    await page.getByText('Tareas abiertas con vencimiento hoy y mañana, en su zona horaria (Europe/Madrid).').waitFor();

    await openSettings(page, 'Configuración → Salesforce');
    await stack.screenshot(page, 'settings-es');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.getByRole('link', { name: 'Configuración de sincronización' }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('heading', { name: 'Registrar actividad de correo electrónico en Salesforce' }).waitFor();
    expect(await page.getByRole('tab', { name: 'API de Salesforce' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tab', { name: 'Correo electrónico a Salesforce (CCO)' }).waitFor();
    await page.getByRole('heading', { name: 'Sincronizar tareas/recordatorios con tareas de Salesforce' }).waitFor();
    await page.getByText('Conectada como carmen@acme.test').waitFor();
    const taskSync = page.getByLabel('Sincronización de tareas');
    expect(await taskSync.locator('option:checked').textContent()).toBe('No sincronizar con tareas de Salesforce');

    // Field errors come from the API in Spanish, next to their field.
    await page.getByLabel('Registrar en Salesforce los correos electrónicos que envío, a través de la API').check();
    await page.getByRole('checkbox', { name: 'Contactos', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'Posibles clientes', exact: true }).uncheck();
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.getByText('No se guardó nada: corrija los campos marcados abajo.').waitFor();
    expect(await page.locator('#log-to-error').textContent()).toBe('Elija Contactos, Posibles clientes o ambos: registrar en ninguno no registraría nada.');

    await page.getByRole('checkbox', { name: 'Posibles clientes', exact: true }).check();
    await page.getByLabel('Cuando varios registros coinciden con un destinatario').selectOption({ label: 'Registrar en el registro más antiguo' });
    await taskSync.selectOption({ label: 'Sincronizar tareas/recordatorios con tareas de Salesforce (en ambos sentidos)' });
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.getByText('Guardado. La sincronización de tareas comienza ahora; inicialmente, esto llevará algún tiempo.').waitFor();
    const saved = (await (await page.request.get('/api/sync-settings')).json()) as SettingsAnswer;
    expect(saved.settings).toMatchObject({ emailLogging: { mode: 'api', logToContacts: false, logToLeads: true, multipleMatches: 'oldest' }, taskSync: { mode: 'two_way' } });

    // BCC: Activar without an address opens the product page's steps to find it.
    await page.getByRole('tab', { name: 'Correo electrónico a Salesforce (CCO)' }).click();
    await page.getByRole('button', { name: 'Activar', exact: true }).click();
    await page.locator('#bcc-address-error').getByText('El registro por CCO necesita su dirección personal de Correo electrónico a Salesforce.').waitFor();
    expect(await page.locator('#bcc-steps').getAttribute('open')).not.toBeNull();
    const steps = await page.locator('#bcc-steps li').allTextContents();
    expect(steps).toHaveLength(4);
    for (const step of ['Inicie sesión en su instancia de Salesforce', 'Mi configuración → Correo electrónico → Mi correo electrónico a Salesforce', '"Mis direcciones de correo electrónico aceptables"', 'Guardar cambios', 'Administración de correo electrónico']) {
      expect(steps.join(' ')).toContain(step);
    }
    await page.getByLabel('Su dirección de Correo electrónico a Salesforce').fill('emailtosalesforce@carmen.le.salesforce.com');
    await page.getByRole('button', { name: 'Activar', exact: true }).click();
    await page.getByText('Activo: sus correos electrónicos de ventas se copian a emailtosalesforce@carmen.le.salesforce.com.').waitFor();
    expect(((await (await page.request.get('/api/sync-settings')).json()) as SettingsAnswer).settings.emailLogging).toEqual({ mode: 'bcc', address: 'emailtosalesforce@carmen.le.salesforce.com' });
    await stack.screenshot(page, 'settings-es-bcc-active');
  });

  it('a user who chose Spanish sees the pages in Spanish in an English browser, and in English again after choosing English', async () => {
    const diego = await stack.newUser({ displayName: 'Diego Díaz' });
    await stack.connect(diego.id, 'diego@acme.test');
    const page = await signIn(diego.token, 'en-US', { token: 'API token', submit: 'Sign in' });
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Command Center');

    expect((await stack.call(diego.token, 'PATCH', '/api/me', { language: 'es' })).status).toBe(200);
    await openSettings(page, 'Settings → Salesforce');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByRole('heading', { name: 'Registrar actividad de correo electrónico en Salesforce' }).waitFor();
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.getByText('Su configuración de sincronización está guardada.').waitFor();
    await page.getByRole('link', { name: 'Estado de la sincronización' }).click();
    await page.locator('h1', { hasText: 'Estado de la sincronización' }).waitFor();
    await page.getByRole('button', { name: 'Volver a sincronizar' }).waitFor();

    expect((await stack.call(diego.token, 'PATCH', '/api/me', { language: 'en' })).status).toBe(200);
    await page.reload();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('h1', { hasText: 'Sync Health' }).waitFor();
  });
});

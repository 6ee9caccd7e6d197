import { expect } from '@jest/globals';
import type { ErrorBody } from '../../../api/http/api-error';
import { recordSyncError } from '../../../store/sync-errors';
import { classifySalesforceError } from '../../../sync/salesforce-errors';
import { startTestTemporal, type TestTemporal } from '../../support/temporal';
import { dialects, startApi, type ApiHarness } from './api-harness';

/**
 * The API answers in the user's language: the one chosen with PATCH /api/me, else the request's
 * Accept-Language, else English. Every English text keeps its wording; Spanish is the product
 * page's own.
 */
let temporal: TestTemporal;
beforeAll(async () => {
  temporal = await startTestTemporal();
});
afterAll(async () => {
  await temporal?.stop();
});

interface Me {
  language: 'en' | 'es' | null;
}

interface SyncHealth {
  salesforce: { reason: string | null };
  errors: { byCode: Array<{ code: string; explanation: string; errors: Array<{ message: string; explanation: string }> }> };
}

describe.each(dialects)('languages on %s', (dialect) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ dialect, temporal });
  });
  afterAll(async () => {
    await api?.close();
  });

  const spanishUser = async () => {
    const user = await api.newUser();
    expect((await api.call<Me>('PATCH', '/api/me', { token: user.token, body: { language: 'es' } })).body.language).toBe('es');
    return user;
  };

  it('saves the language with PATCH /api/me, shows it with GET /api/me, and follows the browser again after null', async () => {
    const user = await api.newUser();
    expect((await api.call<Me>('GET', '/api/me', { token: user.token })).body.language).toBeNull();

    const saved = await api.call<Me>('PATCH', '/api/me', { token: user.token, body: { language: 'es' } });
    expect(saved.status).toBe(200);
    expect(saved.body.language).toBe('es');
    expect((await api.call<Me>('GET', '/api/me', { token: user.token })).body.language).toBe('es');

    // A language without a catalogue is refused, in the language already chosen, and changes nothing.
    const refused = await api.call<ErrorBody>('PATCH', '/api/me', { token: user.token, body: { language: 'fr' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([{ field: 'language', message: expect.stringContaining('Opción inválida') }]);
    expect(refused.body.error.message).toMatch(/^La solicitud no es válida\. language: /);
    expect((await api.call<Me>('GET', '/api/me', { token: user.token })).body.language).toBe('es');

    const english = await api.newUser();
    const refusedInEnglish = await api.call<ErrorBody>('PATCH', '/api/me', { token: english.token, body: { language: 'fr' } });
    expect(refusedInEnglish.body.error.fields).toEqual([{ field: 'language', message: expect.stringContaining('Invalid option') }]);
    expect(refusedInEnglish.body.error.message).toMatch(/^The request is invalid\. language: /);

    expect((await api.call<Me>('PATCH', '/api/me', { token: user.token, body: { language: null } })).body.language).toBeNull();
    expect((await api.call<Me>('GET', '/api/me', { token: user.token })).body.language).toBeNull();
  });

  it('answers errors in the user’s language, else in the browser’s, else in English', async () => {
    // Without a token there is no user: Accept-Language decides.
    const anonymous = await api.call<ErrorBody>('GET', '/api/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.message).toBe('This route needs an API token: send "Authorization: Bearer <token>". An admin issues tokens with POST /api/admin/users.');
    const anonymousEs = await api.call<ErrorBody>('GET', '/api/me', { headers: { 'accept-language': 'es-ES,es;q=0.9,en;q=0.8' } });
    expect(anonymousEs.body.error).toEqual({
      code: 'unauthorized',
      message: 'Esta ruta necesita un token de API: envíe "Authorization: Bearer <token>". Un administrador emite tokens con POST /api/admin/users.',
    });

    const english = await api.newUser();
    const missing = await api.call<ErrorBody>('GET', '/api/tasks/nope', { token: english.token });
    expect(missing.body.error).toEqual({ code: 'not_found', message: 'Task nope was not found.' });
    const missingForSpanishBrowser = await api.call<ErrorBody>('GET', '/api/tasks/nope', { token: english.token, headers: { 'accept-language': 'es' } });
    expect(missingForSpanishBrowser.body.error).toEqual({ code: 'not_found', message: 'No se encontró la tarea nope.' });

    // The user's choice wins over the browser's.
    const spanish = await spanishUser();
    const missingEs = await api.call<ErrorBody>('GET', '/api/tasks/nope', { token: spanish.token, headers: { 'accept-language': 'en-US' } });
    expect(missingEs.status).toBe(404);
    expect(missingEs.body.error).toEqual({ code: 'not_found', message: 'No se encontró la tarea nope.' });

    const unnamed = await api.call<ErrorBody>('POST', '/api/tasks', { token: spanish.token, body: { name: '  ', priority: 'urgent' } });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.fields).toEqual([
      { field: 'name', message: 'La tarea necesita un nombre.' },
      { field: 'priority', message: 'La prioridad es una de: normal, high.' },
    ]);
    const unnamedEn = await api.call<ErrorBody>('POST', '/api/tasks', { token: english.token, body: { name: '  ', priority: 'urgent' } });
    expect(unnamedEn.body.error.fields).toEqual([
      { field: 'name', message: 'The task needs a name.' },
      { field: 'priority', message: 'Priority is one of: normal, high.' },
    ]);
  });

  it('gives the steps to find the Email to Salesforce address in the user’s language', async () => {
    const spanish = await spanishUser();
    const res = await api.call<ErrorBody>('PUT', '/api/sync-settings', { token: spanish.token, body: { emailLogging: { mode: 'bcc' } } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ field: 'emailLogging.address', message: expect.stringMatching(/^El registro por CCO necesita su dirección personal de Correo electrónico a Salesforce\. 1\. Inicie sesión en su instancia de Salesforce/) }]);
    expect(res.body.error.steps).toHaveLength(4);
    const steps = res.body.error.steps?.join(' ') ?? '';
    for (const step of ['Mi configuración → Correo electrónico → Mi correo electrónico a Salesforce', '"Mis direcciones de correo electrónico aceptables"', 'Guardar cambios', 'Administración de correo electrónico']) {
      expect(steps).toContain(step);
    }
  });

  it('tells a Salesforce refusal and the connection in the user’s language, Salesforce’s own words as they are', async () => {
    const english = await api.newUser();
    const spanish = await spanishUser();
    // As the task sync records a refused record: Salesforce's message, and the advice for its code in English.
    const advice = classifySalesforceError({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', httpStatus: 400 });
    for (const user of [english, spanish]) {
      await recordSyncError(api.store.db, user.id, { key: 'task:a', code: advice.code, message: 'Subject must start with a verb', explanation: `${advice.explanation} ${advice.fix}`, siaTaskId: 'a' });
    }

    const en = (await api.call<SyncHealth>('GET', '/api/sync-status', { token: english.token })).body;
    expect(en.salesforce.reason).toBe('No Salesforce account is connected. Connect one under Settings → Salesforce.');
    expect(en.errors.byCode[0]?.explanation).toBe(
      'A validation rule in your Salesforce org refused this task (its message is shown with the error). Change the task so it meets the rule, or ask your Salesforce admin to adjust the rule (Setup → Object Manager → Activity/Task → Validation Rules); then choose Resync.',
    );

    const es = (await api.call<SyncHealth>('GET', '/api/sync-status', { token: spanish.token })).body;
    expect(es.salesforce.reason).toBe('No hay ninguna cuenta de Salesforce conectada. Conecte una en Configuración → Salesforce.');
    const group = es.errors.byCode[0];
    expect(group?.code).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(group?.explanation).toBe(
      'Una regla de validación de su organización de Salesforce rechazó esta tarea (su mensaje se muestra con el error). Cambie la tarea para que cumpla la regla, o pida a su administrador de Salesforce que la ajuste (Configuración → Gestor de objetos → Actividad/Tarea → Reglas de validación); después elija Volver a sincronizar.',
    );
    expect(group?.errors).toEqual([expect.objectContaining({ message: 'Subject must start with a verb', explanation: group?.explanation })]);
  });
});

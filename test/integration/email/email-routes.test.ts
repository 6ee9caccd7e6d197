import { expect } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandling } from '../../../api/http/error-handler';
import { jsonSerializerCompiler, zodValidatorCompiler } from '../../../api/http/zod-provider';
import { emailRoutes } from '../../../api/routes/emails';
import { maxEmailBytes } from '../../../client/email-handover';
import { getUser, setUserLanguage } from '../../../store';
import { sentEmail, startEmailTestEnv, tag, type EmailTestEnv } from './email-env';

let env: EmailTestEnv;
let app: FastifyInstance;
let base: string;
let userId: string;
let otherUserId: string;
beforeAll(async () => {
  env = await startEmailTestEnv();
  userId = await env.newUser({ mode: 'api' });
  otherUserId = await env.newUser({ mode: 'api' });
  app = Fastify();
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(jsonSerializerCompiler);
  installErrorHandling(app);
  // Stands in for the bearer-token hook: the caller is whoever the x-test-user header names.
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const user = await getUser(env.store.db, String(request.headers['x-test-user']));
    request.auth = user ? { user, tokenId: 'test' } : null;
  });
  await app.register(emailRoutes, {
    prefix: '/api',
    store: env.store,
    temporal: env.t.client,
    taskQueue: env.t.config.taskQueue,
    secretKey: Buffer.alloc(32),
    salesforceApp: { loginUrl: env.sf.url, clientId: 'unused', clientSecret: 'unused', redirectUri: 'http://localhost/unused', apiVersion: '62.0' },
    publicUrl: 'http://localhost',
    now: () => new Date(),
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  await env?.stop();
});

interface Answer {
  statusCode: number;
  json(): unknown;
}

/** Over real HTTP: jest cannot load the ESM that Fastify's inject needs. */
async function call(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<Answer> {
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  return { statusCode: res.status, json: (): unknown => JSON.parse(text) };
}

const post = (raw: Buffer, as = userId, query = '') => call('POST', `/api/emails${query}`, { 'content-type': 'message/rfc822', 'x-test-user': as }, raw);
const get = (id: string, as = userId) => call('GET', `/api/emails/${id}`, { 'x-test-user': as });

describe('POST /api/emails and GET /api/emails/:id', () => {
  it('accepts a sent email (202), answers a repeat with 200 "already logged", and shows where it was logged', async () => {
    const k = tag();
    const first = await post(sentEmail(k));
    expect(first.statusCode).toBe(202);
    const accepted = first.json() as { emailId: string; workflowId: string; status: string; outcome: string };
    expect(accepted).toMatchObject({ status: 'pending', outcome: 'started', workflowId: expect.stringMatching(new RegExp(`^email-log:${userId}:[0-9a-f]{32}$`)) });
    await env.t.client.workflow.getHandle(accepted.workflowId).result();

    const repeat = await post(sentEmail(k));
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json()).toMatchObject({ emailId: accepted.emailId, status: 'logged', outcome: 'already-done', message: expect.stringMatching(/^Already logged/) });

    const view = await get(accepted.emailId);
    expect(view.statusCode).toBe(200);
    const [task] = await env.tasks(k);
    expect(view.json()).toMatchObject({ emailId: accepted.emailId, status: 'logged', direction: 'sent', summary: 'Logged on 1 Salesforce task', detail: { tasks: [{ id: task?.Id, whoId: env.records.ann }] } });
  });

  it('takes the direction from the query', async () => {
    const k = tag();
    const res = await post(sentEmail(k, { subject: `Terms ${k}` }), userId, '?direction=reply');
    expect(res.statusCode).toBe(202);
    await env.t.client.workflow.getHandle((res.json() as { workflowId: string }).workflowId).result();
    expect((await env.tasks(k)).map((t) => t.Subject)).toEqual([`Reply: Terms ${k}`]);
    expect((await post(sentEmail(tag()), userId, '?direction=forward')).statusCode).toBe(400);
  });

  it('refuses an email over 10 MiB with 413 and says the limit', async () => {
    const res = await post(Buffer.concat([sentEmail(tag()), Buffer.alloc(maxEmailBytes, 'a')]));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { code: 'email_too_large', message: expect.stringContaining('10 MiB') } });
  });

  it('refuses an empty body and another content type', async () => {
    expect((await post(Buffer.alloc(0))).statusCode).toBe(400);
    const json = await call('POST', '/api/emails', { 'content-type': 'application/json', 'x-test-user': userId }, '{}');
    expect(json.statusCode).toBe(415);
  });

  it('shows an email logged as a Salesforce email, and one logged as a task because the org has no Enhanced Email, with the note', async () => {
    const asEmail = await env.newUser({ mode: 'api', logAs: 'email' });
    const k = tag();
    const res = await post(sentEmail(k), asEmail);
    const { emailId, workflowId } = res.json() as { emailId: string; workflowId: string };
    await env.t.client.workflow.getHandle(workflowId).result();
    const [message] = (await env.sf.control.records(env.orgId, 'EmailMessage')).filter((m) => m.MessageIdentifier === `<${k}@mail.sia-sales.test>`);
    const view = await get(emailId, asEmail);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      status: 'logged',
      summary: 'Logged as a Salesforce email on 1 record',
      detail: { loggedAs: 'email', emailMessage: { id: message?.Id, relatedToId: env.records.dealOpen, relations: [{ relationId: env.records.ann, relationType: 'ToAddress' }, { relationType: 'FromAddress' }] } },
    });

    await env.sf.control.updateOrg(env.orgId, { enhancedEmail: false });
    try {
      const fallback = await post(sentEmail(tag()), asEmail);
      const logged = fallback.json() as { emailId: string; workflowId: string };
      await env.t.client.workflow.getHandle(logged.workflowId).result();
      const shown = await get(logged.emailId, asEmail);
      expect(shown.statusCode).toBe(200);
      expect(shown.json()).toMatchObject({ status: 'logged', detail: { loggedAs: 'task', tasks: [{ whoId: env.records.ann }], note: { code: 'ENHANCED_EMAIL_OFF', title: 'Logged as a task: Enhanced Email is off' } } });
    } finally {
      await env.sf.control.updateOrg(env.orgId, { enhancedEmail: true });
    }
  });

  it('shows an email only to its owner', async () => {
    const res = await post(sentEmail(tag()));
    const { emailId } = res.json() as { emailId: string };
    const foreign = await get(emailId, otherUserId);
    expect(foreign.statusCode).toBe(404);
  });
});

describe('in the user’s language', () => {
  let spanishId: string;
  beforeAll(async () => {
    spanishId = await env.newUser({ mode: 'api' });
    await setUserLanguage(env.store.db, spanishId, 'es');
  });

  it('tells a user who chose Spanish where an email was logged, in Spanish', async () => {
    const k = tag();
    const first = await post(sentEmail(k), spanishId);
    const accepted = first.json() as { emailId: string; workflowId: string; message: string };
    expect(accepted.message).toBe('Aceptado: el correo electrónico se está registrando.');
    await env.t.client.workflow.getHandle(accepted.workflowId).result();

    const repeat = await post(sentEmail(k), spanishId);
    expect(repeat.json()).toMatchObject({ outcome: 'already-done', summary: 'Registrado en 1 tarea de Salesforce', message: 'Ya registrado: Registrado en 1 tarea de Salesforce' });
    const view = await get(accepted.emailId, spanishId);
    expect(view.json()).toMatchObject({ status: 'logged', summary: 'Registrado en 1 tarea de Salesforce', detail: { summary: 'Registrado en 1 tarea de Salesforce' } });
  });

  it('tells why an email was not logged, with the problem’s title, explanation and fix, in each user’s language', async () => {
    const k = tag();
    const shown = async (as: string) => {
      const handed = (await post(sentEmail(k, { to: 'Someone <someone@newco-industries.test>' }), as)).json() as { emailId: string; workflowId: string };
      await env.t.client.workflow.getHandle(handed.workflowId).result();
      return (await get(handed.emailId, as)).json();
    };
    expect(await shown(userId)).toMatchObject({
      status: 'skipped',
      summary: 'Not logged: no matching contact or lead',
      detail: { problem: { code: 'NO_MATCHING_RECORD', title: 'No matching Contact or Lead', fix: expect.stringContaining('choose “Create a lead”') } },
    });
    expect(await shown(spanishId)).toMatchObject({
      status: 'skipped',
      summary: 'No registrado: ningún contacto o posible cliente coincide',
      detail: {
        summary: 'No registrado: ningún contacto o posible cliente coincide',
        unmatched: ['someone@newco-industries.test'],
        problem: {
          code: 'NO_MATCHING_RECORD',
          title: 'Ningún contacto o posible cliente coincide',
          explanation: 'Ningún contacto o posible cliente de Salesforce que usted pueda ver tiene la dirección de un destinatario, y los correos electrónicos sin coincidencia no se registran.',
          fix: expect.stringContaining('elija “Crear un posible cliente”'),
        },
      },
    });
  });

  it('answers a missing email in the browser’s language when the user chose none', async () => {
    const english = await call('GET', '/api/emails/nope', { 'x-test-user': userId });
    expect(english.json()).toEqual({ error: { code: 'not_found', message: 'Email nope was not found.' } });
    const spanish = await call('GET', '/api/emails/nope', { 'x-test-user': userId, 'accept-language': 'es-MX,es;q=0.9' });
    expect(spanish.statusCode).toBe(404);
    expect(spanish.json()).toEqual({ error: { code: 'not_found', message: 'No se encontró el correo electrónico nope.' } });
  });
});

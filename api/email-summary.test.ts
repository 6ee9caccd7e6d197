import type { EmailStatusDetail } from '../contract/email';
import { emailProblem } from '../contract/email-problems';
import { emailSummary } from './email-summary';

const task = (id: string) => ({ id, whoId: `003${id}`, whatId: null });
const refusal = { ...emailProblem('NO_MATCHING_RECORD'), code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' };

describe('emailSummary', () => {
  test.each<[string, EmailStatusDetail, string]>([
    ['tasks written', { summary: 'Logged on 2 Salesforce tasks', via: 'api', tasks: [task('1'), task('2')] }, 'Registrado en 2 tareas de Salesforce'],
    [
      'tasks with refusals and unmatched recipients',
      { summary: 'Logged on 1 Salesforce task; Salesforce refused 1 record (FIELD_CUSTOM_VALIDATION_EXCEPTION); 2 recipients without a matching Contact or Lead', via: 'api', tasks: [task('1')], refusals: [refusal], unmatched: ['a@x.test', 'b@x.test'] },
      'Registrado en 1 tarea de Salesforce; Salesforce rechazó 1 registro (FIELD_CUSTOM_VALIDATION_EXCEPTION); 2 destinatarios sin un contacto o posible cliente que coincida',
    ],
    [
      'tasks for want of Enhanced Email',
      { summary: 'Logged on 1 Salesforce task, not as an email: Enhanced Email is off', via: 'api', tasks: [task('1')], note: emailProblem('ENHANCED_EMAIL_OFF') },
      'Registrado en 1 tarea de Salesforce, no como correo electrónico: el Correo electrónico mejorado está desactivado',
    ],
    ['relayed by BCC', { summary: 'Sent to your Email to Salesforce address; Salesforce logs it on the matching records', via: 'bcc', relayedTo: 'e2s@x.test' }, 'Enviado a su dirección de Correo electrónico a Salesforce; Salesforce lo registra en los registros correspondientes'],
    ['skipped for a problem', { summary: 'Not logged: email logging is off', problem: emailProblem('EMAIL_LOGGING_OFF') }, 'No registrado: el registro de correo electrónico está desactivado'],
  ])('tells %s in Spanish', (_label, detail, spanish) => {
    expect(emailSummary('logged', detail, 'en')).toBe(detail.summary);
    expect(emailSummary('logged', detail, 'es')).toBe(spanish);
  });

  test('says a pending email waits, in the reader’s language', () => {
    expect([emailSummary('pending', null, 'en'), emailSummary('pending', null, 'es')]).toEqual(['Waiting to be logged', 'Esperando a registrarse']);
    expect(emailSummary('skipped', null, 'es')).toBeNull();
  });

  test('shows a summary its detail cannot tell again as stored', () => {
    const detail: EmailStatusDetail = { summary: 'Logged somewhere else', via: 'api', tasks: [task('1')] };
    expect(emailSummary('logged', detail, 'es')).toBe('Logged somewhere else');
  });
});

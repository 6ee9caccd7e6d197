import { emailProblem, emailProblemCodes } from '../contract/email-problems';
import { localizeExplanation, localizeProblem } from './problem-texts';

describe('localizeProblem', () => {
  test('tells every email problem in Spanish: title, explanation and fix, its own words kept', () => {
    for (const code of emailProblemCodes) {
      const stored = emailProblem(code, 'the server said 550');
      const es = localizeProblem(stored, 'es');
      expect([es.code, es.message]).toEqual([code, 'the server said 550']);
      expect([es.title === stored.title, es.explanation === stored.explanation, es.fix === stored.fix]).toEqual([false, false, false]);
    }
  });

  test('leaves English as stored', () => {
    const stored = emailProblem('NO_RECIPIENTS');
    expect(localizeProblem(stored, 'en')).toBe(stored);
  });

  test('gives the steps to find the Email to Salesforce address in Spanish inside a fix', () => {
    expect(localizeProblem(emailProblem('EMAIL_TO_SALESFORCE_ADDRESS_REFUSED'), 'es').fix).toMatch(/^Revise la dirección\. Inicie sesión en Salesforce, abra Mi configuración → Correo electrónico → Mi correo electrónico a Salesforce/);
    expect(emailProblem('EMAIL_TO_SALESFORCE_ADDRESS_REFUSED').fix).toMatch(/^Check the address\. In Salesforce, open My Settings → Email → My Email to Salesforce/);
  });

  test('tells a Salesforce refusal by its code, and a workflow’s own failure by its words', () => {
    const refusal = { code: 'ENTITY_IS_LOCKED', title: 'The record is locked', explanation: 'The task or its related record is locked, usually by an approval process.', fix: 'Wait until the approval finishes or ask the approver or your admin to unlock it; then choose Resync.', message: 'locked by approval' };
    expect(localizeProblem(refusal, 'es')).toMatchObject({ title: 'El registro está bloqueado', message: 'locked by approval' });
    const failed = { code: 'EmailRelayTransient', title: 'Logging failed', explanation: 'connect ECONNREFUSED 127.0.0.1:2525', fix: 'Nothing was logged for this email. If this keeps happening, report the code and message shown.' };
    expect(localizeProblem(failed, 'es')).toEqual({ ...failed, title: 'El registro falló', fix: 'No se registró nada de este correo electrónico. Si sigue ocurriendo, comunique el código y el mensaje mostrados.' });
  });

  test('shows a text the catalogue does not know as stored', () => {
    const older = { code: 'NO_RECIPIENTS', title: 'Nobody to log on', explanation: 'An older wording.', fix: 'Nothing to do.' };
    expect(localizeProblem(older, 'es')).toEqual(older);
  });
});

describe('localizeExplanation', () => {
  test('tells a sync error’s "explanation fix" in Spanish, and leaves an unknown one as stored', () => {
    const stored = 'Your Salesforce user has been deactivated. Ask your Salesforce admin to reactivate your user (Setup → Users), or connect an active Salesforce user in Settings → Salesforce.';
    expect(localizeExplanation('INACTIVE_USER', stored, 'es')).toBe(
      'Su usuario de Salesforce se desactivó. Pida a su administrador de Salesforce que reactive su usuario (Configuración → Usuarios), o conecte un usuario de Salesforce activo en Configuración → Salesforce.',
    );
    expect(localizeExplanation('SALESFORCE_NOT_CONNECTED', 'No Salesforce account is connected for this user. Connect your Salesforce account under Settings → Salesforce, then save your sync settings again.', 'es')).toBe(
      'No hay ninguna cuenta de Salesforce conectada para este usuario. Conecte su cuenta de Salesforce en Configuración → Salesforce y después vuelva a guardar su configuración de sincronización.',
    );
    expect(localizeExplanation('INACTIVE_USER', 'Something else.', 'es')).toBe('Something else.');
  });
});

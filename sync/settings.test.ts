import { parseSyncSettings } from './settings';

describe('email logging: log as', () => {
  it('is task unless chosen: settings saved before the choice existed read as task', () => {
    // As stored before: every API rule, no logAs.
    const saved = { emailLogging: { mode: 'api', logToContacts: true, logToLeads: false, multipleMatches: 'all', noMatch: 'do_not_log', logReplies: true, linkOpenOpportunities: true } };
    expect(parseSyncSettings(saved)).toEqual({ ok: true, settings: { emailLogging: { ...saved.emailLogging, logAs: 'task' }, taskSync: { mode: 'do_not_sync' } } });
  });

  it('takes email, and refuses anything else by its field', () => {
    expect(parseSyncSettings({ emailLogging: { mode: 'api', logAs: 'email' } })).toMatchObject({ ok: true, settings: { emailLogging: { logAs: 'email' } } });
    expect(parseSyncSettings({ emailLogging: { mode: 'api', logAs: 'EmailMessage' } })).toEqual({ ok: false, errors: [{ field: 'emailLogging.logAs', message: 'Log as is task or email.' }] });
  });
});

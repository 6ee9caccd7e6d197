import { getEmail, getEmailRaw, getSyncSettings, SyncSettingsError, type Email, type Store } from '../../store';
import type { EmailLoggingSettings } from '../../sync/settings';
import { emailFailure } from './email-failures';
import { emailFailureTypes, emailProblem } from '../../contract/email-problems';
import { parseEmail, type ParsedEmail } from '../../mail/parse-email';
import type { EmailRef } from '../../contract/email';

/** The stored email of this user with its raw bytes, parsed; a message without headers is refused for good. */
export async function loadEmail(store: Store, { userId, emailId }: EmailRef): Promise<{ email: Email; raw: Buffer; parsed: ParsedEmail }> {
  const email = await getEmail(store.db, emailId);
  const raw = email?.userId === userId ? await getEmailRaw(store.db, emailId) : undefined;
  if (!email || !raw) throw emailFailure(emailFailureTypes.malformed, emailProblem('EMAIL_NOT_FOUND'));
  const parsed = await parseEmail(raw);
  if (!parsed.hasHeaders) throw emailFailure(emailFailureTypes.malformed, emailProblem('MALFORMED_EMAIL'));
  return { email, raw, parsed };
}

/** The user's current email logging settings; saved settings that no longer validate need the user. */
export async function loadLoggingSettings(store: Store, userId: string): Promise<EmailLoggingSettings> {
  try {
    return (await getSyncSettings(store.db, userId)).settings.emailLogging;
  } catch (error) {
    if (!(error instanceof SyncSettingsError)) throw error;
    const addressMissing = error.errors.some((e) => e.field === 'emailLogging.address');
    throw emailFailure(emailFailureTypes.needsUser, emailProblem(addressMissing ? 'EMAIL_TO_SALESFORCE_ADDRESS_MISSING' : 'SETTINGS_INVALID', error.message));
  }
}

import { getEmail, setEmailStatus } from '../../store';
import type { SalesforceDeps } from '../salesforce/with-salesforce';
import type { EmailStatusDetail } from '../../contract/email';

/**
 * The email's "being written to Salesforce" mark: the first attempt sets it before its first
 * create; a later attempt (after a lost answer) finds it and first looks for what was written
 * since. Answers when writing began and whether an earlier attempt began it.
 */
export async function markWriting(deps: SalesforceDeps, emailId: string): Promise<{ since: string; earlier: boolean }> {
  const current = await getEmail(deps.store.db, emailId);
  const since = (current?.statusDetail as EmailStatusDetail | null)?.writingSince;
  if (current?.status === 'pending' && since) return { since, earlier: true };
  const now = deps.now().toISOString();
  const detail: EmailStatusDetail = { summary: 'Logging to Salesforce…', via: 'api', writingSince: now };
  await setEmailStatus(deps.store.db, emailId, 'pending', detail, deps.now());
  return { since: now, earlier: false };
}

import { setEmailStatus, type Store } from '../../store';
import type { EmailOutcome, EmailStatusDetail } from '../../contract/email';

/** Writes a skip or a failure the workflow decided on (logging activities write their own results). */
export async function recordOutcome(store: Store, now: () => Date, input: { emailId: string; outcome: EmailOutcome }): Promise<void> {
  const { outcome } = input;
  const detail: EmailStatusDetail = { summary: outcome.summary, ...(outcome.via ? { via: outcome.via } : {}), ...(outcome.problem ? { problem: outcome.problem } : {}) };
  await setEmailStatus(store.db, input.emailId, outcome.status, detail, now());
}

import type { Store } from '../../store';
import { loadEmail, loadLoggingSettings } from './load-email';
import type { EmailFacts, EmailRef } from '../../contract/email';

/**
 * First step of logging an email: the facts the workflow decides on. Settings are read first:
 * with logging off the message is not even parsed (a broken message is then simply not logged).
 */
export async function readEmailFacts(store: Store, ref: EmailRef): Promise<EmailFacts> {
  const settings = await loadLoggingSettings(store, ref.userId);
  if (settings.mode === 'off') return { mode: 'off', rules: null, isReply: false, recipients: 0 };
  const { email, parsed } = await loadEmail(store, ref);
  const recipients = new Set([...parsed.to, ...parsed.cc].map((r) => r.address)).size;
  const rules =
    settings.mode === 'api'
      ? {
          logToContacts: settings.logToContacts,
          logToLeads: settings.logToLeads,
          multipleMatches: settings.multipleMatches,
          noMatch: settings.noMatch,
          logReplies: settings.logReplies,
          linkOpenOpportunities: settings.linkOpenOpportunities,
        }
      : null;
  return { mode: settings.mode, rules, isReply: email.direction === 'reply', recipients };
}

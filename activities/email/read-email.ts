import { getUser, ownAddressesOf, type Store } from '../../store';
import { isReceived, ownAddressSet, peopleToLogOn } from '../../sync/email-direction';
import { matchRecipients } from '../../sync/email-matching';
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
  const user = await getUser(store.db, ref.userId);
  const own = ownAddressSet(user ? ownAddressesOf(user) : []);
  const received = isReceived({ from: parsed.from?.address ?? null, own, override: email.received });
  const people = peopleToLogOn(parsed, received);
  const recipients = matchRecipients({ ...people, candidates: [], settings: anyMatchSettings, senderAddresses: [...own] }).recipients.length;
  const rules =
    settings.mode === 'api'
      ? {
          logToContacts: settings.logToContacts,
          logToLeads: settings.logToLeads,
          multipleMatches: settings.multipleMatches,
          noMatch: settings.noMatch,
          logReplies: settings.logReplies,
          linkOpenOpportunities: settings.linkOpenOpportunities,
          logAs: settings.logAs,
        }
      : null;
  return { mode: settings.mode, rules, isReply: email.direction === 'reply', recipients, ...(received ? { received } : {}) };
}

/** Counting the people to log on does not depend on the matching rules. */
const anyMatchSettings = { logToContacts: true, logToLeads: true, multipleMatches: 'all', noMatch: 'do_not_log' } as const;

import { normalizeAddress, type Recipient } from './email-matching';

/**
 * Who wrote an email, as far as logging cares: the user (a sent email or a sent reply) or
 * someone else (a reply the user received). The user's own addresses are the SIA profile
 * address, the connected Salesforce user's email, and the further addresses the user saved.
 *
 * - Received is the caller's explicit word when given, else true exactly when the From address
 *   is not one of the user's own (an email without a From counts as sent: it cannot be logged
 *   on a sender).
 * - A received email is logged only as a reply: on its sender and the Cc recipients other than
 *   the user (To names the user and their side). One the user received that answers nothing of
 *   theirs (no In-Reply-To or References) is not logged.
 */

export function ownAddressSet(addresses: ReadonlyArray<string | null | undefined>): Set<string> {
  return new Set(addresses.map((a) => (a ? normalizeAddress(a) : null)).filter((a): a is string => a !== null));
}

/** Whether the user received the email: the caller's word when given, else by the From address. */
export function isReceived(input: { from: string | null; own: ReadonlySet<string>; override: boolean | null }): boolean {
  if (input.override !== null) return input.override;
  const from = input.from === null ? null : normalizeAddress(input.from);
  return from !== null && !input.own.has(from);
}

/** The people an email is logged on, before matching: To and Cc when sent; the sender and Cc when received. */
export function peopleToLogOn(email: { from: Recipient | null; to: readonly Recipient[]; cc: readonly Recipient[] }, received: boolean): { to: readonly Recipient[]; cc: readonly Recipient[] } {
  return received ? { to: email.from === null ? [] : [email.from], cc: email.cc } : { to: email.to, cc: email.cc };
}

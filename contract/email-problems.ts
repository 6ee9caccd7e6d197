/**
 * Why an email was not logged (or not completely), in the same shape as Salesforce failures
 * (`SalesforceFailureDetails`), so the workflow, the store and the HTTP answer treat both alike.
 * Plain data with no imports: the workflow uses it too.
 */
export interface EmailProblem {
  code: string;
  title: string;
  explanation: string;
  fix: string;
  /** The other side's own words (Salesforce message, SMTP reply), when there are some. */
  message?: string;
}

/** Where the user finds, or an admin enables, the Email to Salesforce address (Salesforce Help). */
export const emailToSalesforceSteps =
  'In Salesforce, open My Settings → Email → My Email to Salesforce and copy the “Email to Salesforce Address” into Settings → Salesforce → Sync Settings. ' +
  'If that field is empty, add the address you send email from under “My Acceptable Email Addresses” and save. ' +
  'If “My Email to Salesforce” is missing, a Salesforce admin must enable it: Setup → Email Administration → Email to Salesforce → Edit → tick Active → Save.';

const problems = {
  EMAIL_LOGGING_OFF: {
    title: 'Email logging is off',
    explanation: 'Email logging is off for this user, so the email was not logged.',
    fix: 'To log emails, switch on “Log email activity to Salesforce” (API or BCC) in Settings → Salesforce → Sync Settings.',
  },
  REPLY_NOT_LOGGED: {
    title: 'Replies are not logged',
    explanation: 'This email is a reply and “Log Replies” is off.',
    fix: 'Tick “Log Replies” in Settings → Salesforce → Sync Settings to log replies as “Reply: <subject>”.',
  },
  RECEIVED_NOT_RELAYED: {
    title: 'Received email not sent to Salesforce',
    explanation: 'This is an email you received. Email to Salesforce (BCC) logs only what you send: Salesforce would log it as if you had sent it.',
    fix: 'To log the replies you receive, choose “Salesforce API” for email logging in Settings → Salesforce → Sync Settings and tick “Log Replies”.',
  },
  RECEIVED_NOT_A_REPLY: {
    title: 'Received email that answers nothing of yours',
    explanation: 'You received this email, and it is not a reply to one of your emails (it has no In-Reply-To or References). Only the replies you receive are logged.',
    fix: 'Nothing to do: only the replies you receive are logged. A backend that knows an email is a reply hands it over with direction “received”.',
  },
  NO_RECIPIENTS: {
    title: 'No recipient to log on',
    explanation: 'The email has no usable To or Cc address (Bcc recipients are never logged, as in Salesforce).',
    fix: 'Nothing to do for this email; emails with a To or Cc recipient are logged.',
  },
  NO_MATCHING_RECORD: {
    title: 'No matching Contact or Lead',
    explanation: 'No Salesforce Contact or Lead you can see has the address of a recipient, and emails without a match are not logged.',
    fix: 'Add the person to Salesforce as a Contact or Lead, or choose “Create a lead” for emails without a match in Settings → Salesforce → Sync Settings.',
  },
  MALFORMED_EMAIL: {
    title: 'Not a readable email',
    explanation: 'The message has no headers (From, To, Subject …), so it cannot be an email as sent.',
    fix: 'Hand over the complete message as sent, headers and body (RFC 822, content type message/rfc822).',
  },
  EMAIL_NOT_FOUND: {
    title: 'Email not found',
    explanation: 'The email is no longer in the store (or belongs to another user).',
    fix: 'Hand the email over again.',
  },
  SETTINGS_INVALID: {
    title: 'Sync settings need attention',
    explanation: 'The saved sync settings of this user no longer validate.',
    fix: 'Open Settings → Salesforce → Sync Settings, check the email logging card and save.',
  },
  EMAIL_TO_SALESFORCE_ADDRESS_MISSING: {
    title: 'Email to Salesforce address missing',
    explanation: 'BCC logging is on but no Email to Salesforce address is saved, so there is nowhere to send the copy.',
    fix: emailToSalesforceSteps,
  },
  EMAIL_TO_SALESFORCE_ADDRESS_REFUSED: {
    title: 'Email to Salesforce address not accepted',
    explanation: 'Salesforce does not know the saved Email to Salesforce address, or Email to Salesforce is switched off for your org or user.',
    fix: `Check the address. ${emailToSalesforceSteps}`,
  },
  SENDER_NOT_ACCEPTABLE: {
    title: 'Sending address not accepted by Salesforce',
    explanation: 'Email to Salesforce only accepts mail from your “My Acceptable Email Addresses”, and the address this email was sent from is not one of them.',
    fix: 'In Salesforce, open My Settings → Email → My Email to Salesforce, add the address you send email from under “My Acceptable Email Addresses” and save.',
  },
  ENHANCED_EMAIL_OFF: {
    title: 'Logged as a task: Enhanced Email is off',
    explanation: 'You chose to log emails as Salesforce emails, but your Salesforce org has no Enhanced Email (or your profile cannot see email messages), so Salesforce refuses email records. The email was logged as a task instead.',
    fix: 'Ask a Salesforce admin to turn on Enhanced Email (Setup → Enhanced Email → Enable) and to let your profile read and create email messages; or choose “Log as: Task” in Settings → Salesforce → Sync Settings.',
  },
  SMTP_REFUSED: {
    title: 'Mail server refused the copy',
    explanation: 'The mail server refused to deliver the copy to Email to Salesforce (its reply is shown).',
    fix: 'Read the server’s reply; if it names the address or the sender, fix it in Salesforce (My Settings → Email → My Email to Salesforce) or in Settings → Salesforce → Sync Settings.',
  },
} as const satisfies Record<string, Omit<EmailProblem, 'code' | 'message'>>;

export type EmailProblemCode = keyof typeof problems;

export function emailProblem(code: EmailProblemCode, message?: string): EmailProblem {
  return { code, ...problems[code], ...(message === undefined ? {} : { message }) };
}

/** Failure types the email workflow does not retry: a person must act, or the input cannot change. */
export const emailFailureTypes = {
  malformed: 'EmailMalformed',
  needsUser: 'EmailNeedsUser',
  refused: 'EmailRelayRefused',
} as const;

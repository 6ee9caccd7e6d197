/**
 * The text of the Task an email becomes: Subject "Email: <subject>" and a Description that lists
 * the other recipients, the attachments, the subject and the body.
 */
const SUBJECT_MAX = 255;
const DESCRIPTION_MAX = 32000;

export interface EmailContent {
  subject: string;
  to: string[];
  cc: string[];
  attachments: string[];
  body: string;
}

export function taskSubject(subject: string): string {
  return `Email: ${subject}`.replace(/[\r\n]+/g, ' ').slice(0, SUBJECT_MAX);
}

/**
 * BCC stays empty: the only Bcc recipient Salesforce learns of is its own address. The body is
 * the plain-text part; Description ("Comments") holds at most 32,000 characters.
 */
export function taskDescription(e: EmailContent): string {
  const text = [
    `Additional To: ${e.to.join('; ')}`,
    `CC: ${e.cc.join('; ')}`,
    'BCC: ',
    `Attachment: ${e.attachments.join('; ')}`,
    '',
    `Subject: ${e.subject}`,
    'Body:',
    e.body,
  ].join('\n');
  return text.slice(0, DESCRIPTION_MAX);
}

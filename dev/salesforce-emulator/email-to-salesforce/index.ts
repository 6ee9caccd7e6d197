/** Salesforce's Email to Salesforce, played over SMTP for the emulator's org. */
export { startEmailToSalesforce, type EmailToSalesforceOptions, type EmailToSalesforceServer } from './smtp-listener';
export type { InboxEntry } from './inbox';
export type { LoggedTask } from './log-email';
export type { EmailToSalesforceStore } from './store-port';

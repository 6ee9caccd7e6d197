/** The workflows a worker registers (the bundle's entry point). */
export { salesforceSync } from './salesforce-sync';
export { emailLog } from './email-log';
export { orgPoller } from './org-poller';

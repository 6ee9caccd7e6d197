/**
 * How a user finds their Email to Salesforce address, as Salesforce lays it out. Shown whenever
 * BCC logging is chosen without a usable address.
 */
export const emailToSalesforceSteps: readonly string[] = [
  'In Salesforce, open My Settings → Email → My Email to Salesforce.',
  'Copy the address in the field "Email to Salesforce Address" and paste it here.',
  'If that field is empty, add the address you send sales emails from under "My Acceptable Email Addresses", click Save, and the address appears.',
  'If "My Email to Salesforce" is missing, a Salesforce admin must enable it: Setup → Email Administration → Email to Salesforce → Edit → tick Active → Save.',
];

export function emailToSalesforceHelp(problem: string): string {
  return `${problem} ${emailToSalesforceSteps.map((step, i) => `${i + 1}. ${step}`).join(' ')}`;
}

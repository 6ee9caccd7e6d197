import { msg, type Language, type Localized } from '../../i18n';

/** The steps, each told in the reader's language (an API error's `steps`). */
export const emailToSalesforceStepTexts: readonly Localized[] = [msg('emailToSalesforce.step1'), msg('emailToSalesforce.step2'), msg('emailToSalesforce.step3'), msg('emailToSalesforce.step4')];

/**
 * How a user finds their Email to Salesforce address, as Salesforce lays it out. Shown whenever
 * BCC logging is chosen without a usable address.
 */
export function emailToSalesforceSteps(lang: Language): string[] {
  return emailToSalesforceStepTexts.map((step) => step(lang));
}

/** A BCC address problem followed by the numbered steps, in the reader's language. */
export function emailToSalesforceHelp(problem: Localized): Localized {
  return (lang) => `${problem(lang)} ${emailToSalesforceSteps(lang).map((step, i) => `${i + 1}. ${step}`).join(' ')}`;
}

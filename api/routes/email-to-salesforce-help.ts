import { t, type Language } from '../../i18n';

/**
 * How a user finds their Email to Salesforce address, as Salesforce lays it out. Shown whenever
 * BCC logging is chosen without a usable address.
 */
export function emailToSalesforceSteps(lang: Language): string[] {
  return [t(lang, 'emailToSalesforce.step1'), t(lang, 'emailToSalesforce.step2'), t(lang, 'emailToSalesforce.step3'), t(lang, 'emailToSalesforce.step4')];
}

export function emailToSalesforceHelp(lang: Language, problem: string): string {
  return `${problem} ${emailToSalesforceSteps(lang).map((step, i) => `${i + 1}. ${step}`).join(' ')}`;
}

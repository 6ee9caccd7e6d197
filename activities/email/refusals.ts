import { classifySalesforceError } from '../../sync/salesforce-errors';
import type { CollectionResult } from '../salesforce/client';
import { refusalFailure } from '../salesforce/errors';
import type { EmailProblem } from '../../contract/email-problems';
import type { EmailStatusDetail } from '../../contract/email';

/** A record Salesforce refused, as the email's status shows it. */
export type Refusal = NonNullable<EmailStatusDetail['refusals']>[number];

/** The refusal of one record of a collection call, with its code, what to do, and Salesforce's words. */
export function refusal(result: CollectionResult | undefined): EmailProblem {
  const error = result?.errors[0];
  const advice = classifySalesforceError({ errorCode: error?.statusCode ?? null });
  const fields = error?.fields?.length ? ` (${error.fields.join(', ')})` : '';
  return { code: advice.code, title: advice.title, explanation: advice.explanation, fix: advice.fix, message: `${error?.message ?? 'no message'}${fields}` };
}

/** A refusal that passes (a locked row, maintenance, the allowance spent) fails the activity; the next attempt finds what was written. */
export function throwIfPassing(refusals: readonly Refusal[]): void {
  for (const r of refusals) {
    const failure = refusalFailure({ code: r.code, message: r.message ?? '' });
    if (failure) throw failure;
  }
}

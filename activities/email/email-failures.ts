import { ApplicationFailure } from '@temporalio/activity';
import type { emailFailureTypes, EmailProblem } from '../../contract/email-problems';

/** A failure the workflow does not retry, carrying the problem for the email's status. */
export function emailFailure(type: (typeof emailFailureTypes)[keyof typeof emailFailureTypes], problem: EmailProblem): ApplicationFailure {
  return ApplicationFailure.create({ type, message: `${problem.code}: ${problem.title}. ${problem.message ?? problem.explanation}`, nonRetryable: true, details: [problem] });
}

import { z } from 'zod';
import { emailDirections, getEmail, type Email } from '../../store/emails';
import { emailLogWorkflowId } from '../../contract/ids';
import { me } from '../auth';
import { EmailHandOverError, handOverEmail, maxEmailBytes } from '../../client/email-handover';
import type { ApiPlugin } from '../http/api-deps';
import { ApiError, notFound } from '../http/api-error';
import { bearerSecurity } from './schemas';

const tags = ['emails'];

const handOverQuery = z.object({
  direction: z.enum(emailDirections, { error: 'direction is sent or reply (leave it out to tell by In-Reply-To/References).' }).optional(),
});
const emailParams = z.object({ id: z.string() });

/** The stored email as the user sees it: where it was logged, or why not. */
function emailView(email: Email) {
  const detail = (email.statusDetail ?? null) as ({ summary?: string } & Record<string, unknown>) | null;
  return {
    emailId: email.id,
    workflowId: emailLogWorkflowId(email.userId, email.messageKey),
    direction: email.direction,
    size: email.size,
    status: email.status,
    summary: detail?.summary ?? (email.status === 'pending' ? 'Waiting to be logged' : null),
    detail,
    handedOverAt: email.createdAt,
    updatedAt: email.updatedAt,
  };
}

/**
 * Sent emails handed over for logging to Salesforce. The body is the message exactly as sent
 * (RFC 822, `Content-Type: message/rfc822`), at most 10 MiB.
 */
export const emailRoutes: ApiPlugin = async (app, deps) => {
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: maxEmailBytes }, (_request, body, done) => done(null, body));
  // Fastify stops reading past the limit; say which limit, in the API's shape.
  app.setErrorHandler((error, _request, _reply) => {
    if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      throw new ApiError(413, 'email_too_large', `Emails up to ${maxEmailBytes} bytes (10 MiB) can be logged. Remove large attachments or log it in Salesforce by hand.`);
    }
    throw error;
  });

  app.post(
    '/emails',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'Log a sent email to Salesforce',
        description:
          'Hands a sent email (or reply) over for logging with the user\'s email logging settings. 202 when logging starts (or is already under way), 200 when the same email was handed over before and is already logged or handled; the answer carries the status to poll with GET /api/emails/{id}.',
        querystring: handOverQuery,
      },
    },
    async (request, reply) => {
      const raw = request.body;
      if (!Buffer.isBuffer(raw)) throw new ApiError(415, 'unsupported_media_type', 'Send the email as sent, with Content-Type: message/rfc822.');
      const result = await handOverEmail({ client: deps.temporal, taskQueue: deps.taskQueue }, deps.store, { userId: me(request).id, raw, direction: request.query.direction }).catch(
        (error: unknown) => {
          if (error instanceof EmailHandOverError) throw new ApiError(error.statusCode, error.code.toLowerCase(), error.message);
          throw error;
        },
      );
      return reply.status(result.outcome === 'already-done' ? 200 : 202).send({ ...emailView(result.email), workflowId: result.workflowId, outcome: result.outcome, message: result.message });
    },
  );

  app.get(
    '/emails/:id',
    { schema: { tags, security: bearerSecurity, summary: 'Where a handed-over email was logged', description: 'Status pending, logged (task ids, or the Email to Salesforce address it was relayed to), skipped or failed, with the reason and the fix.', params: emailParams } },
    async (request) => {
      const email = await getEmail(deps.store.db, request.params.id);
      if (!email || email.userId !== me(request).id) throw notFound(`Email ${request.params.id}`);
      return emailView(email);
    },
  );
};

import { z } from 'zod';
import { emailDirections, emailStatuses, getEmail, type Email } from '../../store/emails';
import type { EmailStatusDetail } from '../../contract/email';
import { emailLogWorkflowId } from '../../contract/ids';
import { emailLogAsChoices } from '../../sync/settings';
import { me } from '../auth';
import { EmailHandOverError, handOverDirections, handOverEmail, handOverMessage, maxEmailBytes, type HandOverOutcome } from '../../client/email-handover';
import { msg, type Language } from '../../i18n';
import { messageKey } from '../../i18n/zod-issues';
import { emailSummary } from '../email-summary';
import { requestLanguage } from '../language';
import { localizeProblem } from '../problem-texts';
import type { ApiPlugin } from '../http/api-deps';
import { ApiError, notFound } from '../http/api-error';
import { errorAnswer, schemaOf } from '../http/responses';
import { bearerSecurity, instantSchema } from './schemas';

const tags = ['emails'];

const handOverQuery = z.object({
  direction: z
    .enum(handOverDirections, { error: messageKey('api.emails.direction') })
    .optional(),
});
const emailParams = z.object({ id: z.string() });

/** The message exactly as sent. */
const rawEmailSchema = z.custom<Buffer>((value) => Buffer.isBuffer(value), { error: messageKey('api.emails.rfc822') }).meta({ type: 'string', format: 'binary' });

/** An EmailProblem; when it is a Salesforce refusal, with the record it concerns. */
const problemSchema = z.strictObject({
  code: z.string(),
  title: z.string(),
  explanation: z.string(),
  fix: z.string(),
  message: z.string().optional().describe("The other side's own words (Salesforce message, SMTP reply)."),
  whoId: z.string().optional(),
  email: z.string().optional().describe('The address of a lead Salesforce refused to create.'),
}).meta({ id: 'EmailProblem' });

const emailStatusDetailSchema = schemaOf<EmailStatusDetail>()(
  z.strictObject({
    summary: z.string(),
    via: z.enum(['api', 'bcc']).optional(),
    reply: z.boolean().optional(),
    received: z.boolean().optional().describe('A reply the user received: logged on its sender (and Cc), never relayed by BCC.'),
    tasks: z.array(z.strictObject({ id: z.string(), whoId: z.string(), whatId: z.string().nullable() })).optional().describe('The Salesforce Tasks written, each on a Contact or Lead (whoId) and an open Opportunity (whatId).'),
    loggedAs: z.enum(emailLogAsChoices).optional().describe('Through the API: written as Tasks, or as a Salesforce email (EmailMessage).'),
    emailMessage: z
      .strictObject({
        id: z.string(),
        relatedToId: z.string().nullable().describe('The open Opportunity it is related to.'),
        relations: z.array(z.strictObject({ id: z.string(), relationId: z.string().describe('A Contact, Lead or the user.'), relationType: z.string().describe('ToAddress, CcAddress or FromAddress.') })),
      })
      .optional()
      .describe('The EmailMessage written (Salesforce creates its activity Task) and its relations to the people it is logged on.'),
    note: problemSchema.optional().describe('Logged, but not as chosen: as Tasks because the Salesforce org has no Enhanced Email.'),
    leadsCreated: z.array(z.strictObject({ id: z.string(), email: z.string() })).optional(),
    unmatched: z.array(z.string()).optional().describe('Recipients with no Contact or Lead, not logged.'),
    overLimit: z.array(z.string()).optional().describe("Recipients past the 50th, not considered (Salesforce's own limit)."),
    refusals: z.array(problemSchema).optional().describe('Records Salesforce refused, each with its code and what to do.'),
    relayedTo: z.string().optional(),
    smtpReply: z.string().optional(),
    problem: problemSchema.optional().describe('Why it was not logged (or not completely): a refusal names its record.'),
    writingSince: instantSchema.optional(),
  }).meta({ id: 'EmailStatusDetail' }),
);

const emailViewSchema = z.strictObject({
  emailId: z.string(),
  workflowId: z.string(),
  direction: z.enum(emailDirections),
  size: z.number().int(),
  status: z.enum(emailStatuses),
  summary: z.string().nullable(),
  detail: emailStatusDetailSchema.nullable(),
  handedOverAt: instantSchema,
  updatedAt: instantSchema,
}).meta({ id: 'Email' });

const handedOverSchema = z.strictObject({
  ...emailViewSchema.shape,
  outcome: schemaOf<HandOverOutcome>()(z.enum(['started', 'in-progress', 'already-done'])),
  message: z.string(),
});

/** The stored detail with its problems told in `lang` (the other side's words as they are). */
function localizedDetail(detail: EmailStatusDetail | null, lang: Language): EmailStatusDetail | null {
  if (!detail || lang === 'en') return detail;
  const { problem, note, refusals } = detail;
  return {
    ...detail,
    ...(problem ? { problem: localizeProblem(problem, lang) } : {}),
    ...(note ? { note: localizeProblem(note, lang) } : {}),
    ...(refusals ? { refusals: refusals.map((r) => localizeProblem(r, lang)) } : {}),
  };
}

/** The stored email as the user sees it, in the user's language: where it was logged, or why not. */
function emailView(email: Email, lang: Language): z.input<typeof emailViewSchema> {
  const stored = (email.statusDetail ?? null) as EmailStatusDetail | null;
  const summary = emailSummary(email.status, stored, lang);
  const detail = localizedDetail(stored, lang);
  return {
    emailId: email.id,
    workflowId: emailLogWorkflowId(email.userId, email.messageKey),
    direction: email.direction,
    size: email.size,
    status: email.status,
    summary,
    detail: detail && summary !== null ? { ...detail, summary } : detail,
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
      throw new ApiError(413, 'email_too_large', msg('api.emails.tooLarge', { limit: maxEmailBytes }));
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
        body: { content: { 'message/rfc822': { schema: rawEmailSchema } } },
        response: {
          200: handedOverSchema.describe('Handed over before, and already logged or handled.'),
          202: handedOverSchema.describe('Logging started, or was already under way.'),
          400: errorAnswer('The body is empty (empty_email).'),
          404: errorAnswer('The user no longer exists (unknown_user).'),
          413: errorAnswer('The email is larger than 10 MiB (email_too_large).'),
          415: errorAnswer('The body is not a message/rfc822 email (unsupported_media_type).'),
        },
      },
    },
    async (request, reply) => {
      const raw = request.body;
      if (!Buffer.isBuffer(raw)) throw new ApiError(415, 'unsupported_media_type', msg('api.emails.rfc822'));
      const result = await handOverEmail({ client: deps.temporal, taskQueue: deps.taskQueue }, deps.store, { userId: me(request).id, raw, direction: request.query.direction }).catch(
        (error: unknown) => {
          if (error instanceof EmailHandOverError) throw new ApiError(error.statusCode, error.code.toLowerCase(), error.text);
          throw error;
        },
      );
      const lang = requestLanguage(request, me(request));
      const view = emailView(result.email, lang);
      const message = handOverMessage(result.outcome, result.email.status, view.summary, lang);
      return reply.status(result.outcome === 'already-done' ? 200 : 202).send({ ...view, workflowId: result.workflowId, outcome: result.outcome, message });
    },
  );

  app.get(
    '/emails/:id',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'Where a handed-over email was logged',
        description: 'Status pending, logged (task ids, or the Email to Salesforce address it was relayed to), skipped or failed, with the reason and the fix.',
        params: emailParams,
        response: { 200: emailViewSchema, 404: errorAnswer('You handed over no email with this id.') },
      },
    },
    async (request) => {
      const email = await getEmail(deps.store.db, request.params.id);
      if (!email || email.userId !== me(request).id) throw notFound(msg('api.notFound.email', { id: request.params.id }));
      return emailView(email, requestLanguage(request, me(request)));
    },
  );
};

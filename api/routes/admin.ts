import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getEmailSubjectTemplate, setEmailSubjectTemplate } from '../../store/admin-settings';
import { issueApiToken } from '../../store/api-tokens';
import { getUser, upsertUser } from '../../store/users';
import { defaultSubjectTemplate, subjectPlaceholders, validateSubjectTemplate } from '../../sync/email-subject';
import { requireAdmin } from '../auth';
import type { ApiPlugin } from '../http/api-deps';
import { ApiError, invalidInput, notFound } from '../http/api-error';
import { msg } from '../../i18n';
import { messageKey } from '../../i18n/zod-issues';
import { errorAnswer } from '../http/responses';
import { bearerSecurity, timeZoneSchema } from './schemas';
import { issuedApiTokenSchema, notAdminAnswer as notAdmin, userSchema } from './views';

const tags = ['admin'];

const userId = z
  .string()
  .min(1, messageKey('api.admin.userIdEmpty'))
  .max(128, messageKey('api.admin.userIdTooLong'))
  .regex(/^[A-Za-z0-9._@:-]+$/, messageKey('api.admin.userIdCharacters'));

const newUser = z.strictObject({
  id: userId.optional(),
  email: z.email({ error: messageKey('api.admin.email') }),
  displayName: z.string().max(200, messageKey('api.profile.displayNameTooLong')).nullable().optional(),
  timeZone: timeZoneSchema.default('UTC'),
  isAdmin: z.boolean().default(false),
});

const subjectTemplateBody = z.strictObject({ template: z.string({ error: messageKey('api.admin.templateString') }) });

/** Account administration: users and the subject template of logged emails. Admins only. */
export const adminRoutes: ApiPlugin = async (app, deps) => {
  // Before validation: a non-admin learns nothing about the body, only that the route is not theirs.
  app.addHook('preValidation', requireAdmin);

  app.post(
    '/admin/users',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'Create a user and a first API token',
        description: 'The answer carries the token once; hand it to the user. 409 when the id is taken.',
        body: newUser,
        response: {
          201: z.strictObject({ user: userSchema, token: z.string().describe('The first API token, shown this once.'), tokenId: z.string() }).describe('The user and a first token.'),
          403: notAdmin,
          409: errorAnswer('A user with this id exists (user_exists).'),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const id = body.id ?? randomUUID();
      const created = await deps.store.transaction(async (tx) => {
        if (await getUser(tx, id)) throw new ApiError(409, 'user_exists', msg('api.admin.userExists', { id }), [{ field: 'id', message: msg('api.admin.idTaken') }]);
        const user = await upsertUser(tx, { id, email: body.email, displayName: body.displayName ?? null, timeZone: body.timeZone, isAdmin: body.isAdmin }, deps.now());
        const token = await issueApiToken(tx, id, { label: 'first token', now: deps.now() });
        return { user, token: token.token, tokenId: token.id };
      });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/admin/users/:userId/tokens',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'Issue a new API token for a user',
        description: 'For a user who lost theirs; the old ones stay valid until revoked.',
        params: z.object({ userId: z.string() }),
        response: { 201: issuedApiTokenSchema, 403: notAdmin, 404: errorAnswer('There is no such user.') },
      },
    },
    async (request, reply) => {
      if (!(await getUser(deps.store.db, request.params.userId))) throw notFound(msg('api.notFound.user', { id: request.params.userId }));
      const issued = await issueApiToken(deps.store.db, request.params.userId, { label: `issued by ${request.auth?.user.id ?? 'admin'}`, now: deps.now() });
      return reply.status(201).send(issued);
    },
  );

  app.get(
    '/admin/subject-template',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'Subject template of logged emails',
        description: 'With the default and the placeholders it may use.',
        response: {
          200: z.strictObject({ template: z.string(), isDefault: z.boolean(), defaultTemplate: z.string(), placeholders: z.array(z.string()).describe('As written in a template, e.g. {{activity_subject}}.') }),
          403: notAdmin,
        },
      },
    },
    async () => {
      const template = await getEmailSubjectTemplate(deps.store.db);
      return { template: template ?? defaultSubjectTemplate, isDefault: template === undefined, defaultTemplate: defaultSubjectTemplate, placeholders: subjectPlaceholders.map((p) => `{{${p}}}`) };
    },
  );

  app.put(
    '/admin/subject-template',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'Set the subject template of logged emails',
        description: `Placeholders: ${subjectPlaceholders.map((p) => `{{${p}}}`).join(', ')}. Subjects are cut at 255 characters and kept on one line.`,
        body: subjectTemplateBody,
        response: { 200: z.strictObject({ template: z.string(), isDefault: z.literal(false) }).describe('The template as saved.'), 403: notAdmin },
      },
    },
    async (request) => {
      const { template } = request.body;
      const check = validateSubjectTemplate(template);
      if (!check.ok) throw invalidInput(check.errors.map((message) => ({ field: 'template', message })));
      await setEmailSubjectTemplate(deps.store.db, template, deps.now());
      return { template, isDefault: false as const };
    },
  );
};

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getEmailSubjectTemplate, setEmailSubjectTemplate } from '../../store/admin-settings';
import { issueApiToken } from '../../store/api-tokens';
import { getUser, upsertUser } from '../../store/users';
import { defaultSubjectTemplate, subjectPlaceholders, validateSubjectTemplate } from '../../sync/email-subject';
import { requireAdmin } from '../auth';
import type { ApiPlugin } from '../http/api-deps';
import { ApiError, invalidInput, notFound } from '../http/api-error';
import { bearerSecurity, timeZoneSchema } from './schemas';

const tags = ['admin'];

const userId = z
  .string()
  .min(1, 'A user id cannot be empty.')
  .max(128, 'A user id holds at most 128 characters.')
  .regex(/^[A-Za-z0-9._@:-]+$/, 'A user id uses letters, digits and . _ @ : - only (it appears in workflow ids).');

const newUser = z.strictObject({
  id: userId.optional(),
  email: z.email({ message: 'Enter the user’s email address.' }),
  displayName: z.string().max(200, 'A display name holds at most 200 characters.').nullable().optional(),
  timeZone: timeZoneSchema.default('UTC'),
  isAdmin: z.boolean().default(false),
});

const subjectTemplateBody = z.strictObject({ template: z.string({ message: 'Send the template as a string.' }) });

/** Account administration: users and the subject template of logged emails. Admins only. */
export const adminRoutes: ApiPlugin = async (app, deps) => {
  app.addHook('preHandler', requireAdmin);

  app.post(
    '/admin/users',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'Create a user and a first API token',
        description: 'The answer carries the token once; hand it to the user. 409 when the id is taken.',
        body: newUser,
      },
    },
    async (request, reply) => {
      const body = request.body;
      const id = body.id ?? randomUUID();
      const created = await deps.store.transaction(async (tx) => {
        if (await getUser(tx, id)) throw new ApiError(409, 'user_exists', `A user with id "${id}" already exists; choose another id or leave it out.`, [{ field: 'id', message: 'This id is taken.' }]);
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
      },
    },
    async (request, reply) => {
      if (!(await getUser(deps.store.db, request.params.userId))) throw notFound(`User ${request.params.userId}`);
      const issued = await issueApiToken(deps.store.db, request.params.userId, { label: `issued by ${request.auth?.user.id ?? 'admin'}`, now: deps.now() });
      return reply.status(201).send(issued);
    },
  );

  app.get('/admin/subject-template', { schema: { tags, security: bearerSecurity, summary: 'Subject template of logged emails', description: 'With the default and the placeholders it may use.' } }, async () => {
    const template = await getEmailSubjectTemplate(deps.store.db);
    return { template: template ?? defaultSubjectTemplate, isDefault: template === undefined, defaultTemplate: defaultSubjectTemplate, placeholders: subjectPlaceholders.map((p) => `{{${p}}}`) };
  });

  app.put(
    '/admin/subject-template',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'Set the subject template of logged emails',
        description: `Placeholders: ${subjectPlaceholders.map((p) => `{{${p}}}`).join(', ')}. Subjects are cut at 255 characters and kept on one line.`,
        body: subjectTemplateBody,
      },
    },
    async (request) => {
      const { template } = request.body;
      const check = validateSubjectTemplate(template);
      if (!check.ok) throw invalidInput(check.errors.map((message) => ({ field: 'template', message })));
      await setEmailSubjectTemplate(deps.store.db, template, deps.now());
      return { template, isDefault: false };
    },
  );
};

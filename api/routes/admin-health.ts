import { z } from 'zod';
import { apiCallsInLast24h } from '../../store/api-usage';
import { listOpenSyncErrors } from '../../store/sync-errors';
import { getUser, type User } from '../../store/users';
import { me, requireAdmin } from '../auth';
import { requestLanguage } from '../language';
import { localizeProblem } from '../problem-texts';
import type { ApiPlugin } from '../http/api-deps';
import { readSyncStatus } from '../../client/sync-workflow';
import { taskSyncModes } from '../../sync/settings';
import { changeEventDeliveriesIn24h } from '../../store/org-change-streams';
import { changeDetectionOf, changeDetectionSchema } from './change-detection-view';
import { connectionView, connectionViewSchema } from './connection-view';
import { bearerSecurity, instantSchema } from './schemas';
import { emailLoggingModeSchema, lastSyncErrorSchema, notAdminAnswer, syncPhaseSchema } from './views';

const userHealthSchema = z.strictObject({
  userId: z.string(),
  email: z.string(),
  displayName: z.string().nullable(),
  salesforce: connectionViewSchema.pick({ status: true, username: true, orgId: true, reason: true }),
  workflow: z.discriminatedUnion('state', [
    z.strictObject({
      state: z.literal('running'),
      phase: syncPhaseSchema,
      taskSyncMode: z.enum(taskSyncModes),
      emailLoggingMode: emailLoggingModeSchema,
      lastSyncAt: instantSchema.nullable(),
      lastError: lastSyncErrorSchema,
    }),
    z.strictObject({ state: z.literal('not_started') }),
    z.strictObject({ state: z.literal('unreachable').describe('The status query did not answer in time.') }),
  ]),
  errors: z.strictObject({
    open: z.number().int(),
    byCode: z.array(z.strictObject({ code: z.string(), count: z.number().int() })),
    latest: z.strictObject({ code: z.string(), message: z.string(), at: instantSchema }).nullable(),
  }),
  apiCallsLast24h: z.number().int(),
});

const orgHealthSchema = z.strictObject({
  orgId: z.string(),
  integrationUser: z.strictObject({ username: z.string(), status: z.string() }).nullable().describe("The org's integration user, if an admin connected one."),
  users: z.number().int().describe('SIA users connected to this org.'),
  changeDetection: changeDetectionSchema,
  changeEventsLast24h: z.number().int().describe("Change events delivered to this service for the org in the last 24 hours: each counts against the org's daily delivery allocation."),
});

/** Status queries run a few at a time: one slow workflow must not hold the others, nor many flood Temporal. */
const queryConcurrency = 8;

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Every user's sync health in one table, for administrators. */
export const adminHealthRoutes: ApiPlugin = async (app, deps) => {
  app.get(
    '/admin/sync-health',
    {
      preValidation: requireAdmin,
      schema: {
        tags: ['admin'],
        security: bearerSecurity,
        summary: "Every user's sync health (admin)",
        description:
          "Per org: its integration user, how its Salesforce changes are found (change events or polling, and why) and the change events delivered in the last 24 hours. Per user: the Salesforce connection, the sync workflow's phase, last sync and last error, open sync errors by code, and the user's Salesforce API calls in the last 24 hours.",
        response: {
          200: z.strictObject({ generatedAt: instantSchema, orgs: z.array(orgHealthSchema), users: z.array(userHealthSchema) }),
          403: notAdminAnswer,
        },
      },
    },
    async (request) => {
      const now = deps.now();
      const lang = requestLanguage(request, me(request));
      const ids = await deps.store.db.selectFrom('users').select('id').orderBy('id').execute();
      const users = (await Promise.all(ids.map((row) => getUser(deps.store.db, row.id)))).filter((u): u is User => u !== undefined);
      const rows = await mapLimited(users, queryConcurrency, async (user) => {
        const [workflow, errors, apiCalls] = await Promise.all([
          readSyncStatus(deps.temporal, user.id).then(
            (status) =>
              status
                ? { state: 'running' as const, phase: status.phase, taskSyncMode: status.settings.taskSync.mode, emailLoggingMode: status.settings.emailLogging.mode, lastSyncAt: status.taskSync?.lastSyncAt ?? null, lastError: status.lastError && localizeProblem(status.lastError, lang) }
                : { state: 'not_started' as const },
            (error: unknown) => {
              request.log.warn({ err: error, userId: user.id }, 'sync status query failed');
              return { state: 'unreachable' as const };
            },
          ),
          listOpenSyncErrors(deps.store.db, user.id),
          apiCallsInLast24h(deps.store.db, { userId: user.id }, now),
        ]);
        const latest = errors.flatMap((group) => group.errors).sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt))[0];
        const connection = connectionView(user, lang);
        return {
          userId: user.id,
          email: user.email,
          displayName: user.displayName,
          salesforce: { status: connection.status, username: connection.username, orgId: connection.orgId, reason: connection.reason },
          workflow,
          errors: {
            open: errors.reduce((n, group) => n + group.count, 0),
            byCode: errors.map((group) => ({ code: group.code, count: group.count })),
            latest: latest ? { code: latest.code, message: latest.message, at: latest.lastSeenAt } : null,
          },
          apiCallsLast24h: apiCalls,
        };
      });
      const integrations = await deps.store.db.selectFrom('org_integrations').select(['org_id', 'sf_username', 'status']).execute();
      const orgIds = [...new Set([...users.flatMap((u) => (u.salesforce.orgId ? [u.salesforce.orgId] : [])), ...integrations.map((i) => i.org_id)])].sort();
      const delivered = await changeEventDeliveriesIn24h(deps.store.db, now);
      const orgs = await Promise.all(
        orgIds.map(async (orgId) => {
          const integration = integrations.find((i) => i.org_id === orgId);
          return {
            orgId,
            integrationUser: integration ? { username: integration.sf_username, status: integration.status } : null,
            users: users.filter((u) => u.salesforce.orgId === orgId).length,
            changeDetection: await changeDetectionOf(deps.store.db, orgId, lang, now),
            changeEventsLast24h: delivered.get(orgId) ?? 0,
          };
        }),
      );
      return { generatedAt: now.toISOString(), orgs, users: rows };
    },
  );
};

import { z } from 'zod';
import { apiCallsInLast24h, getApiLimitInfo } from '../../store/api-usage';
import { listOpenSyncErrors, type SyncErrorGroup } from '../../store/sync-errors';
import { salesforceSyncWorkflowId } from '../../contract/ids';
import { me } from '../auth';
import { t } from '../../i18n';
import { requestLanguage } from '../language';
import { localizeExplanation, localizeProblem } from '../problem-texts';
import type { ApiPlugin } from '../http/api-deps';
import { readSyncStatus } from '../../client/sync-workflow';
import { schemaOf } from '../http/responses';
import { changeDetectionOf, changeDetectionSchema } from './change-detection-view';
import { connectionView, connectionViewSchema } from './connection-view';
import { bearerSecurity, instantSchema } from './schemas';
import { syncStatusSchema } from './views';

const workflowViewSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('running'), status: syncStatusSchema }),
  z.strictObject({ state: z.literal('not_started').describe('Sync settings were never saved.'), status: z.null() }),
  z.strictObject({ state: z.literal('unreachable'), status: z.null(), message: z.string().describe('The sync service did not answer in time; the rest of the answer is current.') }),
]);
type WorkflowView = z.input<typeof workflowViewSchema>;

const syncErrorGroupSchema = schemaOf<SyncErrorGroup>()(
  z.strictObject({
    code: z.string().describe('Salesforce error code (FIELD_CUSTOM_VALIDATION_EXCEPTION, invalid_grant …) or our own.'),
    explanation: z.string().describe('What the latest error of this code means and what to do.'),
    count: z.number().int(),
    lastSeenAt: instantSchema,
    errors: z
      .array(
        z.strictObject({
          id: z.number().int(),
          userId: z.string(),
          key: z.string().describe('The record that failed: task:<siaTaskId>, sf:<sfTaskId>, email:<emailId> or connection.'),
          code: z.string(),
          message: z.string().describe('As Salesforce (or the mail server) said it.'),
          explanation: z.string(),
          siaTaskId: z.string().nullable(),
          sfTaskId: z.string().nullable(),
          firstSeenAt: instantSchema,
          lastSeenAt: instantSchema,
          attempts: z.number().int(),
          resolvedAt: instantSchema.nullable(),
        }),
      )
      .describe('The affected records, most recently seen first.'),
  }).meta({ id: 'SyncErrorGroup' }),
);

const syncHealthSchema = z.strictObject({
  workflowId: z.string(),
  workflow: workflowViewSchema,
  salesforce: connectionViewSchema,
  changeDetection: changeDetectionSchema.nullable().describe("How the org's Salesforce changes reach SIA; null without a connected org."),
  errors: z.strictObject({ open: z.number().int(), byCode: z.array(syncErrorGroupSchema) }),
  apiUsage: z.strictObject({
    last24h: z.strictObject({ user: z.number().int(), org: z.number().int().nullable().describe('Null without a connected org.') }),
    orgLimit: z.strictObject({ used: z.number().int(), limit: z.number().int(), reportedAt: instantSchema }).nullable().describe("The org's daily API use and limit as Salesforce last reported them."),
  }),
});

/** Sync Health: where the user's sync stands, the connection, open errors by code and API use. */
export const syncStatusRoutes: ApiPlugin = async (app, deps) => {
  app.get(
    '/sync-status',
    {
      schema: {
        tags: ['sync status'],
        security: bearerSecurity,
        summary: 'My sync health',
        description:
          'The sync workflow\'s status query ("not_started" until settings are first saved), the Salesforce connection, how the org\'s Salesforce changes are found (change events or polling, and why), open sync errors grouped by code with the affected records, and Salesforce API calls in the last 24 hours (the user\'s, and the org\'s with its reported limit).',
        response: { 200: syncHealthSchema },
      },
    },
    async (request) => {
      const user = me(request);
      const lang = requestLanguage(request, user);
      const now = deps.now();
      const workflow = await readSyncStatus(deps.temporal, user.id).then(
        (status): WorkflowView => (status ? { state: 'running', status: { ...status, lastError: status.lastError && localizeProblem(status.lastError, lang) } } : { state: 'not_started', status: null }),
        (error: unknown): WorkflowView => {
          request.log.warn({ err: error, userId: user.id }, 'sync status query failed');
          return { state: 'unreachable', status: null, message: t(lang, 'api.syncStatus.unreachable', { reason: (error as Error).message }) };
        },
      );
      const orgId = user.salesforce.orgId;
      const [errors, userCalls, orgCalls, orgLimit, changeDetection] = await Promise.all([
        listOpenSyncErrors(deps.store.db, user.id),
        apiCallsInLast24h(deps.store.db, { userId: user.id }, now),
        orgId ? apiCallsInLast24h(deps.store.db, { orgId }, now) : Promise.resolve(null),
        orgId ? getApiLimitInfo(deps.store.db, orgId) : Promise.resolve(undefined),
        orgId ? changeDetectionOf(deps.store.db, orgId, lang, now) : Promise.resolve(null),
      ]);
      return {
        workflowId: salesforceSyncWorkflowId(user.id),
        workflow,
        salesforce: connectionView(user, lang),
        changeDetection,
        errors: {
          open: errors.reduce((n, group) => n + group.count, 0),
          byCode: errors.map((group) => ({
            ...group,
            explanation: localizeExplanation(group.code, group.explanation, lang),
            errors: group.errors.map((error) => ({ ...error, explanation: localizeExplanation(error.code, error.explanation, lang) })),
          })),
        },
        apiUsage: {
          last24h: { user: userCalls, org: orgCalls },
          orgLimit: orgLimit ? { used: orgLimit.used, limit: orgLimit.limit, reportedAt: orgLimit.at } : null,
        },
      };
    },
  );
};

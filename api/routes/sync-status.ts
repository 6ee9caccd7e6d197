import { apiCallsInLast24h, getApiLimitInfo } from '../../store/api-usage';
import { listOpenSyncErrors } from '../../store/sync-errors';
import { salesforceSyncWorkflowId } from '../../contract/ids';
import type { SyncStatus } from '../../contract/messages';
import { me } from '../auth';
import type { ApiPlugin } from '../http/api-deps';
import { readSyncStatus } from '../../client/sync-workflow';
import { connectionView } from './connection-view';
import { bearerSecurity } from './schemas';

type WorkflowView = { state: 'running'; status: SyncStatus } | { state: 'not_started'; status: null } | { state: 'unreachable'; status: null; message: string };

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
          'The sync workflow\'s status query ("not_started" until settings are first saved), the Salesforce connection, open sync errors grouped by code with the affected records, and Salesforce API calls in the last 24 hours (the user\'s, and the org\'s with its reported limit).',
      },
    },
    async (request) => {
      const user = me(request);
      const now = deps.now();
      const workflow = await readSyncStatus(deps.temporal, user.id).then(
        (status): WorkflowView => (status ? { state: 'running', status } : { state: 'not_started', status: null }),
        (error: unknown): WorkflowView => {
          request.log.warn({ err: error, userId: user.id }, 'sync status query failed');
          return { state: 'unreachable', status: null, message: `The sync service did not answer in time, so syncing may be delayed (${(error as Error).message}). The rest of this page is current.` };
        },
      );
      const orgId = user.salesforce.orgId;
      const [errors, userCalls, orgCalls, orgLimit] = await Promise.all([
        listOpenSyncErrors(deps.store.db, user.id),
        apiCallsInLast24h(deps.store.db, { userId: user.id }, now),
        orgId ? apiCallsInLast24h(deps.store.db, { orgId }, now) : Promise.resolve(null),
        orgId ? getApiLimitInfo(deps.store.db, orgId) : Promise.resolve(undefined),
      ]);
      return {
        workflowId: salesforceSyncWorkflowId(user.id),
        workflow,
        salesforce: connectionView(user),
        errors: { open: errors.reduce((n, group) => n + group.count, 0), byCode: errors },
        apiUsage: {
          last24h: { user: userCalls, org: orgCalls },
          orgLimit: orgLimit ? { used: orgLimit.used, limit: orgLimit.limit, reportedAt: orgLimit.at } : null,
        },
      };
    },
  );
};

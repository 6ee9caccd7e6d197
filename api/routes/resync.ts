import { z } from 'zod';
import { me } from '../auth';
import type { ApiPlugin } from '../http/api-deps';
import { ApiError } from '../http/api-error';
import { msg, t } from '../../i18n';
import { requestLanguage } from '../language';
import { errorAnswer } from '../http/responses';
import { nudgeSync } from '../../client/sync-workflow';
import { bearerSecurity } from './schemas';

/** Sync Health's Resync button: the user's workflow looks at both sides now and retries what failed. */
export const resyncRoutes: ApiPlugin = async (app, deps) => {
  app.post(
    '/sync/resync',
    {
      schema: {
        tags: ['sync status'],
        security: bearerSecurity,
        summary: 'Resync now',
        description: 'Asks the running sync workflow for a round at once (records that failed are tried again). "nudged" is false when sync was never switched on.',
        response: {
          200: z.strictObject({ nudged: z.boolean(), message: z.string() }),
          503: errorAnswer('The sync service could not be reached; no resync was started (sync_service_unavailable).'),
        },
      },
    },
    async (request) => {
      const user = me(request);
      let nudged: boolean;
      try {
        nudged = await nudgeSync(deps.temporal, user.id, { source: 'resync' });
      } catch (error) {
        request.log.warn({ err: error, userId: user.id }, 'resync nudge failed');
        throw new ApiError(503, 'sync_service_unavailable', msg('api.resync.unavailable'));
      }
      return { nudged, message: t(requestLanguage(request, user), nudged ? 'api.resync.started' : 'api.resync.notOn') };
    },
  );
};

import type { FastifyBaseLogger } from 'fastify';
import type { Nudge } from '../../contract/messages';
import type { ApiDeps } from '../http/api-deps';
import { nudgeSync } from '../../client/sync-workflow';

/**
 * Tells the user's running sync workflow to look now. Best effort: the store already holds the
 * change and the workflow syncs from its cursor, so a lost nudge only delays the sync; it is
 * logged and never fails the request.
 */
export async function nudgeBestEffort(deps: ApiDeps, log: FastifyBaseLogger, userId: string, source: Nudge['source']): Promise<void> {
  await nudgeSync(deps.temporal, userId, { source }).catch((err: unknown) => log.warn({ err, userId }, 'nudging the sync workflow failed'));
}

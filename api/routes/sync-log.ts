import { z } from 'zod';
import { listSyncLog, syncActions, syncDirections, type SyncLogEntry } from '../../store/sync-log';
import { me } from '../auth';
import type { ApiPlugin } from '../http/api-deps';
import { schemaOf } from '../http/responses';
import { bearerSecurity, instantSchema } from './schemas';

const positiveInt = (what: string, max?: number) =>
  z.coerce
    .number({ error: `${what} must be a whole number.` })
    .int(`${what} must be a whole number.`)
    .min(1, `${what} must be at least 1.`)
    .max(max ?? Number.MAX_SAFE_INTEGER, `${what} must be at most ${max}.`);

const query = z.object({
  limit: positiveInt('limit', 500).default(50),
  before: positiveInt('before').optional(),
});

const syncLogEntrySchema = schemaOf<SyncLogEntry>()(
  z.strictObject({
    id: z.number().int(),
    userId: z.string(),
    at: instantSchema,
    direction: z.enum(syncDirections),
    action: z.enum(syncActions),
    siaTaskId: z.string().nullable(),
    sfTaskId: z.string().nullable(),
    message: z.string(),
    detail: z.unknown().describe('Plain data about the entry, e.g. a merge decision {field, sia, sf, winner, reason}; null when none.'),
  }).meta({ id: 'SyncLogEntry' }),
);

/** What the sync did for the user, newest first, a page at a time. */
export const syncLogRoutes: ApiPlugin = async (app, deps) => {
  app.get(
    '/sync-log',
    {
      schema: {
        tags: ['sync status'],
        security: bearerSecurity,
        summary: 'My sync log',
        description: 'Newest first. For the next page pass before = nextBefore of this one (null on the last page).',
        querystring: query,
        response: { 200: z.strictObject({ entries: z.array(syncLogEntrySchema), nextBefore: z.number().int().nullable() }) },
      },
    },
    async (request) => {
      const { limit, before } = request.query;
      const entries = await listSyncLog(deps.store.db, me(request).id, { limit, before });
      return { entries, nextBefore: entries.length === limit ? (entries.at(-1)?.id ?? null) : null };
    },
  );
};

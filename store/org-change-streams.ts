import type { Selectable } from 'kysely';
import type { Db, OrgChangeStreamsTable } from './schema';
import { hourBucket } from './api-usage';
import { isoTime } from './time';

/**
 * How an org's Task changes are found: `streaming` (Change Data Capture events through the
 * Pub/Sub API) or `polling` (the org poll, with the reason the stream is not used), or `off`
 * (its poller stopped). With the stream's checkpoint: the replay id of the last event handled
 * and the instant before which every change has woken its users.
 */
export type ChangeDetection = 'streaming' | 'polling' | 'off';

export interface OrgChangeStream {
  orgId: string;
  detection: ChangeDetection;
  reason: string | null;
  detail: string | null;
  /** Decimal replay id of the last event handled, or null: the next subscription starts from the latest event. */
  replayId: string | null;
  coveredUntil: string | null;
  streamingSince: string | null;
  lastEventAt: string | null;
  updatedAt: string;
}

/** Replay ids are unsigned 64-bit: stored zero-padded so text order is number order on both dialects. */
const replayWidth = 20;
const storedReplayId = (id: string): string => id.padStart(replayWidth, '0');
const readReplayId = (stored: string | null): string | null => (stored === null ? null : stored.replace(/^0+(?=\d)/, ''));

/** A stream records that it runs at least every minute: one silent for longer is taken as gone. */
export const streamFreshForMs = 3 * 60_000;

/** Streaming now: the stream says so, and said it recently. */
export function isStreamLive(stream: OrgChangeStream | undefined, now: Date): boolean {
  return stream?.detection === 'streaming' && stream.streamingSince !== null && now.getTime() - Date.parse(stream.updatedAt) < streamFreshForMs;
}

export async function getOrgChangeStream(db: Db, orgId: string): Promise<OrgChangeStream | undefined> {
  const row = await db.selectFrom('org_change_streams').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  return row && toOrgChangeStream(row);
}

export async function listOrgChangeStreams(db: Db): Promise<OrgChangeStream[]> {
  const rows = await db.selectFrom('org_change_streams').selectAll().orderBy('org_id').execute();
  return rows.map(toOrgChangeStream);
}

function toOrgChangeStream(row: Selectable<OrgChangeStreamsTable>): OrgChangeStream {
  return {
    orgId: row.org_id,
    detection: row.detection === 'streaming' || row.detection === 'polling' ? row.detection : 'off',
    reason: row.reason,
    detail: row.detail,
    replayId: readReplayId(row.replay_id),
    coveredUntil: row.covered_until,
    streamingSince: row.streaming_since,
    lastEventAt: row.last_event_at,
    updatedAt: row.updated_at,
  };
}

export interface StreamCheckpoint {
  /** Null after the stream restarted from the latest event (its replay id had expired). */
  replayId: string | null;
  coveredUntil: string;
  lastEventAt?: string | null;
}

/**
 * The stream works: records the checkpoint and `streaming`, keeping when the stream started.
 * A replay id never moves back (a late attempt of the activity cannot undo a newer one's
 * progress), except to null when the stream had to restart from the latest event.
 */
export async function saveStreamCheckpoint(db: Db, orgId: string, checkpoint: StreamCheckpoint, now = new Date()): Promise<void> {
  const at = isoTime(now);
  const replayId = checkpoint.replayId === null ? null : storedReplayId(checkpoint.replayId);
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('org_change_streams').select(['detection', 'replay_id', 'streaming_since', 'covered_until', 'last_event_at']).where('org_id', '=', orgId).executeTakeFirst();
    const streamingSince = row?.detection === 'streaming' && row.streaming_since !== null ? row.streaming_since : at;
    const keepReplay = replayId !== null && row?.replay_id != null && row.replay_id > replayId;
    const values = {
      detection: 'streaming',
      reason: null,
      detail: null,
      replay_id: keepReplay ? row.replay_id : replayId,
      covered_until: row?.covered_until != null && row.covered_until > checkpoint.coveredUntil ? row.covered_until : checkpoint.coveredUntil,
      streaming_since: streamingSince,
      last_event_at: checkpoint.lastEventAt ?? row?.last_event_at ?? null,
      updated_at: at,
    };
    if (row) await trx.updateTable('org_change_streams').set(values).where('org_id', '=', orgId).execute();
    else await trx.insertInto('org_change_streams').values({ org_id: orgId, ...values }).execute();
  });
}

/**
 * The org is polled (or its poller stopped), and why: the reason an operator reads. The replay
 * id is dropped (when the stream comes back it starts from the latest event, and a poll from
 * the poller's cursor covers the time in between), unless `keepReplay`: a stream that is down
 * for a while resumes from it.
 */
export async function setChangeDetection(
  db: Db,
  orgId: string,
  detection: Exclude<ChangeDetection, 'streaming'>,
  reason: string,
  detail: string | null,
  now = new Date(),
  { keepReplay = false } = {},
): Promise<void> {
  const values = { detection, reason, detail, streaming_since: null, updated_at: isoTime(now), ...(keepReplay ? {} : { replay_id: null }) };
  await db
    .insertInto('org_change_streams')
    .values({ org_id: orgId, ...values })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
    .execute();
}

/** Change events delivered to this product for the org, per UTC hour (each counts against the org's daily delivery allocation). */
export async function addChangeEventDeliveries(db: Db, orgId: string, events: number, at = new Date()): Promise<void> {
  if (events <= 0) return;
  await db
    .insertInto('change_event_deliveries')
    .values({ org_id: orgId, hour: hourBucket(at), events })
    .onConflict((oc) => oc.columns(['org_id', 'hour']).doUpdateSet((eb) => ({ events: eb(eb.ref('change_event_deliveries.events'), '+', events) })))
    .execute();
}

/** Events delivered per org in the 24 hour buckets ending with the current one. */
export async function changeEventDeliveriesIn24h(db: Db, now = new Date()): Promise<Map<string, number>> {
  const since = hourBucket(new Date(now.getTime() - 23 * 3_600_000));
  const rows = await db
    .selectFrom('change_event_deliveries')
    .select(['org_id', (eb) => eb.fn.sum('events').as('events')])
    .where('hour', '>=', since)
    .groupBy('org_id')
    .execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.events)]));
}

/** Which of the given users hold each of the given Salesforce Tasks in SIA (their links), by the record's 15-character id. */
export async function linkOwnersOfRecords(db: Db, userIds: readonly string[], sfTaskIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (userIds.length === 0 || sfTaskIds.length === 0) return out;
  const ids = [...new Set(sfTaskIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('task_links')
      .select(['user_id', 'sf_task_id'])
      .where('user_id', 'in', [...userIds])
      .where('sf_task_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      const key = row.sf_task_id.slice(0, 15);
      const users = out.get(key) ?? new Set<string>();
      users.add(row.user_id);
      out.set(key, users);
    }
  }
  return out;
}

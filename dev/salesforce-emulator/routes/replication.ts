/**
 * /sobjects/{type}/updated and /deleted: the replication resources. Seconds are dropped from
 * start and end, the window must span at least a minute, reach back no more than 30 (updated)
 * or 15 (deleted) days, and latestDateCovered never passes the current minute.
 */
import { floorToMinute, parseSfDateTime, toSfDateTime } from '../clock';
import type { RestContext } from '../emulator-state';
import { SfError } from '../errors';
import { json, type Reply } from '../http-types';

const DAY_MS = 86_400_000;

const invalidDate = (message: string): SfError => new SfError(400, 'INVALID_REPLICATION_DATE', message);

function param(ctx: RestContext, name: string): number {
  // A '+' sent unencoded arrives as a space.
  const raw = ctx.info.query.get(name)?.replace(/ /g, '+');
  if (!raw) throw new SfError(400, 'MISSING_ARGUMENT', `${name} parameter is required`);
  const ms = parseSfDateTime(raw);
  if (ms === undefined) throw invalidDate(`Invalid ${name} date: ${raw}`);
  return ms;
}

interface Window {
  startMs: number;
  coveredMs: number;
}

function window(ctx: RestContext, days: number): Window {
  const startMs = floorToMinute(param(ctx, 'start'));
  const endMs = floorToMinute(param(ctx, 'end'));
  const now = ctx.state.clock.now();
  if (startMs >= endMs) throw invalidDate('startDate must chronologically precede endDate by at least one minute');
  if (startMs > now) throw invalidDate('startDate cannot be in the future');
  const earliest = Math.floor(now / DAY_MS) * DAY_MS - days * DAY_MS;
  if (startMs < earliest) throw invalidDate(`startDate cannot be more than ${days} days ago`);
  if (startMs < floorToMinute(ctx.org.settings.createdMs)) throw invalidDate('startDate before org replication enabled');
  return { startMs, coveredMs: Math.min(endMs, floorToMinute(now)) };
}

function checkIdLimit(ctx: RestContext, count: number): void {
  const limit = ctx.org.settings.replicationIdLimit;
  if (count > limit) {
    throw new SfError(400, 'EXCEEDED_ID_LIMIT', `Exceeded the ${limit} id limit: choose start and end dates that are closer together`);
  }
}

export function getUpdated(ctx: RestContext, type: string): Reply {
  const w = window(ctx, 30);
  const { store } = ctx.state;
  const ids = store
    .visibleRecords(ctx.org.settings.orgId, ctx.user.id, type, { includeDeleted: false })
    .filter((r) => r.modstampMs >= w.startMs && r.modstampMs < w.coveredMs)
    .map((r) => r.fields.Id as string);
  checkIdLimit(ctx, ids.length);
  return json(200, { ids, latestDateCovered: toSfDateTime(w.coveredMs) });
}

export function getDeleted(ctx: RestContext, type: string): Reply {
  const w = window(ctx, 15);
  const { store } = ctx.state;
  const def = store.requireObject(type);
  const deletedRecords = store
    .visibleRecords(ctx.org.settings.orgId, ctx.user.id, def.name, { includeDeleted: true })
    .filter((r) => r.deletedMs !== undefined && r.deletedMs >= w.startMs && r.deletedMs < w.coveredMs)
    .map((r) => ({ id: r.fields.Id as string, deletedDate: toSfDateTime(r.deletedMs as number) }));
  checkIdLimit(ctx, deletedRecords.length);
  // After a purge, deletions up to the newest purged one (its whole minute) can no longer be listed.
  const purged = ctx.org.purgedThroughMs.get(def.name);
  const earliest = Math.max(floorToMinute(ctx.org.settings.createdMs), purged === undefined ? 0 : floorToMinute(purged) + 60_000);
  return json(200, { deletedRecords, earliestDateAvailable: toSfDateTime(earliest), latestDateCovered: toSfDateTime(w.coveredMs) });
}

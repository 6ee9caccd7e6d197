/**
 * The windows the replication resources (/sobjects/Task/updated and /deleted) accept, through
 * jsforce, public API only. The limits are counted back from today, so they need an org created
 * more than 30 days ago. Makes no records.
 */
import { contractOrg, rejection } from './target';

const org = contractOrg();
const MIN = 60_000;
const DAY = 86_400_000;
const at = (ms: number): string => new Date(ms).toISOString();

describe('windows (need an org created more than 30 days ago)', () => {
  const todayUtc = (): number => Math.floor(Date.now() / DAY) * DAY;

  it('a window under a minute is INVALID_REPLICATION_DATE', async () => {
    const minute = Math.floor(Date.now() / MIN) * MIN - 5 * MIN;
    const err = await rejection(org.conn.sobject('Task').updated(at(minute + 1000), at(minute + 50_000)));
    expect(err.errorCode).toBe('INVALID_REPLICATION_DATE');
    expect(err.message).toBe('startDate must chronologically precede endDate by at least one minute');
  });

  it('a start in the future is INVALID_REPLICATION_DATE', async () => {
    const err = await rejection(org.conn.sobject('Task').updated(at(Date.now() + 5 * MIN), at(Date.now() + 10 * MIN)));
    expect(err.errorCode).toBe('INVALID_REPLICATION_DATE');
    expect(err.message).toBe('startDate cannot be in the future');
  });

  it.each([
    ['updated', 30, 'ids'],
    ['deleted', 15, 'deletedRecords'],
  ] as const)('%s reaches back to %i days before today (UTC midnight), not a minute more', async (resource, days, list) => {
    const earliest = todayUtc() - days * DAY;
    const call = (startMs: number): Promise<object> => org.conn.sobject('Task')[resource](at(startMs), at(earliest + 10 * MIN));
    const ok = (await call(earliest)) as Record<typeof list, unknown>;
    expect(Array.isArray(ok[list])).toBe(true);
    const err = await rejection(call(earliest - MIN));
    expect(err.errorCode).toBe('INVALID_REPLICATION_DATE');
    expect(err.message).toBe(`startDate cannot be more than ${days} days ago`);
  });
});

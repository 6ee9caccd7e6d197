import { addApiCalls, apiCallsByHour, apiCallsInLast24h, getApiLimitInfo, hourBucket, setApiLimitInfo } from '../../../store/api-usage';
import { countOpenSyncErrors, listOpenSyncErrors, recordSyncError, resolveSyncError, resolveSyncErrors } from '../../../store/sync-errors';
import { appendSyncLog, listSyncLog, pruneSyncLog } from '../../../store/sync-log';
import { dialects, newUser, useStore } from './store-fixtures';

const at = (iso: string) => new Date(iso);

describe.each(dialects)('sync log, errors and API usage on %s', (_dialect, database) => {
  const store = useStore(database);

  it('appends log entries in order and pages newest first', async () => {
    const { db } = store();
    const user = await newUser(db);
    const decision = { field: 'dueDate', sia: '2025-03-11', sf: '2025-03-12', winner: 'salesforce', reason: 'later change' };
    await appendSyncLog(
      db,
      user.id,
      Array.from({ length: 120 }, (_, i) => ({
        at: at(`2025-03-10T10:${String(i % 60).padStart(2, '0')}:00Z`),
        direction: i % 2 ? ('sf_to_sia' as const) : ('sia_to_sf' as const),
        action: 'update' as const,
        siaTaskId: `task-${i}`,
        message: `entry ${i}`,
        ...(i === 119 ? { detail: decision } : {}),
      })),
    );
    await appendSyncLog(db, user.id, [{ direction: 'both', action: 'conflict', siaTaskId: 'task-7', sfTaskId: '00T1', message: 'merged', detail: decision }], at('2025-03-10T12:00:00Z'));

    const first = await listSyncLog(db, user.id, { limit: 50 });
    expect(first).toHaveLength(50);
    expect(first[0]).toMatchObject({ message: 'merged', direction: 'both', action: 'conflict', siaTaskId: 'task-7', sfTaskId: '00T1', detail: decision, at: '2025-03-10T12:00:00.000Z' });
    expect(first[1]).toMatchObject({ message: 'entry 119', detail: decision });
    const messages: string[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await listSyncLog(db, user.id, { limit: 50, ...(before === undefined ? {} : { before }) });
      if (page.length === 0) break;
      messages.push(...page.map((e) => e.message));
      before = page[page.length - 1]!.id;
    }
    expect(messages).toEqual(['merged', ...Array.from({ length: 120 }, (_, i) => `entry ${119 - i}`)]);
    expect((await listSyncLog(db, user.id, { siaTaskId: 'task-7' })).map((e) => e.message)).toEqual(['merged', 'entry 7']);

    const other = await newUser(db);
    expect(await listSyncLog(db, other.id)).toEqual([]);
    expect(await pruneSyncLog(db, at('2025-03-10T11:00:00Z'))).toBe(120);
    expect((await listSyncLog(db, user.id)).map((e) => e.message)).toEqual(['merged']);
  });

  it('appends more entries than one statement can bind, all of them in order', async () => {
    const { db } = store();
    const user = await newUser(db);
    await appendSyncLog(
      db,
      user.id,
      Array.from({ length: 5000 }, (_, i) => ({ direction: 'sf_to_sia' as const, action: 'create' as const, siaTaskId: `task-${i}`, sfTaskId: `00T${i}`, message: `entry ${i}` })),
      at('2025-03-10T10:00:00Z'),
    );
    const messages: string[] = [];
    for (let before: number | undefined; ; ) {
      const page = await listSyncLog(db, user.id, { limit: 500, ...(before === undefined ? {} : { before }) });
      if (page.length === 0) break;
      messages.push(...page.map((e) => e.message));
      before = page[page.length - 1]!.id;
    }
    expect(messages).toEqual(Array.from({ length: 5000 }, (_, i) => `entry ${4999 - i}`));
  });

  it('keeps one open error per record, counts attempts, groups by code, and keeps resolved ones as history', async () => {
    const { db } = store();
    const user = await newUser(db);
    const validation = { code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Subject must start with a verb', explanation: 'A validation rule in your org refused the task.' };
    await recordSyncError(db, user.id, { key: 'task:a', siaTaskId: 'a', ...validation }, at('2025-03-10T10:00:00Z'));
    const again = await recordSyncError(db, user.id, { key: 'task:a', siaTaskId: 'a', ...validation }, at('2025-03-10T10:05:00Z'));
    expect(again).toMatchObject({ attempts: 2, firstSeenAt: '2025-03-10T10:00:00.000Z', lastSeenAt: '2025-03-10T10:05:00.000Z', resolvedAt: null });
    await recordSyncError(db, user.id, { key: 'task:b', siaTaskId: 'b', ...validation }, at('2025-03-10T10:01:00Z'));
    await recordSyncError(
      db,
      user.id,
      { key: 'sf:00T9', sfTaskId: '00T9', code: 'ENTITY_IS_LOCKED', message: 'locked', explanation: 'The record is locked by an approval.' },
      at('2025-03-10T10:10:00Z'),
    );

    const groups = await listOpenSyncErrors(db, user.id);
    expect(groups.map((g) => [g.code, g.count, g.errors.map((e) => e.key)])).toEqual([
      ['ENTITY_IS_LOCKED', 1, ['sf:00T9']],
      ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 2, ['task:a', 'task:b']],
    ]);
    expect(await countOpenSyncErrors(db, user.id)).toBe(3);

    expect(await resolveSyncError(db, user.id, 'task:a', at('2025-03-10T11:00:00Z'))).toBe(true);
    expect(await resolveSyncError(db, user.id, 'task:a')).toBe(false);
    const reopened = await recordSyncError(db, user.id, { key: 'task:a', siaTaskId: 'a', ...validation }, at('2025-03-10T12:00:00Z'));
    expect(reopened).toMatchObject({ attempts: 1, firstSeenAt: '2025-03-10T12:00:00.000Z' });
    const rows = await db.selectFrom('sync_errors').select(['record_key', 'resolved_at']).where('user_id', '=', user.id).where('record_key', '=', 'task:a').orderBy('id').execute();
    expect(rows).toEqual([
      { record_key: 'task:a', resolved_at: '2025-03-10T11:00:00.000Z' },
      { record_key: 'task:a', resolved_at: null },
    ]);
  });

  it('stores log entries clean, written in bulk as one at a time: no NUL or other control characters, no lone surrogates', async () => {
    const { db } = store();
    const user = await newUser(db);
    const entry = { direction: 'sf_to_sia' as const, action: 'error' as const, sfTaskId: '00T\u00001', message: 'Refused:\u0000 locked\u0007\tline\n\uD800', detail: { why: 'nul\u0000 here', n: 2, flag: true, none: null } };
    await appendSyncLog(db, user.id, [entry, entry], at('2025-03-10T10:00:00Z'));
    const entries = await listSyncLog(db, user.id);
    expect(entries.map(({ sfTaskId, message, detail }) => ({ sfTaskId, message, detail }))).toEqual(
      Array.from({ length: 2 }, () => ({ sfTaskId: '00T1', message: 'Refused: locked\tline\n\uFFFD', detail: { why: 'nul here', n: 2, flag: true, none: null } })),
    );
  });

  it("resolves many records' open errors in one call, only the user's own", async () => {
    const { db } = store();
    const user = await newUser(db);
    const other = await newUser(db);
    const locked = { code: 'ENTITY_IS_LOCKED', message: 'locked', explanation: 'The record is locked by an approval.' };
    for (const key of ['task:a', 'task:b', 'task:c']) await recordSyncError(db, user.id, { key, ...locked }, at('2025-03-10T10:00:00Z'));
    await recordSyncError(db, other.id, { key: 'task:a', ...locked }, at('2025-03-10T10:00:00Z'));
    expect(await resolveSyncErrors(db, user.id, ['task:a', 'task:c', 'task:unknown'], at('2025-03-10T11:00:00Z'))).toBe(2);
    expect(await resolveSyncErrors(db, user.id, ['task:a', 'task:c'])).toBe(0);
    expect(await resolveSyncErrors(db, user.id, [])).toBe(0);
    expect((await listOpenSyncErrors(db, user.id)).flatMap((g) => g.errors.map((e) => e.key))).toEqual(['task:b']);
    expect(await countOpenSyncErrors(db, other.id)).toBe(1);
  });

  it('counts API calls per org and per user over the last 24 hour buckets', async () => {
    const { db } = store();
    const ann = await newUser(db);
    const bob = await newUser(db);
    const org = `org-${ann.id}`;
    const now = at('2025-03-10T12:30:00Z');
    await addApiCalls(db, org, ann.id, 3, at('2025-03-10T12:01:00Z'));
    await addApiCalls(db, org, ann.id, 2, at('2025-03-10T12:29:00Z'));
    await addApiCalls(db, org, bob.id, 10, at('2025-03-09T13:00:00Z')); // first bucket of the window
    await addApiCalls(db, org, bob.id, 100, at('2025-03-09T12:59:59Z')); // just outside it
    await addApiCalls(db, 'other-org', ann.id, 7, at('2025-03-10T12:00:00Z'));
    await addApiCalls(db, org, ann.id, 0, now);

    expect(await apiCallsInLast24h(db, { orgId: org }, now)).toBe(15);
    expect(await apiCallsInLast24h(db, { userId: ann.id }, now)).toBe(12);
    expect(await apiCallsInLast24h(db, { userId: bob.id }, now)).toBe(10);
    expect(await apiCallsInLast24h(db, { orgId: 'idle-org' }, now)).toBe(0);
    expect(await apiCallsByHour(db, { orgId: org }, at('2025-03-09T00:00:00Z'))).toEqual([
      { hour: '2025-03-09T12:00:00.000Z', calls: 100 },
      { hour: '2025-03-09T13:00:00.000Z', calls: 10 },
      { hour: '2025-03-10T12:00:00.000Z', calls: 5 },
    ]);
    expect(hourBucket(at('2025-03-10T12:59:59.999Z'))).toBe('2025-03-10T12:00:00.000Z');
    await expect(addApiCalls(db, org, ann.id, -1)).rejects.toThrow(RangeError);
  });

  it('adds API calls from parallel writers without losing any', async () => {
    const { db } = store();
    const user = await newUser(db);
    const now = at('2025-03-10T12:00:00Z');
    await Promise.all(Array.from({ length: 40 }, () => addApiCalls(db, 'org-parallel', user.id, 1, now)));
    expect(await apiCallsInLast24h(db, { userId: user.id }, now)).toBe(40);
  });

  it('keeps the latest reported limit info per org, ignoring late older reports', async () => {
    const { db } = store();
    await setApiLimitInfo(db, 'org-limits', 1200, 115000, at('2025-03-10T12:00:00Z'));
    await setApiLimitInfo(db, 'org-limits', 1300, 115000, at('2025-03-10T12:05:00Z'));
    await setApiLimitInfo(db, 'org-limits', 1250, 115000, at('2025-03-10T12:03:00Z'));
    expect(await getApiLimitInfo(db, 'org-limits')).toEqual({ orgId: 'org-limits', used: 1300, limit: 115000, at: '2025-03-10T12:05:00.000Z' });
    expect(await getApiLimitInfo(db, 'org-none')).toBeUndefined();
  });
});

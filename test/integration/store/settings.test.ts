import { getEmailSubjectTemplate, setEmailSubjectTemplate } from '../../../store/admin-settings';
import { getSyncSettings, saveSyncSettings, SyncSettingsError } from '../../../store/settings';
import { createTask } from '../../../store/tasks';
import { defaultSyncSettings } from '../../../sync/settings';
import { dialects, newUser, useStore } from './store-fixtures';

const at = (iso: string) => new Date(iso);
const twoWay = { taskSync: { mode: 'two_way' } };
const off = { taskSync: { mode: 'do_not_sync' } };

describe.each(dialects)('sync settings on %s', (_dialect, database) => {
  const store = useStore(database);

  it('gives the defaults before the first save', async () => {
    const { db } = store();
    const user = await newUser(db);
    expect(await getSyncSettings(db, user.id)).toEqual({
      settings: defaultSyncSettings,
      savedAt: null,
      taskSyncEnabledAt: null,
      taskSyncFirstEnabledAt: null,
      taskSyncDisabledAt: null,
      baselineSeq: null,
    });
  });

  it('validates on save, with the field to fix, and stores nothing invalid', async () => {
    const { db } = store();
    const user = await newUser(db);
    const save = saveSyncSettings(db, user.id, { emailLogging: { mode: 'bcc', address: 'not an address' } });
    await expect(save).rejects.toThrow(SyncSettingsError);
    await expect(save).rejects.toMatchObject({ errors: [{ field: 'emailLogging.address' }] });
    expect((await getSyncSettings(db, user.id)).savedAt).toBeNull();
  });

  it('records the baseline when task sync switches on, keeps history when it switches off, and starts a new period when on again', async () => {
    const { db } = store();
    const user = await newUser(db);
    await createTask(db, user.id, { name: 'before sync 1' });
    await createTask(db, user.id, { name: 'before sync 2' });

    const first = await saveSyncSettings(db, user.id, { emailLogging: { mode: 'api' } }, at('2025-03-01T10:00:00Z'));
    expect(first).toMatchObject({ taskSyncSwitchedOn: false, taskSyncSwitchedOff: false, baselineSeq: null, taskSyncEnabledAt: null });
    expect(first.settings.emailLogging).toMatchObject({ mode: 'api', logToContacts: true, logReplies: true });

    const on = await saveSyncSettings(db, user.id, { emailLogging: { mode: 'api' }, ...twoWay }, at('2025-03-02T10:00:00Z'));
    expect(on).toMatchObject({
      taskSyncSwitchedOn: true,
      baselineSeq: 2,
      taskSyncEnabledAt: '2025-03-02T10:00:00.000Z',
      taskSyncFirstEnabledAt: '2025-03-02T10:00:00.000Z',
      taskSyncDisabledAt: null,
    });

    await createTask(db, user.id, { name: 'after sync' });
    const resaved = await saveSyncSettings(db, user.id, { emailLogging: { mode: 'off' }, ...twoWay }, at('2025-03-03T10:00:00Z'));
    expect(resaved).toMatchObject({ taskSyncSwitchedOn: false, baselineSeq: 2, taskSyncEnabledAt: '2025-03-02T10:00:00.000Z' });

    const switchedOff = await saveSyncSettings(db, user.id, off, at('2025-03-04T10:00:00Z'));
    expect(switchedOff).toMatchObject({
      taskSyncSwitchedOn: false,
      taskSyncSwitchedOff: true,
      baselineSeq: 2,
      taskSyncEnabledAt: '2025-03-02T10:00:00.000Z',
      taskSyncDisabledAt: '2025-03-04T10:00:00.000Z',
    });

    await createTask(db, user.id, { name: 'while off' });
    const again = await saveSyncSettings(db, user.id, twoWay, at('2025-03-05T10:00:00Z'));
    expect(again).toMatchObject({
      taskSyncSwitchedOn: true,
      baselineSeq: 4,
      taskSyncEnabledAt: '2025-03-05T10:00:00.000Z',
      taskSyncFirstEnabledAt: '2025-03-02T10:00:00.000Z',
      taskSyncDisabledAt: null,
    });

    const stored = await getSyncSettings(db, user.id);
    expect(stored).toEqual({
      settings: { emailLogging: { mode: 'off' }, taskSync: { mode: 'two_way' } },
      savedAt: '2025-03-05T10:00:00.000Z',
      taskSyncEnabledAt: '2025-03-05T10:00:00.000Z',
      taskSyncFirstEnabledAt: '2025-03-02T10:00:00.000Z',
      taskSyncDisabledAt: null,
      baselineSeq: 4,
    });
  });

  it('saves inside a caller’s transaction and rolls back with it', async () => {
    const s = store();
    const user = await newUser(s.db);
    await expect(
      s.transaction(async (tx) => {
        await saveSyncSettings(tx, user.id, twoWay);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await getSyncSettings(s.db, user.id)).savedAt).toBeNull();
  });

  it('keeps the admin subject template', async () => {
    const { db } = store();
    expect(await getEmailSubjectTemplate(db)).toBeUndefined();
    await setEmailSubjectTemplate(db, '{{activity_type}}: {{activity_subject}}');
    await setEmailSubjectTemplate(db, '[SIA] {{activity_type}}: {{activity_subject}} ({{sales_campaign_name}})');
    expect(await getEmailSubjectTemplate(db)).toBe('[SIA] {{activity_type}}: {{activity_subject}} ({{sales_campaign_name}})');
  });
});

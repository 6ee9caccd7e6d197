import { onSalesforceChange, onSiaChange, reconcileLinked, type SiaTaskSnapshot, type SyncPhase, type TaskLink } from './reconcile';
import type { SfTask } from './salesforce-mapping';
import { sfTask, taskFields } from '../test/support/task-fixtures';
import type { TaskFields } from './task-fields';

const synced = taskFields();
const link: TaskLink = { siaTaskId: 'sia-1', sfTaskId: '00T000000000001AAA', synced, syncedAt: '2024-01-15T10:30:00.000Z' };
const continuous: SyncPhase = { kind: 'continuous' };

const early = '2024-01-15T11:00:00.000Z';
const late = '2024-01-15T12:00:00.000Z';
const earlySf = '2024-01-15T11:00:00.000+0000';
const lateSf = '2024-01-15T12:00:00.000+0000';

function liveSia(fields: Partial<TaskFields> = {}, updatedAt = early, createdSeq = 20): SiaTaskSnapshot {
  return { id: 'sia-1', createdSeq, deleted: false, fields: taskFields(fields), updatedAt };
}
function deletedSia(deletedAt = early): SiaTaskSnapshot {
  return { id: 'sia-1', createdSeq: 20, deleted: true, deletedAt };
}
function sf(overrides: Partial<SfTask> = {}): SfTask {
  return sfTask({ SystemModstamp: earlySf, LastModifiedDate: earlySf, ...overrides });
}

describe('onSalesforceChange, unlinked record', () => {
  const phaseImport: SyncPhase = { kind: 'initial-import', switchedOnAt: '2024-01-16T00:00:00.000Z' };
  test.each<[string, Partial<SfTask>, SyncPhase, string, unknown]>([
    ['new SF task while continuous', {}, continuous, 'create-in-sia', { fields: synced }],
    ['new SF task inside the 24 h import window', { LastModifiedDate: '2024-01-15T00:00:00.000+0000' }, phaseImport, 'create-in-sia', { fields: synced }],
    ['old SF task outside the import window', { CreatedDate: '2024-01-14T23:59:59.000+0000', LastModifiedDate: '2024-01-14T23:59:59.000+0000' }, phaseImport, 'ignore', { reason: 'outside-initial-import' }],
    ['deleted before we ever saw it', { IsDeleted: true }, continuous, 'ignore', { reason: 'deleted-before-sync' }],
    ['a logged email is no to-do', { TaskSubtype: 'Email', Status: 'Completed', IsClosed: true }, continuous, 'ignore', { reason: 'activity-log' }],
    ['a logged call is no to-do', { TaskSubtype: 'Call' }, continuous, 'ignore', { reason: 'activity-log' }],
    ['no TaskSubtype selected: imported', { TaskSubtype: undefined }, continuous, 'create-in-sia', { fields: synced }],
    ['our own create whose link was lost', { SIA_Task_Id__c: 'sia-9' }, continuous, 'adopt', { siaTaskId: 'sia-9', synced }],
    ['closed SF task imported as complete', { Status: 'Completed', IsClosed: true }, continuous, 'create-in-sia', { fields: taskFields({ status: 'complete' }) }],
  ])('%s → %s', (_label, record, phase, kind, rest) => {
    expect(onSalesforceChange({ record: sf(record), link: null, sia: null, phase })).toEqual({ kind, ...(rest as object) });
  });
});

describe('onSiaChange, unlinked task', () => {
  test.each<[string, SiaTaskSnapshot, number, string]>([
    ['created after switch-on', liveSia({}, early, 11), 10, 'create-in-sf'],
    ['created at the baseline', liveSia({}, early, 10), 10, 'not-synced'],
    ['created before switch-on, edited since', liveSia({ name: 'edited' }, late, 3), 10, 'not-synced'],
    ['deleted, never synced', { id: 'sia-1', createdSeq: 11, deleted: true, deletedAt: early }, 10, 'ignore'],
  ])('%s → %s', (_label, sia, baselineSeq, kind) => {
    expect(onSiaChange({ sia, link: null, sf: null, baselineSeq }).kind).toBe(kind);
  });

  test('our own create whose link was lost, its SIA task deleted since: deleted in Salesforce, never adopted back', () => {
    const tombstone: SiaTaskSnapshot = { id: 'sia-9', createdSeq: 11, deleted: true, deletedAt: early };
    expect(onSalesforceChange({ record: sf({ SIA_Task_Id__c: 'sia-9' }), link: null, sia: tombstone, phase: continuous })).toEqual({ kind: 'delete-in-sf', reason: 'deleted-in-sia' });
    expect(onSalesforceChange({ record: sf({ SIA_Task_Id__c: 'sia-9' }), link: null, sia: liveSia({}, early, 11), phase: continuous }).kind).toBe('adopt');
  });

  test('create carries the external id and the full SF fields', () => {
    const action = onSiaChange({ sia: liveSia({ priority: 'high' }, early, 11), link: null, sf: null, baselineSeq: 10 });
    expect(action).toMatchObject({ kind: 'create-in-sf', fields: taskFields({ priority: 'high' }), create: { externalId: { SIA_Task_Id__c: 'sia-1' }, fields: { Priority: 'High', Subject: 'Call Ann' } } });
  });

  test('existed-before-sync reason', () => {
    expect(onSiaChange({ sia: liveSia({}, early, 1), link: null, sf: null, baselineSeq: 10 })).toEqual({ kind: 'not-synced', reason: 'existed-before-sync' });
  });
});

describe('linked: both live', () => {
  test('our own write coming back is an echo (from either side)', () => {
    expect(reconcileLinked({ link, sia: liveSia(), sf: sf() })).toEqual({ kind: 'echo' });
    expect(onSalesforceChange({ record: sf(), link, sia: liveSia(), phase: continuous })).toEqual({ kind: 'echo' });
    expect(onSiaChange({ sia: liveSia(), link, sf: sf(), baselineSeq: 0 })).toEqual({ kind: 'echo' });
  });

  test('SF In Progress with SIA open is an echo, not a status write', () => {
    expect(reconcileLinked({ link, sia: liveSia(), sf: sf({ Status: 'In Progress' }) })).toEqual({ kind: 'echo' });
  });

  test('SF-only edit updates SIA', () => {
    const action = reconcileLinked({ link, sia: liveSia(), sf: sf({ Subject: 'Call Bob', LastModifiedDate: lateSf }) });
    expect(action).toMatchObject({ kind: 'update', merged: taskFields({ name: 'Call Bob' }), toSia: { name: 'Call Bob' }, toSalesforce: null });
  });

  test('SIA-only edit updates SF with only the changed SF field', () => {
    const action = reconcileLinked({ link, sia: liveSia({ status: 'complete' }, late), sf: sf({ Priority: 'Low' }) });
    expect(action).toMatchObject({ kind: 'update', toSia: null, toSalesforce: { fields: { Status: 'Completed' }, cuts: [] } });
  });

  test('each side edited a different field: both written in one step', () => {
    const action = reconcileLinked({ link, sia: liveSia({ dueDate: '2024-02-01' }, early), sf: sf({ Priority: 'High', LastModifiedDate: lateSf }) });
    expect(action).toMatchObject({
      kind: 'update',
      merged: taskFields({ dueDate: '2024-02-01', priority: 'high' }),
      toSia: { priority: 'high' },
      toSalesforce: { fields: { ActivityDate: '2024-02-01' } },
    });
  });

  test.each<[string, string, string, string]>([
    ['SIA later wins', late, earlySf, 'SIA name'],
    ['SF later wins', early, lateSf, 'SF name'],
    ['same second: SF wins', '2024-01-15T12:00:00.400Z', lateSf, 'SF name'],
  ])('conflict on the name: %s', (_label, siaAt, sfAt, winner) => {
    const action = reconcileLinked({ link, sia: liveSia({ name: 'SIA name' }, siaAt), sf: sf({ Subject: 'SF name', LastModifiedDate: sfAt }) });
    expect(action.kind).toBe('update');
    if (action.kind !== 'update') return;
    expect(action.merged.name).toBe(winner);
    expect(action.decisions).toHaveLength(1);
  });

  test('both sides made the same edit: only the link moves on', () => {
    const action = reconcileLinked({ link, sia: liveSia({ name: 'Same' }), sf: sf({ Subject: 'Same' }) });
    expect(action).toEqual({ kind: 'update', merged: taskFields({ name: 'Same' }), toSia: null, toSalesforce: null, decisions: [] });
  });
});

describe('linked: deletions', () => {
  test.each<[string, SiaTaskSnapshot | null, SfTask | null, unknown]>([
    ['deleted on both sides', deletedSia(), sf({ IsDeleted: true }), { kind: 'unlink', reason: 'deleted-on-both-sides' }],
    ['SIA row gone, SF purged', null, null, { kind: 'unlink', reason: 'deleted-on-both-sides' }],
    ['SF deleted, SIA untouched', liveSia(), sf({ IsDeleted: true, SystemModstamp: lateSf }), { kind: 'delete-in-sia', reason: 'deleted-in-salesforce' }],
    ['SF purged, SIA untouched', liveSia(), null, { kind: 'delete-in-sia', reason: 'deleted-in-salesforce' }],
    ['SF deleted after the SIA edit', liveSia({ name: 'edited' }, early), sf({ IsDeleted: true, SystemModstamp: lateSf }), { kind: 'delete-in-sia', reason: 'deleted-in-salesforce' }],
    ['SIA deleted, SF untouched', deletedSia(late), sf(), { kind: 'delete-in-sf', reason: 'deleted-in-sia' }],
    ['SIA deleted after the SF edit', deletedSia(late), sf({ Subject: 'edited', LastModifiedDate: earlySf }), { kind: 'delete-in-sf', reason: 'deleted-in-sia' }],
    ['SIA deleted in the same second as the SF edit', deletedSia('2024-01-15T12:00:00.900Z'), sf({ Subject: 'edited', LastModifiedDate: lateSf }), { kind: 'delete-in-sf', reason: 'deleted-in-sia' }],
  ])('%s', (_label, sia, sfRecord, expected) => {
    expect(reconcileLinked({ link, sia, sf: sfRecord })).toEqual(expected);
  });

  test.each<[string, SiaTaskSnapshot | null, SfTask | null, string, string]>([
    ['SIA edited after the SF delete', liveSia({ name: 'edited' }, late), sf({ IsDeleted: true, SystemModstamp: earlySf }), 'recreate-in-sf', 'edited-after-delete'],
    ['SIA edited, SF purged (time unknown)', liveSia({ name: 'edited' }, early), null, 'recreate-in-sf', 'edited-and-delete-time-unknown'],
    ['SF edited after the SIA delete', deletedSia(early), sf({ Subject: 'edited', LastModifiedDate: lateSf }), 'recreate-in-sia', 'edited-after-delete'],
    ['SF edited, SIA row gone (time unknown)', null, sf({ Subject: 'edited' }), 'recreate-in-sia', 'edited-and-delete-time-unknown'],
  ])('%s → %s', (_label, sia, sfRecord, kind, reason) => {
    const action = reconcileLinked({ link, sia, sf: sfRecord });
    expect(action).toMatchObject({ kind, reason, fields: taskFields({ name: 'edited' }) });
  });

  test('the re-created SF task is an upsert on the SIA id', () => {
    const action = reconcileLinked({ link, sia: liveSia({ name: 'edited' }, late), sf: null });
    expect(action).toMatchObject({ kind: 'recreate-in-sf', create: { externalId: { SIA_Task_Id__c: 'sia-1' } } });
  });

  test('both entry points agree on a linked pair', () => {
    const sia = deletedSia(early);
    const record = sf({ Subject: 'edited', LastModifiedDate: lateSf });
    expect(onSalesforceChange({ record, link, sia, phase: continuous })).toEqual(onSiaChange({ sia, link, sf: record, baselineSeq: 0 }));
  });
});

import { laterSide, mergeTask, resolveDeleteVsEdit, type MergeReason, type Side } from './merge';
import { taskFields } from '../test/support/task-fixtures';
import type { TaskFields } from './task-fields';

const t0 = '2024-01-15T10:00:00.000Z';
const t1 = '2024-01-15T11:00:00.000Z';

describe('laterSide', () => {
  test.each<[string, string, string, Side, MergeReason]>([
    ['SIA a second later', '2024-01-15T10:00:01.000Z', '2024-01-15T10:00:00.000+0000', 'sia', 'sia-changed-later'],
    ['SF a second later', '2024-01-15T10:00:00.000Z', '2024-01-15T10:00:01.000+0000', 'salesforce', 'salesforce-changed-later'],
    ['same second, SIA has milliseconds', '2024-01-15T10:00:00.900Z', '2024-01-15T10:00:00.000+0000', 'salesforce', 'same-second-salesforce-wins'],
    ['exactly equal', t0, t0, 'salesforce', 'same-second-salesforce-wins'],
    ['zones differ, SIA later', '2024-01-15T12:00:01+02:00', '2024-01-15T10:00:00.000+0000', 'sia', 'sia-changed-later'],
  ])('%s', (_label, sia, sf, winner, reason) => {
    expect(laterSide(sia, sf)).toEqual({ winner, reason });
  });
});

describe('mergeTask', () => {
  type Case = [string, { base?: Partial<TaskFields>; sia?: Partial<TaskFields>; sf?: Partial<TaskFields>; siaAt?: string; sfAt?: string }, {
    merged: Partial<TaskFields>;
    toSalesforce: Partial<TaskFields> | null;
    toSia: Partial<TaskFields> | null;
    decisions: Array<[string, Side, MergeReason]>;
  }];
  test.each<Case>([
    ['nothing changed', {}, { merged: {}, toSalesforce: null, toSia: null, decisions: [] }],
    ['only SIA renamed', { sia: { name: 'New' } }, { merged: { name: 'New' }, toSalesforce: { name: 'New' }, toSia: null, decisions: [['name', 'sia', 'only-sia-changed']] }],
    ['only SF completed', { sf: { status: 'complete' } }, { merged: { status: 'complete' }, toSalesforce: null, toSia: { status: 'complete' }, decisions: [['status', 'salesforce', 'only-salesforce-changed']] }],
    [
      'different fields on each side: both sides get the other’s',
      { sia: { name: 'New' }, sf: { dueDate: '2024-02-01' } },
      {
        merged: { name: 'New', dueDate: '2024-02-01' },
        toSalesforce: { name: 'New' },
        toSia: { dueDate: '2024-02-01' },
        decisions: [
          ['name', 'sia', 'only-sia-changed'],
          ['dueDate', 'salesforce', 'only-salesforce-changed'],
        ],
      },
    ],
    ['same change on both sides: no conflict', { sia: { priority: 'high' }, sf: { priority: 'high' } }, { merged: { priority: 'high' }, toSalesforce: null, toSia: null, decisions: [] }],
    [
      'same field, SIA later',
      { sia: { name: 'SIA' }, sf: { name: 'SF' }, siaAt: t1, sfAt: t0 },
      { merged: { name: 'SIA' }, toSalesforce: { name: 'SIA' }, toSia: null, decisions: [['name', 'sia', 'sia-changed-later']] },
    ],
    [
      'same field, SF later',
      { sia: { name: 'SIA' }, sf: { name: 'SF' }, siaAt: t0, sfAt: t1 },
      { merged: { name: 'SF' }, toSalesforce: null, toSia: { name: 'SF' }, decisions: [['name', 'salesforce', 'salesforce-changed-later']] },
    ],
    [
      'same field, same second: SF',
      { sia: { name: 'SIA' }, sf: { name: 'SF' }, siaAt: '2024-01-15T10:00:00.500Z', sfAt: '2024-01-15T10:00:00.000+0000' },
      { merged: { name: 'SF' }, toSalesforce: null, toSia: { name: 'SF' }, decisions: [['name', 'salesforce', 'same-second-salesforce-wins']] },
    ],
    [
      'conflict on one field, one-sided change on another',
      { sia: { name: 'SIA', details: 'notes' }, sf: { name: 'SF' }, siaAt: t0, sfAt: t1 },
      {
        merged: { name: 'SF', details: 'notes' },
        toSalesforce: { details: 'notes' },
        toSia: { name: 'SF' },
        decisions: [
          ['name', 'salesforce', 'salesforce-changed-later'],
          ['details', 'sia', 'only-sia-changed'],
        ],
      },
    ],
    ['whitespace-only SIA edit is no change', { sia: { name: ' Call Ann ' } }, { merged: {}, toSalesforce: null, toSia: null, decisions: [] }],
    [
      'SF cut copy of a long SIA name is not an SF edit',
      { base: { name: 'n'.repeat(300) }, sia: { name: 'n'.repeat(300) }, sf: { name: 'n'.repeat(255) } },
      { merged: { name: 'n'.repeat(300) }, toSalesforce: null, toSia: null, decisions: [] },
    ],
    [
      'reminder cleared in SF',
      { base: { reminderAt: '2024-01-15T08:00:00.000Z' }, sia: { reminderAt: '2024-01-15T08:00:00.000Z' }, sf: { reminderAt: null } },
      { merged: { reminderAt: null }, toSalesforce: null, toSia: { reminderAt: null }, decisions: [['reminderAt', 'salesforce', 'only-salesforce-changed']] },
    ],
  ])('%s', (_label, input, expected) => {
    const base = taskFields(input.base);
    const result = mergeTask({
      base,
      sia: { fields: taskFields({ ...input.base, ...input.sia }), changedAt: input.siaAt ?? t0 },
      salesforce: { fields: taskFields({ ...input.base, ...input.sf }), changedAt: input.sfAt ?? t0 },
    });
    expect(result.merged).toEqual(taskFields({ ...input.base, ...expected.merged }));
    expect(result.toSalesforce).toEqual(expected.toSalesforce);
    expect(result.toSia).toEqual(expected.toSia);
    expect(result.decisions.map((d) => [d.field, d.winner, d.reason])).toEqual(expected.decisions);
  });

  test('decisions carry both values for the sync log', () => {
    const result = mergeTask({
      base: taskFields(),
      sia: { fields: taskFields({ name: 'SIA' }), changedAt: t1 },
      salesforce: { fields: taskFields({ name: 'SF' }), changedAt: t0 },
    });
    expect(result.decisions).toEqual([{ field: 'name', sia: 'SIA', sf: 'SF', winner: 'sia', reason: 'sia-changed-later' }]);
  });
});

describe('resolveDeleteVsEdit', () => {
  test.each([
    ['untouched other side: delete wins', { deletedAt: t1, editedSinceSync: false, editedAt: t0 }, 'delete-wins'],
    ['untouched, delete time unknown: delete wins', { deletedAt: null, editedSinceSync: false, editedAt: t0 }, 'delete-wins'],
    ['edit a second after the delete: edit wins', { deletedAt: '2024-01-15T10:00:00.000+0000', editedSinceSync: true, editedAt: '2024-01-15T10:00:01.000Z' }, 'edit-wins'],
    ['edit in the same second: delete wins', { deletedAt: '2024-01-15T10:00:00.000+0000', editedSinceSync: true, editedAt: '2024-01-15T10:00:00.700Z' }, 'delete-wins'],
    ['edit before the delete: delete wins', { deletedAt: t1, editedSinceSync: true, editedAt: t0 }, 'delete-wins'],
    ['edited, delete time unknown: edit wins', { deletedAt: null, editedSinceSync: true, editedAt: t0 }, 'edit-wins'],
  ])('%s', (_label, input, expected) => {
    expect(resolveDeleteVsEdit(input)).toBe(expected);
  });
});

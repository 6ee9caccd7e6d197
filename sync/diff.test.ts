import { changedFields } from './diff';
import { taskFields } from '../test/support/task-fixtures';
import type { TaskFields } from './task-fields';

describe('changedFields', () => {
  test.each<[string, Partial<TaskFields>, Partial<TaskFields>, string[]]>([
    ['nothing changed', {}, {}, []],
    ['whitespace-only name edit is no change', { name: 'Call Ann' }, { name: ' Call Ann ' }, []],
    ['name', {}, { name: 'Call Bob' }, ['name']],
    ['details added', {}, { details: 'notes' }, ['details']],
    ['details cleared', { details: 'notes' }, { details: null }, ['details']],
    ['due date moved', {}, { dueDate: '2024-01-16' }, ['dueDate']],
    ['completed', {}, { status: 'complete' }, ['status']],
    ['priority', {}, { priority: 'high' }, ['priority']],
    ['reminder set', {}, { reminderAt: '2024-01-15T08:00:00Z' }, ['reminderAt']],
    [
      'several, in canonical order',
      {},
      { reminderAt: '2024-01-15T08:00:00Z', name: 'X', status: 'complete' },
      ['name', 'status', 'reminderAt'],
    ],
  ])('%s', (_label, base, current, expected) => {
    expect(changedFields(taskFields(base), taskFields(current))).toEqual(expected);
  });
});

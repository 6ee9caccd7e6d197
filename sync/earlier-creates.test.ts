import { earlierCreate } from './earlier-creates';
import type { SfTask } from './salesforce-mapping';
import { sfTask } from '../test/support/task-fixtures';

const record = (Id: string, CreatedDate: string, more: Partial<SfTask> = {}): SfTask => sfTask({ Id, CreatedDate, SIA_Task_Id__c: 'sia-1', ...more });
const first = record('00T000000000001AAA', '2024-01-15T10:00:00.000+0000');
const firstDeleted = record('00T000000000001AAA', '2024-01-15T10:00:00.000+0000', { IsDeleted: true });
const second = record('00T000000000002AAA', '2024-01-15T11:00:00.000+0000');
const sameSecond = record('00T000000000003AAA', '2024-01-15T11:00:00.000+0000');
const otherTask = record('00T000000000004AAA', '2024-01-15T12:00:00.000+0000', { SIA_Task_Id__c: 'sia-2' });

describe('earlierCreate', () => {
  test.each<[string, SfTask[], string | null, string | null]>([
    ['nothing was made', [], null, null],
    ['only other tasks carry an external id', [otherTask], null, null],
    ['the lost create made one', [first], null, first.Id],
    ['the lost create made one, deleted since', [firstDeleted], null, firstDeleted.Id],
    ['a re-create made a newer one than the link', [firstDeleted, second], first.Id, second.Id],
    ['the newest is the linked one: nothing new', [first, otherTask], first.Id, null],
    ['order of the answer does not matter', [second, first], null, second.Id],
    ['same second: the later id', [sameSecond, second], null, sameSecond.Id],
  ])('%s', (_label, records, linked, expected) => {
    expect(earlierCreate(records, 'sia-1', linked)?.Id ?? null).toBe(expected);
  });
});

import { fromSalesforce, fromSalesforceDateTime, toSalesforce, toSalesforceCreate, toSalesforceDateTime, type SfTask } from './salesforce-mapping';
import { sfTask, taskFields } from '../test/support/task-fixtures';
import type { TaskFields } from './task-fields';

describe('fromSalesforce', () => {
  test.each<[string, Partial<SfTask>, Partial<TaskFields>]>([
    ['plain open task', {}, {}],
    ['Completed is complete', { Status: 'Completed', IsClosed: true }, { status: 'complete' }],
    ['an org’s own closed value is complete', { Status: 'Done', IsClosed: true }, { status: 'complete' }],
    ['In Progress is open', { Status: 'In Progress' }, { status: 'open' }],
    ['Waiting on someone else is open', { Status: 'Waiting on someone else' }, { status: 'open' }],
    ['Deferred is open', { Status: 'Deferred' }, { status: 'open' }],
    ['High is high', { Priority: 'High' }, { priority: 'high' }],
    ['Low is normal', { Priority: 'Low' }, { priority: 'normal' }],
    ['null Subject is the empty name', { Subject: null }, { name: '' }],
    ['Subject is trimmed', { Subject: ' Call Ann ' }, { name: 'Call Ann' }],
    ['Description with CRLF', { Description: 'a\r\nb' }, { details: 'a\nb' }],
    ['ActivityDate copied as is', { ActivityDate: '2024-12-31' }, { dueDate: '2024-12-31' }],
    ['no ActivityDate', { ActivityDate: null }, { dueDate: null }],
    [
      'reminder set',
      { IsReminderSet: true, ReminderDateTime: '2024-01-15T08:00:00.000+0000' },
      { reminderAt: '2024-01-15T08:00:00.000Z' },
    ],
    ['reminder time left behind but not set', { IsReminderSet: false, ReminderDateTime: '2024-01-15T08:00:00.000+0000' }, { reminderAt: null }],
    ['reminder flag without time', { IsReminderSet: true, ReminderDateTime: null }, { reminderAt: null }],
  ])('%s', (_label, record, expected) => {
    expect(fromSalesforce(sfTask(record))).toEqual(taskFields(expected));
  });

  test('a datetime in ActivityDate is refused, not shifted', () => {
    expect(() => fromSalesforce(sfTask({ ActivityDate: '2024-01-15T00:00:00.000+0000' }))).toThrow(RangeError);
  });
});

describe('toSalesforce against the current record (only what changes)', () => {
  test.each<[string, Partial<TaskFields>, Partial<SfTask>, Record<string, unknown>]>([
    ['nothing changes', {}, {}, {}],
    ['rename', { name: 'Call Bob' }, {}, { Subject: 'Call Bob' }],
    ['whitespace-only difference writes nothing', { name: 'Call Ann' }, { Subject: 'Call Ann ' }, {}],
    ['empty name clears Subject', { name: '  ' }, {}, { Subject: null }],
    ['empty name on a task without Subject writes nothing', { name: '' }, { Subject: null }, {}],
    ['complete an open task', { status: 'complete' }, {}, { Status: 'Completed' }],
    ['complete an In Progress task', { status: 'complete' }, { Status: 'In Progress' }, { Status: 'Completed' }],
    ['complete an already closed task keeps its status', { status: 'complete' }, { Status: 'Done', IsClosed: true }, {}],
    ['open keeps In Progress', { status: 'open' }, { Status: 'In Progress' }, {}],
    ['open keeps Waiting on someone else', { status: 'open' }, { Status: 'Waiting on someone else' }, {}],
    ['open keeps Deferred', { status: 'open' }, { Status: 'Deferred' }, {}],
    ['reopen a completed task', { status: 'open' }, { Status: 'Completed', IsClosed: true }, { Status: 'Not Started' }],
    ['high on Normal', { priority: 'high' }, {}, { Priority: 'High' }],
    ['high on High', { priority: 'high' }, { Priority: 'High' }, {}],
    ['normal keeps Low', { priority: 'normal' }, { Priority: 'Low' }, {}],
    ['normal on High', { priority: 'normal' }, { Priority: 'High' }, { Priority: 'Normal' }],
    ['due date moved', { dueDate: '2024-01-16' }, {}, { ActivityDate: '2024-01-16' }],
    ['due date cleared', { dueDate: null }, {}, { ActivityDate: null }],
    ['details added', { details: 'notes' }, {}, { Description: 'notes' }],
    ['details same but CRLF in SF', { details: 'a\nb' }, { Description: 'a\r\nb' }, {}],
    ['details cleared', { details: null }, { Description: 'old' }, { Description: null }],
    [
      'reminder set',
      { reminderAt: '2024-01-15T08:00:00Z' },
      {},
      { IsReminderSet: true, ReminderDateTime: '2024-01-15T08:00:00.000+0000' },
    ],
    ['reminder moved', { reminderAt: '2024-01-15T09:00:00Z' }, { IsReminderSet: true, ReminderDateTime: '2024-01-15T08:00:00.000+0000' }, { ReminderDateTime: '2024-01-15T09:00:00.000+0000' }],
    ['reminder same instant', { reminderAt: '2024-01-15T10:00:00+02:00' }, { IsReminderSet: true, ReminderDateTime: '2024-01-15T08:00:00.000+0000' }, {}],
    ['reminder removed', { reminderAt: null }, { IsReminderSet: true, ReminderDateTime: '2024-01-15T08:00:00.000+0000' }, { IsReminderSet: false, ReminderDateTime: null }],
    [
      'reminder re-enabled at the old time',
      { reminderAt: '2024-01-15T08:00:00Z' },
      { IsReminderSet: false, ReminderDateTime: '2024-01-15T08:00:00.000+0000' },
      { IsReminderSet: true, ReminderDateTime: '2024-01-15T08:00:00.000+0000' },
    ],
  ])('%s', (_label, fields, current, expected) => {
    const write = toSalesforce(taskFields(fields), sfTask(current));
    expect(write.fields).toEqual(expected);
    expect(write.cuts).toEqual([]);
  });
});

describe('toSalesforce cuts', () => {
  test.each([
    ['Subject at 255 is kept', { name: 's'.repeat(255) }, []],
    ['Subject at 256 is cut', { name: 's'.repeat(256) }, [{ field: 'Subject', originalLength: 256, keptLength: 255 }]],
    ['Description at 32,000 is kept', { details: 'd'.repeat(32_000) }, []],
    ['Description at 32,001 is cut', { details: 'd'.repeat(32_001) }, [{ field: 'Description', originalLength: 32_001, keptLength: 32_000 }]],
  ])('%s', (_label, fields, cuts) => {
    const write = toSalesforce(taskFields(fields));
    expect(write.cuts).toEqual(cuts);
    expect((write.fields.Subject ?? '').length).toBeLessThanOrEqual(255);
    expect((write.fields.Description ?? '').length).toBeLessThanOrEqual(32_000);
  });

  test('a cut Subject already in SF is not written again', () => {
    const name = 'n'.repeat(300);
    expect(toSalesforce(taskFields({ name }), sfTask({ Subject: 'n'.repeat(255) })).fields).toEqual({});
  });
});

describe('creates', () => {
  test('every field plus the external id', () => {
    expect(toSalesforceCreate(taskFields({ priority: 'high', details: 'd' }), 'sia-1')).toEqual({
      fields: {
        Subject: 'Call Ann',
        Description: 'd',
        ActivityDate: '2024-01-15',
        Status: 'Not Started',
        Priority: 'High',
        IsReminderSet: false,
        ReminderDateTime: null,
      },
      cuts: [],
      externalId: { SIA_Task_Id__c: 'sia-1' },
    });
  });
  test('a completed task is created Completed with Normal priority', () => {
    const { fields } = toSalesforce(taskFields({ status: 'complete' }));
    expect(fields.Status).toBe('Completed');
    expect(fields.Priority).toBe('Normal');
  });
});

describe('round trip', () => {
  test.each<[string, Partial<TaskFields>]>([
    ['plain', {}],
    ['everything set', { details: 'x\ny', priority: 'high', status: 'complete', reminderAt: '2024-01-15T08:00:00.000Z', dueDate: '2024-02-29' }],
    ['empty name', { name: '' }],
  ])('%s: SIA → SF create → SIA gives the same fields', (_label, fields) => {
    const { fields: write } = toSalesforce(taskFields(fields));
    const record = sfTask({ ...write, IsClosed: write.Status === 'Completed' });
    expect(fromSalesforce(record)).toEqual(taskFields(fields));
  });
});

describe('datetime helpers', () => {
  test.each([
    ['2024-01-15T10:30:00.000Z', '2024-01-15T10:30:00.000+0000'],
    ['2024-01-15T12:30:00+02:00', '2024-01-15T10:30:00.000+0000'],
    ['2024-01-15T10:30:00.123Z', '2024-01-15T10:30:00.123+0000'],
  ])('toSalesforceDateTime(%s)', (iso, sf) => {
    expect(toSalesforceDateTime(iso)).toBe(sf);
  });
  test.each([
    ['2024-01-15T10:30:00.000+0000', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:00.000-0800', '2024-01-15T18:30:00.000Z'],
    ['2024-01-15T10:30:00Z', '2024-01-15T10:30:00.000Z'],
  ])('fromSalesforceDateTime(%s)', (sf, iso) => {
    expect(fromSalesforceDateTime(sf)).toBe(iso);
  });
  test.each(['2024-01-15T10:30:00', 'not a date', ''])('rejects %p', (text) => {
    expect(() => toSalesforceDateTime(text)).toThrow(RangeError);
    expect(() => fromSalesforceDateTime(text)).toThrow(RangeError);
  });
});

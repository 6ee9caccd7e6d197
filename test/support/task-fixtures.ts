import type { SfTask } from '../../sync/salesforce-mapping';
import type { TaskFields } from '../../sync/task-fields';

/** Builders for tests: a plain open task and a matching Salesforce record, overridable per case. */

export function taskFields(overrides: Partial<TaskFields> = {}): TaskFields {
  return { name: 'Call Ann', details: null, dueDate: '2024-01-15', status: 'open', priority: 'normal', reminderAt: null, ...overrides };
}

export function sfTask(overrides: Partial<SfTask> = {}): SfTask {
  return {
    Id: '00T000000000001AAA',
    Subject: 'Call Ann',
    Status: 'Not Started',
    Priority: 'Normal',
    ActivityDate: '2024-01-15',
    Description: null,
    IsReminderSet: false,
    ReminderDateTime: null,
    IsClosed: false,
    IsDeleted: false,
    OwnerId: '005000000000001AAA',
    SIA_Task_Id__c: null,
    TaskSubtype: 'Task',
    SystemModstamp: '2024-01-15T10:30:00.000+0000',
    LastModifiedDate: '2024-01-15T10:30:00.000+0000',
    CreatedDate: '2024-01-15T09:00:00.000+0000',
    ...overrides,
  };
}

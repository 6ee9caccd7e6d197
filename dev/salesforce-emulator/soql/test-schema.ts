import type { FieldType } from './ast';
import type { SoqlSchema } from './schema';

/** A small slice of Salesforce's standard objects, enough to exercise the parser in tests. */
const OBJECTS: Record<string, Record<string, FieldType>> = {
  Task: {
    Id: 'id', Subject: 'string', Status: 'picklist', Priority: 'picklist', ActivityDate: 'date',
    Description: 'textarea', IsReminderSet: 'boolean', ReminderDateTime: 'datetime', IsClosed: 'boolean',
    IsDeleted: 'boolean', OwnerId: 'reference', WhoId: 'reference', WhatId: 'reference', Type: 'picklist',
    SIA_Task_Id__c: 'string', SystemModstamp: 'datetime', LastModifiedDate: 'datetime', CreatedDate: 'datetime',
    CallDurationInSeconds: 'int',
  },
  Contact: { Id: 'id', Email: 'email', AccountId: 'reference', LastName: 'string', CreatedDate: 'datetime' },
  User: { Id: 'id', Email: 'email', Name: 'string' },
  Name: { Id: 'id', Name: 'string', Type: 'picklist' },
};

const RELATIONSHIPS: Record<string, Record<string, string>> = {
  Task: { owner: 'User', who: 'Name', what: 'Name' },
};

function find<T>(rec: Record<string, T>, key: string): string | undefined {
  return Object.keys(rec).find((k) => k.toLowerCase() === key.toLowerCase());
}

export const testSchema: SoqlSchema = {
  hasObject: (o) => o in OBJECTS,
  canonicalObject: (o) => find(OBJECTS, o),
  fieldType: (o, f) => OBJECTS[o]?.[f],
  canonicalField: (o, f) => (OBJECTS[o] ? find(OBJECTS[o], f) : undefined),
  relationshipTarget: (o, rel) => RELATIONSHIPS[o]?.[rel.toLowerCase()],
  isFilterable: (o, f) => !(o === 'Task' && f === 'Description'),
  isSortable: (o, f) => !(o === 'Task' && f === 'Description'),
};

/** The same objects without the optional hooks, as a minimal schema would be. */
export const bareSchema: SoqlSchema = {
  hasObject: (o) => o in OBJECTS,
  fieldType: (o, f) => OBJECTS[o]?.[f],
};

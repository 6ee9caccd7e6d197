/**
 * The objects the emulator knows, field by field, as the Object Reference describes them
 * (a subset of each object's fields: those the product and its tests touch).
 */
import type { FieldType, SoqlSchema } from './soql';

export interface PicklistEntry {
  value: string;
  label?: string;
  isDefault?: boolean;
  /** For Task Status / Opportunity Stage: the value closes the record (IsClosed). */
  closed?: boolean;
  won?: boolean;
}

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Describe type where it differs from the SOQL type (Task Subject is a combobox). */
  describeType?: string;
  length?: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  /** Value set on create when the caller gives none (Task Status "Not Started"). */
  defaultValue?: unknown;
  picklist?: { values: PicklistEntry[]; restricted: boolean };
  referenceTo?: string[];
  relationshipName?: string;
  externalId?: boolean;
  unique?: boolean;
  custom?: boolean;
  /** Settable on create only when the org has "Set Audit Fields upon Record Creation". */
  audit?: boolean;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  fields: FieldDef[];
  /** Who may see a record: its owner (OwnerId) or, for child objects, the parent's owner. */
  visibilityParent?: { field: string; sobject: string };
  /** Not writable through the API in this emulator (User). */
  readOnly?: boolean;
  /** The creator (CreatedById) sees the record too, whatever its parent (EmailMessage). */
  creatorSees?: boolean;
  /** Only in orgs with this feature on; elsewhere the object does not exist (EmailMessage without Enhanced Email). */
  feature?: 'enhancedEmail';
}

type Opts = Partial<Omit<FieldDef, 'name' | 'label' | 'type'>>;
const f = (name: string, label: string, type: FieldType, opts: Opts = {}): FieldDef => ({
  name,
  label,
  type,
  nillable: true,
  createable: true,
  updateable: true,
  ...opts,
});
const system = (name: string, label: string, type: FieldType, opts: Opts = {}): FieldDef =>
  f(name, label, type, { nillable: false, createable: false, updateable: false, ...opts });
const pick = (values: (string | PicklistEntry)[], restricted = false): FieldDef['picklist'] => ({
  values: values.map((v) => (typeof v === 'string' ? { value: v } : v)),
  restricted,
});

/** Fields every object has: Id, IsDeleted and the audit fields. */
function standardFields(): FieldDef[] {
  return [
    system('Id', 'Record ID', 'id', { length: 18 }),
    system('IsDeleted', 'Deleted', 'boolean'),
    system('CreatedDate', 'Created Date', 'datetime', { audit: true }),
    system('CreatedById', 'Created By ID', 'reference', { referenceTo: ['User'], relationshipName: 'CreatedBy', audit: true, length: 18 }),
    system('LastModifiedDate', 'Last Modified Date', 'datetime', { audit: true }),
    system('LastModifiedById', 'Last Modified By ID', 'reference', { referenceTo: ['User'], relationshipName: 'LastModifiedBy', audit: true, length: 18 }),
    system('SystemModstamp', 'System Modstamp', 'datetime'),
  ];
}

const owner = (): FieldDef =>
  f('OwnerId', 'Owner ID', 'reference', { nillable: false, referenceTo: ['User'], relationshipName: 'Owner', length: 18 });

export const TASK_STATUSES: PicklistEntry[] = [
  { value: 'Not Started', isDefault: true },
  { value: 'In Progress' },
  { value: 'Completed', closed: true },
  { value: 'Waiting on someone else' },
  { value: 'Deferred' },
];

const task: ObjectDef = {
  name: 'Task',
  label: 'Task',
  labelPlural: 'Tasks',
  keyPrefix: '00T',
  fields: [
    ...standardFields(),
    f('WhoId', 'Name ID', 'reference', { referenceTo: ['Contact', 'Lead'], relationshipName: 'Who', length: 18 }),
    f('WhatId', 'Related To ID', 'reference', { referenceTo: ['Account', 'Opportunity'], relationshipName: 'What', length: 18 }),
    f('Subject', 'Subject', 'string', { describeType: 'combobox', length: 255 }),
    f('ActivityDate', 'Due Date Only', 'date'),
    f('Status', 'Status', 'picklist', { nillable: false, defaultValue: 'Not Started', length: 255, picklist: pick(TASK_STATUSES, true) }),
    f('Priority', 'Priority', 'picklist', {
      nillable: false,
      defaultValue: 'Normal',
      length: 40,
      picklist: pick(['High', { value: 'Normal', isDefault: true }, 'Low'], true),
    }),
    system('IsHighPriority', 'High Priority', 'boolean'),
    owner(),
    f('Description', 'Description', 'textarea', { length: 32000 }),
    // "Reply" is not a standard value: the demo org adds it so replies can be logged as their own type.
    f('Type', 'Type', 'picklist', { length: 40, picklist: pick(['Call', 'Email', 'Meeting', 'Other', 'Reply']) }),
    system('AccountId', 'Account ID', 'reference', { nillable: true, referenceTo: ['Account'], relationshipName: 'Account', length: 18 }),
    system('IsClosed', 'Closed', 'boolean'),
    system('CompletedDateTime', 'Completed Date/Time', 'datetime', { nillable: true }),
    f('IsReminderSet', 'Reminder Set', 'boolean', { nillable: false, defaultValue: false }),
    f('ReminderDateTime', 'Reminder Date/Time', 'datetime'),
    f('TaskSubtype', 'Task Subtype', 'picklist', { updateable: false, length: 40, picklist: pick(['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn']) }),
    system('IsArchived', 'Archived', 'boolean'),
    f('SIA_Task_Id__c', 'SIA Task Id', 'string', { length: 64, externalId: true, unique: true, custom: true }),
  ],
};

const contact: ObjectDef = {
  name: 'Contact',
  label: 'Contact',
  labelPlural: 'Contacts',
  keyPrefix: '003',
  fields: [
    ...standardFields(),
    f('AccountId', 'Account ID', 'reference', { referenceTo: ['Account'], relationshipName: 'Account', length: 18 }),
    f('LastName', 'Last Name', 'string', { nillable: false, length: 80 }),
    f('FirstName', 'First Name', 'string', { length: 40 }),
    f('Salutation', 'Salutation', 'picklist', { length: 40, picklist: pick(['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.']) }),
    system('Name', 'Full Name', 'string', { length: 121 }),
    f('Email', 'Email', 'email', { length: 80 }),
    f('Phone', 'Business Phone', 'phone', { length: 40 }),
    f('Title', 'Title', 'string', { length: 128 }),
    owner(),
  ],
};

const lead: ObjectDef = {
  name: 'Lead',
  label: 'Lead',
  labelPlural: 'Leads',
  keyPrefix: '00Q',
  fields: [
    ...standardFields(),
    f('LastName', 'Last Name', 'string', { nillable: false, length: 80 }),
    f('FirstName', 'First Name', 'string', { length: 40 }),
    system('Name', 'Full Name', 'string', { length: 121 }),
    f('Company', 'Company', 'string', { nillable: false, length: 255 }),
    f('Email', 'Email', 'email', { length: 80 }),
    f('Phone', 'Phone', 'phone', { length: 40 }),
    f('Title', 'Title', 'string', { length: 128 }),
    f('Status', 'Status', 'picklist', {
      nillable: false,
      defaultValue: 'Open - Not Contacted',
      length: 40,
      picklist: pick([{ value: 'Open - Not Contacted', isDefault: true }, 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted']),
    }),
    f('IsConverted', 'Converted', 'boolean', { nillable: false, defaultValue: false, updateable: false }),
    owner(),
  ],
};

const account: ObjectDef = {
  name: 'Account',
  label: 'Account',
  labelPlural: 'Accounts',
  keyPrefix: '001',
  fields: [
    ...standardFields(),
    f('Name', 'Account Name', 'string', { nillable: false, length: 255 }),
    f('Type', 'Account Type', 'picklist', { length: 255, picklist: pick(['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other']) }),
    f('Industry', 'Industry', 'picklist', { length: 255, picklist: pick(['Technology', 'Finance', 'Healthcare', 'Retail', 'Other']) }),
    f('Phone', 'Account Phone', 'phone', { length: 40 }),
    f('Website', 'Website', 'url', { length: 255 }),
    owner(),
  ],
};

export const OPPORTUNITY_STAGES: PicklistEntry[] = [
  { value: 'Prospecting', isDefault: false },
  { value: 'Qualification' },
  { value: 'Needs Analysis' },
  { value: 'Value Proposition' },
  { value: 'Id. Decision Makers' },
  { value: 'Perception Analysis' },
  { value: 'Proposal/Price Quote' },
  { value: 'Negotiation/Review' },
  { value: 'Closed Won', closed: true, won: true },
  { value: 'Closed Lost', closed: true },
];

const opportunity: ObjectDef = {
  name: 'Opportunity',
  label: 'Opportunity',
  labelPlural: 'Opportunities',
  keyPrefix: '006',
  fields: [
    ...standardFields(),
    f('AccountId', 'Account ID', 'reference', { referenceTo: ['Account'], relationshipName: 'Account', length: 18 }),
    f('Name', 'Name', 'string', { nillable: false, length: 120 }),
    f('StageName', 'Stage', 'picklist', { nillable: false, length: 255, picklist: pick(OPPORTUNITY_STAGES) }),
    f('CloseDate', 'Close Date', 'date', { nillable: false }),
    f('Amount', 'Amount', 'currency'),
    f('Probability', 'Probability (%)', 'percent'),
    system('IsClosed', 'Closed', 'boolean'),
    system('IsWon', 'Won', 'boolean'),
    owner(),
  ],
};

const opportunityContactRole: ObjectDef = {
  name: 'OpportunityContactRole',
  label: 'Opportunity Contact Role',
  labelPlural: 'Opportunity Contact Role',
  keyPrefix: '00K',
  visibilityParent: { field: 'OpportunityId', sobject: 'Opportunity' },
  fields: [
    ...standardFields(),
    f('OpportunityId', 'Opportunity ID', 'reference', { nillable: false, updateable: false, referenceTo: ['Opportunity'], relationshipName: 'Opportunity', length: 18 }),
    f('ContactId', 'Contact ID', 'reference', { nillable: false, referenceTo: ['Contact'], relationshipName: 'Contact', length: 18 }),
    f('Role', 'Role', 'picklist', { length: 40, picklist: pick(['Business User', 'Decision Maker', 'Economic Buyer', 'Economic Decision Maker', 'Evaluator', 'Executive Sponsor', 'Influencer', 'Technical Buyer', 'Other']) }),
    f('IsPrimary', 'Primary', 'boolean', { nillable: false, defaultValue: false }),
  ],
};

const user: ObjectDef = {
  name: 'User',
  label: 'User',
  labelPlural: 'Users',
  keyPrefix: '005',
  readOnly: true,
  fields: [
    ...standardFields().filter((d) => d.name !== 'IsDeleted'),
    f('Username', 'Username', 'string', { nillable: false, length: 80 }),
    f('LastName', 'Last Name', 'string', { nillable: false, length: 80 }),
    f('FirstName', 'First Name', 'string', { length: 40 }),
    system('Name', 'Full Name', 'string', { length: 121 }),
    f('Email', 'Email', 'email', { nillable: false, length: 128 }),
    f('IsActive', 'Active', 'boolean', { nillable: false, defaultValue: true }),
    f('TimeZoneSidKey', 'Time Zone', 'picklist', { nillable: false, length: 40, picklist: pick(['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Madrid', 'GMT']) }),
  ],
};

/**
 * EmailMessage Status: the stored values are digits, the labels words (Object Reference). Only
 * New → Read may change afterwards; 5 (Draft) is the one status whose message stays editable.
 */
export const EMAIL_MESSAGE_STATUSES: PicklistEntry[] = [
  { value: '0', label: 'New' },
  { value: '1', label: 'Read' },
  { value: '2', label: 'Replied' },
  { value: '3', label: 'Sent' },
  { value: '4', label: 'Forwarded' },
  { value: '5', label: 'Draft' },
];

/**
 * An email (Enhanced Email; Email-to-Case's ParentId and Case are not emulated). It has no owner:
 * its creator sees it, and so does whoever sees the Task Salesforce creates for it (ActivityId).
 * ActivityId can be given only for case emails, so here never; MessageIdentifier is the Message-ID.
 * Lengths from the field reference: HtmlBody 131,072 (TextBody taken as the same, see README).
 */
const emailMessage: ObjectDef = {
  name: 'EmailMessage',
  label: 'Email Message',
  labelPlural: 'Email Messages',
  keyPrefix: '02s',
  visibilityParent: { field: 'ActivityId', sobject: 'Task' },
  creatorSees: true,
  feature: 'enhancedEmail',
  fields: [
    ...standardFields(),
    // Createable by the describe, but only for case emails: Salesforce makes the Task itself (enhanced-email.ts).
    f('ActivityId', 'Activity ID', 'reference', { updateable: false, referenceTo: ['Task'], relationshipName: 'Activity', length: 18 }),
    f('Subject', 'Subject', 'string', { length: 3000 }),
    f('Status', 'Status', 'picklist', { nillable: false, length: 40, picklist: pick(EMAIL_MESSAGE_STATUSES, true) }),
    f('Incoming', 'Is Incoming', 'boolean', { nillable: false, defaultValue: false, updateable: false }),
    f('MessageDate', 'Message Date', 'datetime'),
    f('FromAddress', 'From Address', 'email', { length: 1000 }),
    f('FromName', 'From Name', 'string', { length: 1000 }),
    f('ToAddress', 'To Address', 'string', { length: 4000 }),
    f('CcAddress', 'CC Address', 'string', { length: 4000 }),
    f('BccAddress', 'BCC Address', 'string', { length: 4000 }),
    f('TextBody', 'Text Body', 'textarea', { length: 131072 }),
    f('HtmlBody', 'HTML Body', 'textarea', { length: 131072 }),
    f('Headers', 'Headers', 'textarea', { length: 32000 }),
    f('MessageIdentifier', 'Message ID', 'string', { length: 255 }),
    f('ThreadIdentifier', 'Thread ID', 'string', { length: 255 }),
    f('RelatedToId', 'Related To ID', 'reference', { referenceTo: ['Account', 'Opportunity'], relationshipName: 'RelatedTo', length: 18 }),
    f('IsExternallyVisible', 'Is Externally Visible', 'boolean', { nillable: false, defaultValue: true }),
    system('HasAttachment', 'Has Attachment', 'boolean'),
  ],
};

/** Who an email was from and to: one record per Contact, Lead or User (or bare address) and role. */
const emailMessageRelation: ObjectDef = {
  name: 'EmailMessageRelation',
  label: 'Email Message Relation',
  labelPlural: 'Email Message Relations',
  keyPrefix: '0EM',
  visibilityParent: { field: 'EmailMessageId', sobject: 'EmailMessage' },
  feature: 'enhancedEmail',
  fields: [
    ...standardFields().filter((d) => d.name !== 'LastModifiedDate' && d.name !== 'LastModifiedById'),
    f('EmailMessageId', 'Email Message ID', 'reference', { nillable: false, updateable: false, referenceTo: ['EmailMessage'], relationshipName: 'EmailMessage', length: 18 }),
    f('RelationId', 'Relation ID', 'reference', { referenceTo: ['Contact', 'Lead', 'User'], relationshipName: 'Relation', length: 18 }),
    f('RelationAddress', 'Relation Address', 'string', { updateable: false, length: 255 }),
    f('RelationType', 'Relation Type', 'picklist', {
      nillable: false,
      updateable: false,
      length: 40,
      picklist: pick(['ToAddress', 'CcAddress', 'BccAddress', 'FromAddress'], true),
    }),
    system('RelationObjectType', 'Relation Object Type', 'string', { nillable: true, length: 50 }),
  ],
};

export const OBJECTS: ReadonlyMap<string, ObjectDef> = new Map(
  [task, contact, lead, account, opportunity, opportunityContactRole, user, emailMessage, emailMessageRelation].map((o) => [o.name.toLowerCase(), o]),
);

/** Whether the org has the object (EmailMessage needs Enhanced Email). */
export function objectAvailable(obj: ObjectDef, features: { enhancedEmail: boolean }): boolean {
  return obj.feature === undefined || features[obj.feature];
}

/** Looks an object up case-insensitively, as the REST paths and SOQL do. */
export function objectDef(name: string): ObjectDef | undefined {
  return OBJECTS.get(name.toLowerCase());
}

const fieldIndex = new Map<ObjectDef, Map<string, FieldDef>>();
export function fieldDef(obj: ObjectDef, name: string): FieldDef | undefined {
  let idx = fieldIndex.get(obj);
  if (!idx) {
    idx = new Map(obj.fields.map((d) => [d.name.toLowerCase(), d]));
    fieldIndex.set(obj, idx);
  }
  return idx.get(name.toLowerCase());
}

export function objectByKeyPrefix(id: string): ObjectDef | undefined {
  const prefix = id.slice(0, 3);
  for (const o of OBJECTS.values()) if (o.keyPrefix === prefix) return o;
  return undefined;
}

/**
 * Salesforce's polymorphic `Name` object: what `Who.Name` or `What.Name` reads through. Only
 * reachable through a relationship, never in FROM.
 */
export const NAME_OBJECT_FIELDS: ReadonlyMap<string, { name: string; type: FieldType }> = new Map(
  (
    [
      ['Id', 'id'],
      ['Name', 'string'],
      ['Type', 'string'],
      ['Email', 'email'],
      ['FirstName', 'string'],
      ['LastName', 'string'],
      ['Phone', 'phone'],
      ['Title', 'string'],
      ['Username', 'string'],
      ['IsActive', 'boolean'],
    ] as const
  ).map(([name, type]) => [name.toLowerCase(), { name, type }]),
);

/** The reference field behind a relationship name (`Owner` → OwnerId), if any. */
export function relationshipField(obj: ObjectDef, relationship: string): FieldDef | undefined {
  const wanted = relationship.toLowerCase();
  return obj.fields.find((d) => d.type === 'reference' && d.relationshipName?.toLowerCase() === wanted);
}

/** Long text areas (over 255 characters) can be neither filtered nor sorted in SOQL. */
const isLongText = (d: FieldDef | undefined): boolean => d?.type === 'textarea' && (d.length ?? 0) > 255;

/** The schema as the SOQL module needs it. */
export const soqlSchema: SoqlSchema = {
  fieldType(sobject, field) {
    if (sobject === 'Name') return NAME_OBJECT_FIELDS.get(field.toLowerCase())?.type;
    const obj = objectDef(sobject);
    return obj ? fieldDef(obj, field)?.type : undefined;
  },
  hasObject(sobject) {
    return objectDef(sobject) !== undefined;
  },
  canonicalField(sobject, field) {
    if (sobject === 'Name') return NAME_OBJECT_FIELDS.get(field.toLowerCase())?.name;
    const obj = objectDef(sobject);
    return obj ? fieldDef(obj, field)?.name : undefined;
  },
  canonicalObject(sobject) {
    return objectDef(sobject)?.name;
  },
  relationshipTarget(sobject, relationship) {
    const obj = objectDef(sobject);
    const ref = obj ? relationshipField(obj, relationship) : undefined;
    if (!ref?.referenceTo) return undefined;
    return ref.referenceTo.length > 1 ? 'Name' : ref.referenceTo[0];
  },
  isFilterable(sobject, field) {
    const obj = objectDef(sobject);
    return !isLongText(obj ? fieldDef(obj, field) : undefined);
  },
  isSortable(sobject, field) {
    const obj = objectDef(sobject);
    return !isLongText(obj ? fieldDef(obj, field) : undefined);
  },
};

/** The schema for one org's queries: an object the org does not have is INVALID_TYPE, as an unknown one. */
export function soqlSchemaFor(features: { enhancedEmail: boolean }): SoqlSchema {
  return {
    ...soqlSchema,
    hasObject(sobject) {
      const obj = objectDef(sobject);
      return obj !== undefined && objectAvailable(obj, features);
    },
  };
}

/** Key prefix of the Organization object: org ids start with it. */
export const ORG_KEY_PREFIX = '00D';

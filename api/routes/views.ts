import { z } from 'zod';
import type { SyncStatus } from '../../contract/messages';
import type { ApiTokenInfo, IssuedApiToken } from '../../store/api-tokens';
import { taskOrigins, type Task } from '../../store/task-model';
import { salesforceStatuses, type User } from '../../store/users';
import { languages } from '../../i18n';
import { syncSettingsSchema, type EmailLoggingMode } from '../../sync/settings';
import { errorAnswer, schemaOf } from '../http/responses';
import { instantSchema, isoDateSchema, taskPrioritySchema, taskStatusSchema } from './schemas';

/** Answers shared by several routes, each tied to the type its handlers send. */

export const salesforceStatusSchema = z.enum(salesforceStatuses);

/** What admin routes answer to anyone else. */
export const notAdminAnswer = errorAnswer("The token is not an administrator's (forbidden).");

export const emailLoggingModeSchema = schemaOf<EmailLoggingMode>()(z.enum(['off', 'api', 'bcc']));

export const userSchema = schemaOf<User>()(
  z.strictObject({
    id: z.string(),
    email: z.string(),
    displayName: z.string().nullable(),
    timeZone: z.string().describe('IANA time zone, e.g. Europe/Madrid: it decides which tasks are "today" in the Command Center.'),
    isAdmin: z.boolean(),
    changeSeq: z.number().int().describe('Grows with every change of the user\'s tasks.'),
    createdAt: instantSchema,
    updatedAt: instantSchema,
    salesforce: z.strictObject({
      status: salesforceStatusSchema,
      statusDetail: z.string().nullable(),
      statusAt: instantSchema.nullable(),
      instanceUrl: z.string().nullable(),
      sfUserId: z.string().nullable(),
      orgId: z.string().nullable(),
      username: z.string().nullable(),
      email: z.string().nullable().describe("The Salesforce user's email: one of the user's own addresses when telling sent email from received replies."),
      connectedAt: instantSchema.nullable(),
    }),
    ownAddresses: z.array(z.string()).describe('Further addresses the user sends email from, beside `email` and the Salesforce user\'s email.'),
    language: z.enum(languages).nullable().describe("The language chosen for pages and messages; null follows the browser's Accept-Language (English when it names neither en nor es)."),
  }).meta({ id: 'User' }),
);

const apiTokenFields = {
  id: z.string(),
  userId: z.string(),
  label: z.string().nullable(),
  createdAt: instantSchema,
  lastUsedAt: instantSchema.nullable(),
  revokedAt: instantSchema.nullable(),
};

export const apiTokenSchema = schemaOf<ApiTokenInfo>()(z.strictObject(apiTokenFields).meta({ id: 'ApiToken' }));

export const issuedApiTokenSchema = schemaOf<IssuedApiToken>()(z.strictObject({ ...apiTokenFields, token: z.string().describe('The token itself, shown this once: send it as "Authorization: Bearer <token>".') }).meta({ id: 'IssuedApiToken' }));

export const taskSchema = schemaOf<Task>()(
  z.strictObject({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    details: z.string().nullable(),
    dueDate: isoDateSchema.nullable(),
    status: taskStatusSchema,
    priority: taskPrioritySchema,
    reminderAt: instantSchema.nullable(),
    createdAt: instantSchema,
    updatedAt: instantSchema,
    deletedAt: instantSchema.nullable(),
    createdSeq: z.number().int(),
    changeSeq: z.number().int(),
    origin: z.enum(taskOrigins).describe('Where the task was made.'),
  }).meta({ id: 'Task' }),
);

const syncCountsSchema = z.strictObject({ toSalesforce: z.number(), toSia: z.number(), conflicts: z.number(), failed: z.number(), salesforceCalls: z.number() });

export const syncPhaseSchema = z.enum(['idle', 'initial_import', 'reconciling', 'paused']);

export const lastSyncErrorSchema = z.strictObject({ code: z.string(), message: z.string(), at: instantSchema, title: z.string().optional(), fix: z.string().optional() }).nullable();

/** The sync workflow's status query. */
export const syncStatusSchema = schemaOf<SyncStatus>()(
  z.strictObject({
    userId: z.string(),
    phase: syncPhaseSchema,
    settings: syncSettingsSchema,
    settingsVersion: z.number(),
    settingsSavedAt: instantSchema,
    settingsChangesApplied: z.number().int(),
    generation: z.number().int(),
    lastError: lastSyncErrorSchema,
    taskSync: z
      .strictObject({
        stage: z.enum(['initial_import', 'catch_up', 'reconciling']),
        enabledAt: instantSchema,
        lastSyncAt: instantSchema.nullable(),
        lastActivityAt: instantSchema.nullable(),
        totals: syncCountsSchema,
        budget: z.strictObject({ fractionLeft: z.number(), exhausted: z.boolean() }).nullable().optional().describe("The user's share of the org's daily API allowance left; null until a pull saw the org's usage."),
      })
      .nullable()
      .optional(),
  }).meta({ id: 'SyncStatus' }),
);

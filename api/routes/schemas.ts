import { z } from 'zod';
import { isKnownTimeZone } from '../../sync/command-center';
import { isIsoDate, normalizeInstant } from '../../sync/instants';
import { taskFieldLimits, taskPriorities, taskStatuses } from '../../sync/task-fields';

/** Input pieces shared by several routes, each with the message a user should see. */

export const timeZoneSchema = z.string().refine(isKnownTimeZone, { error: 'Unknown time zone: use an IANA name such as Europe/Madrid or America/New_York.' });

export const isoDateSchema = z.string().refine(isIsoDate, { error: 'Use a calendar date YYYY-MM-DD (e.g. 2025-03-31).' }).meta({ format: 'date', example: '2025-03-31' });

export const instantSchema = z
  .string()
  .refine((s) => normalizeInstant(s) !== null, { error: 'Use an ISO-8601 date and time with a zone, e.g. 2025-03-31T09:00:00Z.' })
  .meta({ format: 'date-time', example: '2025-03-31T09:00:00Z' });

export const taskNameSchema = z
  .string({ error: 'The task needs a name.' })
  .refine((s) => s.trim() !== '', { error: 'The task needs a name.' })
  .refine((s) => s.length <= taskFieldLimits.name, { error: `A task name holds at most ${taskFieldLimits.name} characters (Salesforce's Subject limit).` });

export const taskDetailsSchema = z
  .string()
  .refine((s) => s.length <= taskFieldLimits.details, { error: `Details hold at most ${taskFieldLimits.details} characters (Salesforce's Comments limit).` })
  .nullable();

export const taskStatusSchema = z.enum(taskStatuses, { error: `Status is one of: ${taskStatuses.join(', ')}.` });
export const taskPrioritySchema = z.enum(taskPriorities, { error: `Priority is one of: ${taskPriorities.join(', ')}.` });

/** Query strings are text: "true"/"false" as a boolean. */
export const queryFlagSchema = z.enum(['true', 'false'], { error: 'Use true or false.' }).transform((v) => v === 'true');

export const bearerSecurity = [{ bearerAuth: [] }];

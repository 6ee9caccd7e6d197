import { z } from 'zod';
import { isKnownTimeZone } from '../../sync/command-center';
import { isIsoDate, normalizeInstant } from '../../sync/instants';
import { taskFieldLimits, taskPriorities, taskStatuses } from '../../sync/task-fields';

/** Input pieces shared by several routes, each with the message a user should see. */

export const timeZoneSchema = z.string().refine(isKnownTimeZone, { message: 'Unknown time zone: use an IANA name such as Europe/Madrid or America/New_York.' });

export const isoDateSchema = z.string().refine(isIsoDate, { message: 'Use a calendar date YYYY-MM-DD (e.g. 2025-03-31).' }).meta({ format: 'date', example: '2025-03-31' });

export const instantSchema = z
  .string()
  .refine((s) => normalizeInstant(s) !== null, { message: 'Use an ISO-8601 date and time with a zone, e.g. 2025-03-31T09:00:00Z.' })
  .meta({ format: 'date-time', example: '2025-03-31T09:00:00Z' });

export const taskNameSchema = z
  .string({ message: 'The task needs a name.' })
  .refine((s) => s.trim() !== '', { message: 'The task needs a name.' })
  .refine((s) => s.length <= taskFieldLimits.name, { message: `A task name holds at most ${taskFieldLimits.name} characters (Salesforce's Subject limit).` });

export const taskDetailsSchema = z
  .string()
  .refine((s) => s.length <= taskFieldLimits.details, { message: `Details hold at most ${taskFieldLimits.details} characters (Salesforce's Comments limit).` })
  .nullable();

export const taskStatusSchema = z.enum(taskStatuses, { message: `Status is one of: ${taskStatuses.join(', ')}.` });
export const taskPrioritySchema = z.enum(taskPriorities, { message: `Priority is one of: ${taskPriorities.join(', ')}.` });

/** Query strings are text: "true"/"false" as a boolean. */
export const queryFlagSchema = z.enum(['true', 'false'], { message: 'Use true or false.' }).transform((v) => v === 'true');

export const bearerSecurity = [{ bearerAuth: [] }];

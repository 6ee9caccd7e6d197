import { z } from 'zod';
import { isKnownTimeZone } from '../../sync/command-center';
import { isIsoDate, normalizeInstant } from '../../sync/instants';
import { taskFieldLimits, taskPriorities, taskStatuses } from '../../sync/task-fields';
import { messageKey } from '../../i18n/zod-issues';

/** Input pieces shared by several routes, each with the message a user should see. */

export const timeZoneSchema = z.string().refine(isKnownTimeZone, { error: messageKey('api.timeZone') });

export const isoDateSchema = z.string().refine(isIsoDate, { error: messageKey('api.isoDate') }).meta({ format: 'date', example: '2025-03-31' });

export const instantSchema = z
  .string()
  .refine((s) => normalizeInstant(s) !== null, { error: messageKey('api.instant') })
  .meta({ format: 'date-time', example: '2025-03-31T09:00:00Z' });

export const taskNameSchema = z
  .string({ error: messageKey('api.task.nameMissing') })
  .refine((s) => s.trim() !== '', { error: messageKey('api.task.nameMissing') })
  .refine((s) => s.length <= taskFieldLimits.name, { error: messageKey('api.task.nameTooLong'), params: { max: taskFieldLimits.name } });

export const taskDetailsSchema = z
  .string()
  .refine((s) => s.length <= taskFieldLimits.details, { error: messageKey('api.task.detailsTooLong'), params: { max: taskFieldLimits.details } })
  .nullable();

export const taskStatusSchema = z.enum(taskStatuses, { error: messageKey('api.task.status') });
export const taskPrioritySchema = z.enum(taskPriorities, { error: messageKey('api.task.priority') });

/** Query strings are text: "true"/"false" as a boolean. */
export const queryFlagSchema = z.enum(['true', 'false'], { error: messageKey('api.trueOrFalse') }).transform((v) => v === 'true');

export const bearerSecurity = [{ bearerAuth: [] }];

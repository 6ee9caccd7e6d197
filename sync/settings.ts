import { z } from 'zod';
import { issueText, messageKey } from '../i18n/zod-issues';

/**
 * A user's Salesforce sync settings, as saved from Settings → Salesforce → Sync Settings.
 * Parsed with zod at every edge (HTTP, client, workflow input); inside, the inferred types
 * make impossible combinations (BCC without an address, API logging to nothing) unrepresentable.
 */

export const taskSyncModes = ['do_not_sync', 'two_way'] as const;
export type TaskSyncMode = (typeof taskSyncModes)[number];

export const multipleMatchRules = ['all', 'oldest', 'most_recent_activity'] as const;
export const noMatchRules = ['do_not_log', 'create_lead'] as const;

/** What a logged email becomes in Salesforce: a Task, or an email (EmailMessage, needs Enhanced Email). */
export const emailLogAsChoices = ['task', 'email'] as const;
export type EmailLogAs = (typeof emailLogAsChoices)[number];

const apiEmailLogging = z
  .object({
    mode: z.literal('api'),
    logToContacts: z.boolean().default(true),
    logToLeads: z.boolean().default(true),
    /** What to do when several Contacts/Leads share a recipient's address. */
    multipleMatches: z.enum(multipleMatchRules).default('all'),
    /** What to do when no Contact or Lead has a recipient's address. */
    noMatch: z.enum(noMatchRules).default('do_not_log'),
    logReplies: z.boolean().default(true),
    /** Also link the task to open opportunities where a matched contact has a contact role. */
    linkOpenOpportunities: z.boolean().default(true),
    /** Log as a Task, or as an email with its relations (Enhanced Email); settings saved before the choice read as task. */
    logAs: z.enum(emailLogAsChoices, { error: messageKey('api.settings.logAs') }).default('task'),
  })
  .refine((s) => s.logToContacts || s.logToLeads, {
    error: messageKey('api.settings.logToNothing'),
    path: ['logToContacts'],
  });

const bccEmailLogging = z.object({
  mode: z.literal('bcc'),
  /** The user's personal Email to Salesforce address (Salesforce: My Settings → Email → My Email to Salesforce). */
  address: z.email({ error: messageKey('api.settings.bccAddress') }),
});

const emailLoggingOff = z.object({ mode: z.literal('off') });

export const emailLoggingSchema = z.discriminatedUnion('mode', [emailLoggingOff, apiEmailLogging, bccEmailLogging]);
export type EmailLoggingSettings = z.infer<typeof emailLoggingSchema>;
export type EmailLoggingMode = EmailLoggingSettings['mode'];

export const syncSettingsSchema = z.object({
  emailLogging: emailLoggingSchema.default({ mode: 'off' }),
  taskSync: z.object({ mode: z.enum(taskSyncModes).default('do_not_sync') }).default({ mode: 'do_not_sync' }),
});

export type SyncSettings = z.infer<typeof syncSettingsSchema>;
export type SyncSettingsInput = z.input<typeof syncSettingsSchema>;

export const defaultSyncSettings: SyncSettings = syncSettingsSchema.parse({});

/** One problem with submitted settings, addressed to the field the user must change (in English; the API tells it in the user's language). */
export interface SettingsFieldError {
  field: string;
  message: string;
}

export type SettingsParseResult = { ok: true; settings: SyncSettings } | { ok: false; errors: SettingsFieldError[] };

export function parseSyncSettings(input: unknown): SettingsParseResult {
  const result = syncSettingsSchema.safeParse(input);
  if (result.success) return { ok: true, settings: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(settings)', message: issueText(issue)('en') })),
  };
}

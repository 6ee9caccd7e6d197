import { z } from 'zod';
import { lockUserChanges } from '../../store/change-seq';
import { getSyncSettings, saveSyncSettings as storeSyncSettings, type StoredSyncSettings } from '../../store/settings';
import { multipleMatchRules, noMatchRules, syncSettingsSchema, taskSyncModes, type EmailLoggingMode, type SyncSettings } from '../../sync/settings';
import type { User } from '../../store/users';
import { salesforceSyncWorkflowId } from '../../contract/ids';
import { me } from '../auth';
import type { ApiPlugin } from '../http/api-deps';
import { ApiError, invalidInput, type LocalFieldError } from '../http/api-error';
import { fieldErrors } from '../http/zod-provider';
import { errorAnswer } from '../http/responses';
import { ensureOrgPoller } from '../../client/org-poller';
import { saveSyncSettings as startOrSignalWorkflow } from '../../client/sync-workflow';
import { connectionView, hasSalesforceAccount } from './connection-view';
import { emailToSalesforceHelp, emailToSalesforceStepTexts } from './email-to-salesforce-help';
import { bearerSecurity, instantSchema } from './schemas';
import { requestLanguage } from '../language';
import { msg, t, type Language } from '../../i18n';
import { emailLoggingModeSchema, salesforceStatusSchema } from './views';

const tags = ['sync settings'];

const choice = <V extends z.ZodType>(value: V) => z.strictObject({ value, label: z.string() });

const choicesSchema = z.strictObject({
  taskSync: z.array(choice(z.enum(taskSyncModes))),
  emailLogging: z.array(choice(emailLoggingModeSchema)),
  multipleMatches: z.array(z.enum(multipleMatchRules)),
  noMatch: z.array(z.enum(noMatchRules)),
});

const emailLoggingModes = ['off', 'api', 'bcc'] as const satisfies readonly EmailLoggingMode[];

/** The choice lists the Sync Settings tab offers, labelled in the reader's language. */
function choices(lang: Language): z.input<typeof choicesSchema> {
  return {
    taskSync: taskSyncModes.map((value) => ({ value, label: t(lang, `settings.taskSync.${value}`) })),
    emailLogging: emailLoggingModes.map((value) => ({ value, label: t(lang, `settings.emailLogging.${value}`) })),
    multipleMatches: [...multipleMatchRules],
    noMatch: [...noMatchRules],
  };
}

const settingsViewSchema = z.strictObject({
  settings: syncSettingsSchema.meta({ id: 'SyncSettings' }),
  savedAt: instantSchema.nullable().describe('Null until the user first saves: the settings are then the defaults.'),
  taskSyncEnabledAt: instantSchema.nullable().describe('When task sync was last switched on.'),
  taskSyncFirstEnabledAt: instantSchema.nullable(),
  taskSyncDisabledAt: instantSchema.nullable(),
  choices: choicesSchema,
  prerequisites: z.strictObject({
    salesforceConnected: z.boolean(),
    salesforceStatus: salesforceStatusSchema,
    message: z.string().nullable().describe('What to do before sync can work; null when nothing.'),
  }),
}).meta({ id: 'SyncSettingsView' });

const savedSettingsSchema = z.strictObject({
  ...settingsViewSchema.shape,
  taskSyncSwitchedOn: z.boolean().describe('This save switched task sync on: the first import starts.'),
  taskSyncSwitchedOff: z.boolean(),
  workflowId: z.string().describe("The user's sync workflow in Temporal."),
});

function somethingSwitchedOn(settings: SyncSettings): boolean {
  return settings.emailLogging.mode !== 'off' || settings.taskSync.mode !== 'do_not_sync';
}

function settingsView(stored: StoredSyncSettings, user: User, lang: Language): z.input<typeof settingsViewSchema> {
  const connection = connectionView(user, lang);
  return {
    settings: stored.settings,
    savedAt: stored.savedAt,
    taskSyncEnabledAt: stored.taskSyncEnabledAt,
    taskSyncFirstEnabledAt: stored.taskSyncFirstEnabledAt,
    taskSyncDisabledAt: stored.taskSyncDisabledAt,
    choices: choices(lang),
    prerequisites: { salesforceConnected: connection.connected, salesforceStatus: connection.status, message: connection.connected ? connection.reason : t(lang, 'api.settings.connectFirst') },
  };
}

/** Field errors in the user's words; a BCC address problem carries the steps to find the address. */
function settingsFieldErrors(body: unknown, errors: readonly LocalFieldError[]): { fields: LocalFieldError[]; bcc: boolean } {
  const bccChosen = z.object({ emailLogging: z.object({ mode: z.literal('bcc') }) }).safeParse(body).success;
  let bcc = false;
  const fields = errors.map((error) => {
    if (!bccChosen || error.field !== 'emailLogging.address') return error;
    bcc = true;
    const address = (body as { emailLogging: { address?: unknown } }).emailLogging.address;
    const problem = typeof address === 'string' && address.trim() !== '' ? msg('api.settings.bccNotAnAddress', { address }) : msg('api.settings.bccAddressNeeded');
    return { field: error.field, message: emailToSalesforceHelp(problem) };
  });
  return { fields, bcc };
}

/** Save times only grow per user, even for two saves in one millisecond: they are the workflow's settings version. */
function laterThan(now: Date, previous: string | null): Date {
  const floor = previous === null ? -Infinity : Date.parse(previous) + 1;
  return new Date(Math.max(now.getTime(), floor));
}

/** Settings → Salesforce → Sync Settings. */
export const syncSettingsRoutes: ApiPlugin = async (app, deps) => {
  app.get(
    '/sync-settings',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'My sync settings',
        description: 'The saved settings (defaults when never saved), the choice lists, and whether the Salesforce prerequisite is met.',
        response: { 200: settingsViewSchema },
      },
    },
    async (request) => {
      const user = me(request);
      return settingsView(await getSyncSettings(deps.store.db, user.id), user, requestLanguage(request, user));
    },
  );

  app.put(
    '/sync-settings',
    {
      // Validation runs in the handler, which words BCC address errors with the steps to fix them.
      attachValidation: true,
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'Save my sync settings',
        description:
          'Validates (400 with fields), refuses to switch anything on without a connected Salesforce account (409), stores the settings, then starts or signals the user\'s sync workflow. Syncing starts as soon as this answers.',
        body: syncSettingsSchema,
        response: {
          200: savedSettingsSchema.describe('Saved and handed to the sync workflow.'),
          400: errorAnswer('With BCC logging and no usable address, error.steps says where to find it.'),
          409: errorAnswer('Something is switched on but no Salesforce account is connected (salesforce_not_connected).'),
          503: errorAnswer('Saved, but the sync service could not be reached to apply the settings (sync_service_unavailable): save again.'),
        },
      },
    },
    async (request) => {
      const user = me(request);
      const parsed = syncSettingsSchema.safeParse(request.body, { reportInput: true });
      if (!parsed.success) {
        const { fields, bcc } = settingsFieldErrors(request.body, fieldErrors(parsed.error, '(settings)'));
        throw invalidInput(fields, bcc ? { steps: emailToSalesforceStepTexts } : undefined);
      }
      const settings = parsed.data;
      if (somethingSwitchedOn(settings) && !hasSalesforceAccount(user)) {
        throw new ApiError(409, 'salesforce_not_connected', msg('api.settings.notConnected'));
      }
      const saved = await deps.store.transaction(async (tx) => {
        await lockUserChanges(tx, user.id);
        const before = await getSyncSettings(tx, user.id);
        return storeSyncSettings(tx, user.id, settings, laterThan(deps.now(), before.savedAt));
      });
      try {
        await startOrSignalWorkflow(deps.temporal, user.id, saved.settings, {
          taskQueue: deps.taskQueue,
          version: Date.parse(saved.savedAt),
          now: new Date(saved.savedAt),
          taskSyncEnabledAt: saved.taskSyncEnabledAt,
        });
        if (saved.settings.taskSync.mode !== 'do_not_sync' && user.salesforce.orgId) {
          // The org's poller (a no-op without an integration user) watches Salesforce for everyone in the org.
          await ensureOrgPoller(deps.temporal, user.salesforce.orgId, deps.taskQueue).catch((err: unknown) => request.log.warn({ err, orgId: user.salesforce.orgId }, 'starting the org poller failed; users poll by themselves meanwhile'));
        }
      } catch (error) {
        request.log.error({ err: error, userId: user.id }, 'starting or signalling the sync workflow failed');
        throw new ApiError(503, 'sync_service_unavailable', msg('api.settings.unavailable'));
      }
      return {
        ...settingsView(saved, user, requestLanguage(request, user)),
        taskSyncSwitchedOn: saved.taskSyncSwitchedOn,
        taskSyncSwitchedOff: saved.taskSyncSwitchedOff,
        workflowId: salesforceSyncWorkflowId(user.id),
      };
    },
  );
};

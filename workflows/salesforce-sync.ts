import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { nudgeSignal, settingsSavedSignal, statusQuery } from '../contract/messages';
import { EmailLoggingMode, LastErrorCode, SiaUserId, SyncPhase, TaskSyncMode } from '../contract/search-attributes';
import { applySettingsChange, initialState, statusOf, taskSyncOn, type SalesforceSyncInput, type SyncState } from './sync-state';
import { runRound } from './task-sync-round';
import { waitForChange, type WaitOutcome } from './wait-for-change';
import { defaultPollConfig, type PollConfig } from '../sync/poll-schedule';
import { patches } from '../contract/patches';
import { failureTypes } from '../contract/failure-types';

/**
 * History events before the workflow continues as new. A worker that takes the workflow over from
 * another (one killed, or its cache full) replays the whole history first: at ten thousand events
 * a busy user's replay could outlast the workflow task's 10-second timeout on a loaded machine,
 * and each retry replayed it all again. A thousand replays in well under a second.
 */
const historyEventLimit = 1000;
/** The limit of runs started before 'short-histories'. */
const historyEventLimitBefore = 10_000;

/**
 * One long-running workflow per user owns that user's Salesforce sync: it holds the saved
 * settings, tells operators where the user stands, and (when task sync is on) drives it.
 */
export async function salesforceSync(input: SalesforceSyncInput): Promise<void> {
  const eventLimit = input.historyEventLimit ?? (patched(patches.shortHistories) ? historyEventLimit : historyEventLimitBefore);
  const mustContinueAsNew = () => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= eventLimit;
  };
  const state: SyncState = input.state ?? initialState(input.userId, requireInitialChange(input));
  const publishSearchAttributes = searchAttributePublisher();
  let wake = false;
  let settingsChanged = false;
  /** When SIA nudges came, so a burst of changes goes out in few rounds. */
  const nudges: Nudges = { lastSiaAt: 0, roundRunning: false, duringRound: 0, clear: () => (wake = settingsChanged) };

  setHandler(settingsSavedSignal, (change) => {
    if (applySettingsChange(state, change)) wake = settingsChanged = true;
  });
  setHandler(nudgeSignal, (nudge) => {
    wake = true;
    if (nudge.source === 'sia') {
      nudges.lastSiaAt = Date.now();
      if (nudges.roundRunning) nudges.duringRound += 1;
    }
  });
  setHandler(statusQuery, () => statusOf(state));

  publishSearchAttributes(state);

  for (;;) {
    if (taskSyncOn(state)) {
      await syncTasksUntilWoken(state, () => wake || mustContinueAsNew(), publishSearchAttributes, input.pollConfig, nudges);
    } else {
      state.phase = 'idle';
      publishSearchAttributes(state);
      await condition(() => wake || mustContinueAsNew());
    }
    wake = settingsChanged = false;

    if (mustContinueAsNew()) {
      // Let running handlers finish so nothing they were doing is cut off; signals that land
      // while the continue-as-new command is in flight make the server retry this task, so
      // they are applied to `state` before it is carried over.
      await condition(allHandlersFinished);
      await continueAsNew<typeof salesforceSync>({
        userId: state.userId,
        state: { ...state, generation: state.generation + 1 },
        historyEventLimit: input.historyEventLimit,
        pollConfig: input.pollConfig,
      });
    }
  }
}

/**
 * Task sync while it is on: a round, then wait for the next change, until a signal needs the
 * main loop (new settings, continue-as-new). A paused sync waits for the user (a new save or a
 * resync), for the allowance to come back, or for a retry.
 */
async function syncTasksUntilWoken(
  state: SyncState,
  woken: () => boolean,
  publish: (state: SyncState) => void,
  pollConfig: Partial<PollConfig> | undefined,
  nudges: Nudges,
): Promise<void> {
  const task = state.task;
  if (!task) return;
  let waited: WaitOutcome | null = null;
  for (;;) {
    // A quiet hour in an org whose poller watches Salesforce for everyone needs no round.
    const skipRound = waited === 'covered' && patched(patches.skipRoundWhenOrgPolled);
    if (!skipRound) {
      if (Date.now() - nudges.lastSiaAt < nudgeQuietMs && patched(patches.coalesceNudges)) {
        const firstAtOnce = patched(patches.firstNudgeAtOnce);
        if (!firstAtOnce || inBurst(nudges)) {
          await settleNudges(nudges, firstAtOnce ? burstMaxWaitMs : nudgeMaxWaitMs);
          // Every change so far goes out in the round below; only later ones (or new settings) need another.
          nudges.clear();
        }
      }
      state.phase = task.stage === 'reconciling' ? 'reconciling' : 'initial_import';
      publish(state);
      nudges.roundRunning = true;
      nudges.duringRound = 0;
      const round = await runRound(state, task);
      nudges.roundRunning = false;
      if (round.kind === 'paused') {
        state.phase = 'paused';
        publish(state);
        if (round.until === 'user') await condition(woken);
        else await condition(woken, round.until === 'allowance' ? `${pollConfig?.exhaustedPauseSeconds ?? defaultPollConfig.exhaustedPauseSeconds} seconds` : '5 minutes');
        if (woken()) return;
        continue;
      }
      state.phase = 'reconciling';
      publish(state);
    }
    // Whatever ends the wait (a change, a signal, or an hour of quiet) is worth a round: the
    // hourly one also catches what a change check cannot see, such as a record changed twice
    // within one second.
    waited = await waitForChange(state, task, woken, pollConfig);
    if (woken()) return;
  }
}

/**
 * A burst of SIA changes: a nudge syncs at once, unless several came while the last round ran
 * (changes are streaming in): those wait until the nudges pause for a second (ten seconds at
 * most, so a long burst still syncs as it goes) and then sync together. Before
 * 'first-nudge-at-once' every recent nudge waited, two seconds at most.
 */
const nudgeQuietMs = 1000;
const nudgeMaxWaitMs = 2000;
const burstMaxWaitMs = 10_000;

interface Nudges {
  lastSiaAt: number;
  /** A round is running, and how many SIA nudges came during the last one. */
  roundRunning: boolean;
  duringRound: number;
  clear: () => void;
}

/** One nudge during a round is a user's next edit; more are a burst. */
function inBurst(nudges: Nudges): boolean {
  return nudges.duringRound >= 2;
}

async function settleNudges(nudges: { lastSiaAt: number }, maxWaitMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const quietAt = nudges.lastSiaAt + nudgeQuietMs;
    const wait = Math.min(quietAt, started + maxWaitMs) - Date.now();
    if (wait <= 0) return;
    await sleep(wait);
  }
}

function requireInitialChange(input: SalesforceSyncInput) {
  if (!input.initialChange) {
    // Retrying cannot supply the missing input: fail the run (a plain Error would retry its workflow task forever).
    throw ApplicationFailure.nonRetryable(
      `salesforceSync for ${input.userId} started with neither initialChange nor state: start it through saveSyncSettings (client/sync-workflow.ts), which passes the saved settings.`,
      failureTypes.invalidWorkflowInput,
    );
  }
  return input.initialChange;
}

/** Returns a publisher that upserts only on change: every upsert is a history event and a billed action. */
function searchAttributePublisher(): (state: SyncState) => void {
  let published = '';
  return (state) => {
    const key = [state.userId, state.phase, state.settings.emailLogging.mode, state.settings.taskSync.mode, state.lastError?.code ?? 'none'].join('\u0000');
    if (key === published) return;
    published = key;
    upsertSearchAttributes([
      { key: SiaUserId, value: state.userId },
      { key: SyncPhase, value: state.phase },
      { key: EmailLoggingMode, value: state.settings.emailLogging.mode },
      { key: TaskSyncMode, value: state.settings.taskSync.mode },
      { key: LastErrorCode, value: state.lastError?.code ?? 'none' },
    ]);
  };
}

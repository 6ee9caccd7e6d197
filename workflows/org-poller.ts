import { continueAsNew, getExternalWorkflowHandle, patched, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { OrgPollActivities, OrgStreamActivities } from '../contract/org-poll';
import { patches } from '../contract/patches';
import { failureTypes } from '../contract/failure-types';
import type { ChangeCursor } from '../sync/cursor';
import { salesforceSyncWorkflowId, watchTaskQueue } from '../contract/ids';
import { nudgeSignal } from '../contract/messages';

const watchMaxSeconds = 3600;

/** On the watch queue, beside this workflow's own; a watch whose worker died is retried on another within about 25 seconds. */
const watcher = () =>
  proxyActivities<OrgPollActivities>({
    taskQueue: watchTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: `${watchMaxSeconds + 600} seconds`,
    heartbeatTimeout: '20 seconds',
    retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', nonRetryableErrorTypes: [failureTypes.needsUser] },
  });

/** The change stream, on the watch queue too: a stream whose worker died resumes on another from its checkpoint. */
const streamer = () =>
  proxyActivities<OrgStreamActivities>({
    taskQueue: watchTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: `${watchMaxSeconds + 600} seconds`,
    heartbeatTimeout: '20 seconds',
    retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', nonRetryableErrorTypes: [failureTypes.needsUser] },
  });

export interface OrgPollerInput {
  orgId: string;
  cursor?: ChangeCursor | null;
  /** Seconds between polls of the org (default 5 min: 288 calls a day for a whole idle org). */
  everySeconds?: number;
  /** While change events cannot be used (see the stream's reason), poll until then (epoch ms) before trying them again. */
  pollUntil?: number;
  /** Tuning of the change stream, for tests. */
  stream?: OrgStreamTuning;
}

export interface OrgStreamTuning {
  /** Seconds one stream activity runs before the next takes over (default an hour). */
  maxSeconds?: number;
  batchMs?: number;
  downPollAfterSeconds?: number;
  retryMaxSeconds?: number;
  /** Seconds of polling before change events are tried again after they could not be used (default an hour). */
  retryStreamSeconds?: number;
}

/**
 * One poller per Salesforce org with an integration user: it follows the org's Task changes as
 * Change Data Capture events (one stream activity at a time, an hour each) and wakes only the
 * users whose tasks changed. When events cannot be used (Task not selected for Change Data
 * Capture, the delivery allocation spent, no endpoint), it reads every Task change of the org
 * in one query per interval, as before, and tries events again an hour later; an integration
 * user without View All Data could not read them either, so then its users poll by themselves.
 * It ends by itself when nobody in the org syncs tasks any more or the integration user is
 * disconnected.
 */
export async function orgPoller(input: OrgPollerInput): Promise<void> {
  let cursor = input.cursor ?? null;
  const everySeconds = input.everySeconds ?? 300;
  const tuning = input.stream ?? {};
  let pollUntil = input.pollUntil ?? 0;
  // Change Data Capture first: the stream wakes users within seconds and polls only to fill gaps.
  const streams = patched(patches.orgChangeStream);
  for (;;) {
    if (streams && Date.now() >= pollUntil) {
      const streamed = await streamer().streamOrgChanges({
        orgId: input.orgId,
        since: cursor?.modstamp ?? null,
        maxSeconds: tuning.maxSeconds ?? watchMaxSeconds,
        pollEverySeconds: everySeconds,
        batchMs: tuning.batchMs,
        downPollAfterSeconds: tuning.downPollAfterSeconds,
        retryMaxSeconds: tuning.retryMaxSeconds,
      });
      if (streamed.kind === 'stop') return;
      // Whatever comes next (another stream or polls) starts where this one left every change handled.
      cursor = { modstamp: streamed.coveredUntil.replace(/\.\d{3}Z$/, '.000Z'), id: '' };
      const retryMs = (tuning.retryStreamSeconds ?? 3600) * 1000;
      if (streamed.kind === 'polling' && streamed.reason === 'permission') {
        // Without View All Data the org poll would see no one's tasks either: the users poll
        // Salesforce themselves (their watches know), and events are tried again later.
        await sleep(retryMs);
        continue;
      }
      if (streamed.kind === 'polling') pollUntil = Date.now() + retryMs;
      if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 5000) {
        await continueAsNew<typeof orgPoller>({ orgId: input.orgId, cursor, everySeconds, pollUntil, stream: input.stream });
      }
      continue;
    }
    // Polling until change events are tried again: the watch ends when that time comes.
    const maxSeconds = streams ? Math.max(everySeconds, Math.min(watchMaxSeconds, Math.ceil((pollUntil - Date.now()) / 1000))) : watchMaxSeconds;
    const result = await watcher().watchOrgChanges({ orgId: input.orgId, cursor, everySeconds, maxSeconds });
    cursor = result.cursor;
    if (result.kind === 'stop') return;
    if (result.kind === 'changes') {
      await Promise.all(
        result.wake.map((userId) =>
          getExternalWorkflowHandle(salesforceSyncWorkflowId(userId))
            .signal(nudgeSignal, { source: 'salesforce' })
            // A user whose workflow is not running has nothing to wake; its next start catches up.
            .catch(() => undefined),
        ),
      );
    }
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 5000) {
      await continueAsNew<typeof orgPoller>({ orgId: input.orgId, cursor, everySeconds, pollUntil, stream: input.stream });
    }
  }
}

import type { Client } from '@temporalio/client';
import { salesforceSyncWorkflowId } from '../contract/ids';

type HistoryEvent = NonNullable<Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>['events']>[number];

/**
 * A user's sync workflow history as the server keeps it, across continue-as-new runs of the
 * current execution only (what an idle window adds is what matters here).
 */
export async function historyEvents(client: Client, userId: string): Promise<HistoryEvent[]> {
  const history = await client.workflow.getHandle(salesforceSyncWorkflowId(userId)).fetchHistory();
  return history.events ?? [];
}

export async function historyLength(client: Client, userId: string): Promise<number> {
  return (await historyEvents(client, userId)).length;
}

/** How many activities of each type were scheduled in the events. */
export function activitiesScheduled(events: readonly HistoryEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) {
    const name = e.activityTaskScheduledEventAttributes?.activityType?.name;
    if (name) out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}

/** Positions in the history of each scheduling of the named activity, in order. */
export function scheduledAt(events: readonly HistoryEvent[], activityType: string): number[] {
  return events.flatMap((e, i) => (e.activityTaskScheduledEventAttributes?.activityType?.name === activityType ? [i] : []));
}

import type { ChangeDetectionAnswer, ChangeDetectionInput } from '../../contract/org-poll';
import { currentSeq, getOrgChangeStream, getOrgIntegration, getUser, isStreamLive, type Db, type OrgChangeStream, type Store } from '../../store';

/**
 * For a user's workflow (the store only): whether the user's org streams its Task changes right
 * now, so that Salesforce changes come as nudges and no watch is needed; whether it has streamed
 * without a gap since `since`; and whether SIA changed beyond what the workflow pushed (a nudge
 * that got lost).
 */
export async function changeDetectionOf(store: Store, input: ChangeDetectionInput, now: () => Date): Promise<ChangeDetectionAnswer> {
  const db = store.db;
  const siaChanged = (await currentSeq(db, input.userId)) > input.afterSeq;
  const orgId = (await getUser(db, input.userId))?.salesforce.orgId;
  if (!orgId) return { streamed: false, continuous: false, siaChanged };
  const { stream } = await orgCoverage(db, orgId, now());
  const streamed = stream !== null;
  const continuous = streamed && input.since !== null && stream.streamingSince != null && stream.streamingSince <= input.since;
  return { streamed, continuous, siaChanged };
}

/**
 * How the org's Task changes are found, from one read of its integration and its stream:
 * `polled`, its integration user's poller (or stream) covers every user (an integration user
 * without View All Data sees no one's tasks, so then everyone polls for themselves); `stream`,
 * the live stream when its changes come as change events now, else null.
 */
export async function orgCoverage(db: Db, orgId: string, now: Date): Promise<{ polled: boolean; stream: OrgChangeStream | null }> {
  const [integration, stream] = await Promise.all([getOrgIntegration(db, orgId), getOrgChangeStream(db, orgId)]);
  const connected = integration?.status === 'connected';
  return { polled: connected && stream?.reason !== 'permission', stream: connected && stream && isStreamLive(stream, now) ? stream : null };
}

import type { ChangeDetectionAnswer, ChangeDetectionInput } from '../../contract/org-poll';
import { currentSeq, getOrgChangeStream, getOrgIntegration, getUser, type Store } from '../../store';

/** A stream records that it runs at least every minute: older than this, it is taken as gone. */
const freshForMs = 3 * 60_000;

/**
 * For a user's workflow (a local activity, the store only): whether the user's org streams its
 * Task changes right now, so that Salesforce changes come as nudges and no watch is needed;
 * whether it has streamed without a gap since `since`; and whether SIA changed beyond what the
 * workflow pushed (a nudge that got lost).
 */
export async function changeDetectionOf(store: Store, input: ChangeDetectionInput, now: () => Date): Promise<ChangeDetectionAnswer> {
  const db = store.db;
  const siaChanged = (await currentSeq(db, input.userId)) > input.afterSeq;
  const orgId = (await getUser(db, input.userId))?.salesforce.orgId;
  if (!orgId) return { streamed: false, continuous: false, siaChanged };
  const [integration, stream] = await Promise.all([getOrgIntegration(db, orgId), getOrgChangeStream(db, orgId)]);
  const streamed =
    integration?.status === 'connected' && stream?.detection === 'streaming' && stream.streamingSince !== null && now().getTime() - Date.parse(stream.updatedAt) < freshForMs;
  const continuous = streamed && input.since !== null && stream.streamingSince !== null && stream.streamingSince <= input.since;
  return { streamed, continuous, siaChanged };
}

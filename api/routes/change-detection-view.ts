import { z } from 'zod';
import { t, translate, type Language, type MessageKey } from '../../i18n';
import { getOrgChangeStream, isStreamLive, type OrgChangeStream } from '../../store/org-change-streams';
import { getOrgIntegration } from '../../store/org-integrations';
import type { Db } from '../../store/schema';
import { instantSchema } from './schemas';

/** Why an org's Salesforce changes are polled rather than streamed. */
export const pollingReasons = ['no-integration', 'not-configured', 'cdc-off', 'permission', 'allocation', 'stream-down', 'not-running', 'starting'] as const;
type PollingReason = (typeof pollingReasons)[number];

const whyKey: Record<PollingReason, MessageKey> = {
  'no-integration': 'api.changeDetection.why.noIntegration',
  'not-configured': 'api.changeDetection.why.notConfigured',
  'cdc-off': 'api.changeDetection.why.cdcOff',
  permission: 'api.changeDetection.why.permission',
  allocation: 'api.changeDetection.why.allocation',
  'stream-down': 'api.changeDetection.why.streamDown',
  'not-running': 'api.changeDetection.why.notRunning',
  starting: 'api.changeDetection.why.starting',
};

export const changeDetectionSchema = z
  .strictObject({
    mode: z.enum(['streaming', 'polling']).describe('streaming: Change Data Capture events wake the users whose tasks changed; polling: Salesforce is asked at intervals.'),
    reason: z.enum(pollingReasons).nullable().describe('Why the org is polled; null while streaming.'),
    detail: z.string().nullable().describe('What Salesforce said when change events could not be used, if anything.'),
    label: z.string().describe('"streaming", or "polling" and why, in the reader\'s language.'),
    since: instantSchema.nullable().describe('Since when the stream has run without a gap.'),
    lastEventAt: instantSchema.nullable().describe('When the last batch of change events woke its users.'),
  })
  .meta({ id: 'ChangeDetection' });
export type ChangeDetectionView = z.infer<typeof changeDetectionSchema>;

/**
 * How the org's Salesforce changes reach SIA: its change event stream, or polls (the org's
 * integration user, or each user's own when it has none or lacks View All Data), and why.
 */
export async function changeDetectionOf(db: Db, orgId: string, lang: Language, now: Date): Promise<ChangeDetectionView> {
  const [integration, stream] = await Promise.all([getOrgIntegration(db, orgId), getOrgChangeStream(db, orgId)]);
  if (integration?.status !== 'connected') return polling('no-integration', null, stream, lang);
  if (isStreamLive(stream, now)) {
    return { mode: 'streaming', reason: null, detail: null, label: t(lang, 'api.changeDetection.streaming'), since: stream?.streamingSince ?? null, lastEventAt: stream?.lastEventAt ?? null };
  }
  return polling(reasonOf(stream), stream?.detail ?? null, stream, lang);
}

function reasonOf(stream: OrgChangeStream | undefined): PollingReason {
  if (!stream) return 'starting';
  // A stream that said it runs but has been silent for minutes is gone (its worker, its poller).
  if (stream.detection === 'streaming') return 'stream-down';
  if (stream.detection === 'off') return stream.reason === 'no-integration' ? 'no-integration' : 'not-running';
  const stored = stream.reason as PollingReason | null;
  return stored && (pollingReasons as readonly string[]).includes(stored) ? stored : 'starting';
}

function polling(reason: PollingReason, detail: string | null, stream: OrgChangeStream | undefined, lang: Language): ChangeDetectionView {
  return { mode: 'polling', reason, detail, label: t(lang, 'api.changeDetection.polling', { why: translate(lang, whyKey[reason]) }), since: null, lastEventAt: stream?.lastEventAt ?? null };
}

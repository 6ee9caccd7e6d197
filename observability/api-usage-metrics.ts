import { Gauge, Registry } from 'prom-client';
import { changeEventDeliveriesIn24h, hourBucket, isStreamLive, listOrgChangeStreams, type Db } from '../store';

/**
 * Salesforce API budget per org, read from the store at scrape time: the calls this product
 * made in the last 24 hours, and the org-wide figures Salesforce last reported
 * (Sforce-Limit-Info, every integration included). Served by the API server; every scrape of
 * any process would give the same store-wide numbers.
 */
export function apiUsageMetrics(db: Db, now: () => Date = () => new Date()): Registry {
  const registry = new Registry();
  new Gauge({
    name: 'sia_salesforce_api_calls_24h',
    help: 'Salesforce API calls this product made for the org in the last 24 hours (hour buckets).',
    labelNames: ['org_id'] as const,
    registers: [registry],
    async collect() {
      const since = hourBucket(new Date(now().getTime() - 23 * 3_600_000));
      const rows = await db
        .selectFrom('api_usage')
        .select(['org_id', (eb) => eb.fn.sum('calls').as('calls')])
        .where('hour', '>=', since)
        .groupBy('org_id')
        .execute();
      this.reset();
      for (const row of rows) this.set({ org_id: row.org_id }, Number(row.calls));
    },
  });
  // Both figures come from the org's latest Sforce-Limit-Info (every integration's calls included).
  const limitInfo = async () => db.selectFrom('api_limit_info').selectAll().execute();
  const reported = [
    { name: 'sia_salesforce_api_used', help: 'API calls the org used in its rolling 24 hours, as Salesforce last reported.', value: (r: { used: number }) => r.used },
    { name: 'sia_salesforce_api_limit', help: 'The org’s daily API call allowance, as Salesforce last reported.', value: (r: { limit_total: number }) => r.limit_total },
  ];
  for (const { name, help, value } of reported) {
    new Gauge({
      name,
      help,
      labelNames: ['org_id'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await limitInfo()) this.set({ org_id: row.org_id }, value(row));
      },
    });
  }
  new Gauge({
    name: 'sia_change_events_delivered_24h',
    help: "Task change events delivered to this product for the org in the last 24 hours (hour buckets): each counts against the org's daily event delivery allocation.",
    labelNames: ['org_id'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [orgId, events] of await changeEventDeliveriesIn24h(db, now())) this.set({ org_id: orgId }, events);
    },
  });
  new Gauge({
    name: 'sia_change_detection',
    help: "How each org's Salesforce changes are found, 1 for the current way: mode streaming (change events) or polling, with the stored reason (cdc-off, permission, allocation, stream-down, not-configured …).",
    labelNames: ['org_id', 'mode', 'reason'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const stream of await listOrgChangeStreams(db)) {
        const streaming = isStreamLive(stream, now());
        this.set({ org_id: stream.orgId, mode: streaming ? 'streaming' : 'polling', reason: streaming ? '' : stream.detection === 'streaming' ? 'stream-down' : (stream.reason ?? '') }, 1);
      }
    },
  });
  return registry;
}

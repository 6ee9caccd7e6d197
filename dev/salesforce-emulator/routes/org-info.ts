/** The version's resource list and /limits. */
import type { RestContext } from '../emulator-state';
import { json, type Reply } from '../http-types';

export function resources(ctx: RestContext): Reply {
  const base = `/services/data/v${ctx.version}`;
  const names = ['sobjects', 'query', 'queryAll', 'limits', 'composite', 'recent', 'search', 'tooling', 'metadata', 'process', 'quickActions'];
  const out: Record<string, string> = {};
  for (const n of names) out[n] = `${base}/${n}`;
  out.identity = `${ctx.info.baseUrl}/id/${ctx.org.settings.orgId}/${ctx.user.id}`;
  return json(200, out);
}

export function limits(ctx: RestContext): Reply {
  const { usage, clock } = ctx.state;
  const max = ctx.org.settings.dailyApiLimit;
  const used = usage.used(ctx.org.settings.orgId, clock.now());
  return json(200, {
    DailyApiRequests: { Max: max, Remaining: Math.max(0, max - used) },
    DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
    DataStorageMB: { Max: 5120, Remaining: 5120 },
    FileStorageMB: { Max: 10240, Remaining: 10240 },
    SingleEmail: { Max: 5000, Remaining: 5000 },
  });
}

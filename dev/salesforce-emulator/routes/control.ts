/**
 * The test surface under /__emulator/…: seeding, the clock, faults, the call log and the
 * other levers a test needs. Never counted, never faulted, never seen by a Salesforce client.
 */
import { z } from 'zod';
import { parseSfDateTime, toSfDateTime } from '../clock';
import type { EmulatorState } from '../emulator-state';
import { SfError } from '../errors';
import { faultSpecSchema } from '../faults';
import { json, parseJsonBody, type Reply, type RequestInfo } from '../http-types';
import { connectedAppSeedSchema, orgSeedSchema, recordSeedSchema, userSeedSchema } from '../seed-schema';
import { validationRuleSchema } from '../validation-rules';
import { CHANGE_TYPES } from '../pubsub/change-event-schema';

export const orgPatchSchema = z.object({
  name: z.string().optional(),
  dailyApiLimit: z.number().int().nonnegative().optional(),
  apiEnabled: z.boolean().optional(),
  auditFieldsOnCreate: z.boolean().optional(),
  emailToSalesforce: z.object({ active: z.boolean(), multipleMatch: z.enum(['all', 'oldest', 'mostActivity']) }).optional(),
  /** Enhanced Email: off, EmailMessage and EmailMessageRelation do not exist for the org's API. */
  enhancedEmail: z.boolean().optional(),
  replicationIdLimit: z.number().int().positive().optional(),
});

export const userPatchSchema = z.object({
  password: z.string().optional(),
  email: z.string().optional(),
  viewAllData: z.boolean().optional(),
  apiEnabled: z.boolean().optional(),
  isActive: z.boolean().optional(),
  emailToSalesforceAddress: z.string().nullable().optional(),
  acceptableEmailAddresses: z.array(z.string()).optional(),
});

export const cdcPatchSchema = z.object({
  /** Objects selected for change notifications, e.g. `{ Task: true }`. */
  entities: z.record(z.string(), z.boolean()).optional(),
  /** Daily event delivery allocation; null goes back to the edition's. */
  deliveryAllocation: z.number().int().nonnegative().nullable().optional(),
  /** Events counted as delivered in the last 24 hours. */
  delivered: z.number().int().nonnegative().optional(),
});

export const gapEventSchema = z.object({
  entity: z.string(),
  changeType: z.enum(CHANGE_TYPES.filter((t) => t.startsWith('GAP_')) as ['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE', 'GAP_OVERFLOW']),
  recordIds: z.array(z.string()).optional(),
  /** User id; default: the org's first user. */
  commitUser: z.string().optional(),
  changeOrigin: z.string().optional(),
});

export const pubsubTimingsSchema = z.object({
  keepaliveMs: z.number().int().positive().optional(),
  idleTimeoutMs: z.number().int().positive().optional(),
});

export const pubsubOutageSchema = z.object({
  orgId: z.string().optional(),
  /** Refuse new Pub/Sub calls this long (wall clock). */
  refuseForMs: z.number().int().nonnegative().optional(),
});

export const clockSchema = z.object({
  shiftMs: z.number().optional(),
  set: z.string().optional(),
  reset: z.boolean().optional(),
});

const dateTime = (text: string): number => {
  const ms = parseSfDateTime(text);
  if (ms === undefined) throw new SfError(400, 'INVALID_ARGUMENT', `not an ISO 8601 date-time: ${text}`);
  return ms;
};

/** Answers a Reply, or any value sent as JSON. */
type Handler = (state: EmulatorState, info: RequestInfo, body: unknown, ...params: string[]) => unknown;

const routes: [string, RegExp, Handler][] = [
  [
    'POST',
    /^\/reset$/,
    (s) => {
      s.store.reset();
      s.tokens.reset();
      s.usage.reset();
      s.calls.clear();
      s.faults.clear();
      s.cursors.reset();
      s.clock.reset();
      s.cdc.reset();
      s.pubsub.reset();
      return {};
    },
  ],
  ['POST', /^\/orgs$/, (s, _i, b) => s.store.seedOrg(orgSeedSchema.parse(b))],
  [
    'PATCH',
    /^\/orgs\/([^/]+)$/,
    (s, _i, b, orgId) => {
      s.store.updateOrgSettings(orgId, orgPatchSchema.parse(b));
      return { settings: s.store.org(orgId).settings };
    },
  ],
  ['POST', /^\/orgs\/([^/]+)\/users$/, (s, _i, b, orgId) => s.store.addUsers(orgId, z.array(userSeedSchema).parse(b))],
  [
    'PATCH',
    /^\/orgs\/([^/]+)\/users\/([^/]+)$/,
    (s, _i, b, orgId, userId) => {
      s.store.updateUser(orgId, userId, userPatchSchema.parse(b));
      return {};
    },
  ],
  [
    'POST',
    /^\/orgs\/([^/]+)\/connected-apps$/,
    (s, _i, b, orgId) => {
      s.store.addConnectedApp(orgId, connectedAppSeedSchema.parse(b));
      return {};
    },
  ],
  ['POST', /^\/orgs\/([^/]+)\/records$/, (s, _i, b, orgId) => ({ ids: s.store.seedRecords(orgId, z.array(recordSeedSchema).parse(b)) })],
  [
    'GET',
    /^\/orgs\/([^/]+)\/records\/([^/]+)$/,
    (s, i, _b, orgId, sobject) => {
      const org = s.store.org(orgId);
      s.store.purgeExpired(org);
      const includeDeleted = i.query.get('includeDeleted') === 'true';
      const records = [...s.store.table(org, s.store.requireObject(sobject).name).values()]
        .filter((r) => includeDeleted || r.deletedMs === undefined)
        .map((r) => ({ ...r.fields }));
      return { records };
    },
  ],
  [
    'POST',
    /^\/orgs\/([^/]+)\/records\/([^/]+)\/backdate-deletion$/,
    (s, _i, b, orgId, id) => {
      const { deletedDate } = z.object({ deletedDate: z.string() }).parse(b);
      s.store.backdateDeletion(orgId, id, dateTime(deletedDate));
      return {};
    },
  ],
  [
    'POST',
    /^\/orgs\/([^/]+)\/recycle-bin\/purge$/,
    (s, _i, b, orgId) => ({ purged: s.store.purgeRecycleBin(orgId, z.object({ sobject: z.string().optional() }).parse(b).sobject) }),
  ],
  [
    'POST',
    /^\/orgs\/([^/]+)\/validation-rules$/,
    (s, _i, b, orgId) => {
      s.store.installValidationRule(orgId, validationRuleSchema.parse(b));
      return {};
    },
  ],
  [
    'DELETE',
    /^\/orgs\/([^/]+)\/validation-rules$/,
    (s, _i, _b, orgId) => {
      s.store.removeValidationRules(orgId);
      return {};
    },
  ],
  [
    'GET',
    /^\/orgs\/([^/]+)\/api-usage$/,
    (s, _i, _b, orgId) => {
      const org = s.store.org(orgId);
      return { used: s.usage.used(org.settings.orgId, s.clock.now()), limit: org.settings.dailyApiLimit };
    },
  ],
  [
    'POST',
    /^\/orgs\/([^/]+)\/api-usage$/,
    (s, _i, b, orgId) => {
      const org = s.store.org(orgId);
      const { used } = z.object({ used: z.number().int().nonnegative() }).parse(b);
      s.usage.set(org.settings.orgId, used, s.clock.now());
      return { used, limit: org.settings.dailyApiLimit };
    },
  ],
  [
    'GET',
    /^\/calls$/,
    (s, i) => {
      const filter = {
        orgId: i.query.get('orgId') ?? undefined,
        userId: i.query.get('userId') ?? undefined,
        method: i.query.get('method') ?? undefined,
        path: i.query.get('path') ?? undefined,
        counted: i.query.has('counted') ? i.query.get('counted') === 'true' : undefined,
      };
      return { calls: s.calls.list(filter), summary: s.calls.summary(filter) };
    },
  ],
  [
    'DELETE',
    /^\/calls$/,
    (s) => {
      s.calls.clear();
      return {};
    },
  ],
  ['GET', /^\/faults$/, (s) => ({ faults: s.faults.list() })],
  ['POST', /^\/faults$/, (s, _i, b) => ({ id: s.faults.add(faultSpecSchema.parse(b)) })],
  [
    'DELETE',
    /^\/faults$/,
    (s) => {
      s.faults.clear();
      return {};
    },
  ],
  [
    'DELETE',
    /^\/faults\/(\d+)$/,
    (s, _i, _b, id) => {
      s.faults.remove(Number(id));
      return {};
    },
  ],
  ['GET', /^\/orgs\/([^/]+)\/change-data-capture$/, (s, _i, _b, orgId) => s.cdc.settings(orgId)],
  [
    'PATCH',
    /^\/orgs\/([^/]+)\/change-data-capture$/,
    (s, _i, b, orgId) => {
      const patch = cdcPatchSchema.parse(b);
      try {
        if (patch.entities) s.cdc.setEnabled(orgId, patch.entities);
      } catch (e) {
        throw new SfError(400, 'INVALID_ARGUMENT', (e as Error).message);
      }
      if (patch.deliveryAllocation !== undefined) s.cdc.setDeliveryAllocation(orgId, patch.deliveryAllocation ?? undefined);
      if (patch.delivered !== undefined) s.cdc.setDelivered(orgId, patch.delivered);
      return s.cdc.settings(orgId);
    },
  ],
  [
    'POST',
    /^\/orgs\/([^/]+)\/change-events\/gap$/,
    (s, _i, b, orgId) => {
      const input = gapEventSchema.parse(b);
      const org = s.store.org(orgId);
      const commitUser = input.commitUser ?? [...org.users.keys()][0] ?? '';
      try {
        s.cdc.publishGap(org.settings.orgId, { ...input, commitUser });
      } catch (e) {
        throw new SfError(400, 'INVALID_ARGUMENT', (e as Error).message);
      }
      return {};
    },
  ],
  ['GET', /^\/pubsub\/streams$/, (s) => ({ streams: s.pubsub.list() })],
  ['PATCH', /^\/pubsub$/, (s, _i, b) => s.pubsub.setTimings(pubsubTimingsSchema.parse(b))],
  ['POST', /^\/pubsub\/outage$/, (s, _i, b) => ({ cut: s.pubsub.outage(pubsubOutageSchema.parse(b)) })],
  [
    'POST',
    /^\/pubsub\/recover$/,
    (s) => {
      s.pubsub.recover();
      return {};
    },
  ],
  ['GET', /^\/clock$/, (s) => ({ now: toSfDateTime(s.clock.now()), nowMs: s.clock.now() })],
  [
    'POST',
    /^\/clock$/,
    (s, _i, b) => {
      const { shiftMs, set, reset } = clockSchema.parse(b);
      if (reset) s.clock.reset();
      if (set !== undefined) s.clock.set(dateTime(set));
      if (shiftMs !== undefined) s.clock.shift(shiftMs);
      return { now: toSfDateTime(s.clock.now()), nowMs: s.clock.now() };
    },
  ],
  [
    'POST',
    /^\/tokens\/expire$/,
    (s, _i, b) => ({ expired: s.tokens.expireSessions(z.object({ orgId: z.string().optional(), userId: z.string().optional() }).parse(b)) }),
  ],
  [
    'POST',
    /^\/tokens\/revoke$/,
    (s, _i, b) => {
      const { token, userId } = z.object({ token: z.string().optional(), userId: z.string().optional() }).parse(b);
      let revoked = 0;
      if (token && s.tokens.revoke(token)) revoked++;
      if (userId) revoked += s.tokens.revokeUserRefreshTokens(userId);
      return { revoked };
    },
  ],
];

export function control(state: EmulatorState, info: RequestInfo): Reply {
  const sub = info.path.slice('/__emulator'.length) || '/';
  for (const [method, pattern, handler] of routes) {
    const m = pattern.exec(sub);
    if (!m || method !== info.method) continue;
    try {
      const body = info.method === 'GET' || info.method === 'DELETE' ? undefined : parseJsonBody(info);
      const out = handler(state, info, body, ...m.slice(1).map((p) => decodeURIComponent(p)));
      return json(200, out);
    } catch (e) {
      if (e instanceof z.ZodError) return json(400, { error: 'invalid request', issues: e.issues });
      if (e instanceof SfError) return json(e.status, { error: e.message, errorCode: e.errorCode });
      throw e;
    }
  }
  return json(404, { error: `no control route ${info.method} ${info.path}` });
}

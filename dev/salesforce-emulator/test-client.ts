/**
 * Typed access to the emulator's test surface (/__emulator/…) for tests and dev scripts.
 * Everything here is outside Salesforce's API: a product under test never calls it.
 */
import type { z } from 'zod';
import type { CallEntry, CallFilter, CallSummary } from './call-log';
import type { FaultSpec } from './faults';
import type { OrgSettings } from './org-model';
import type { cdcPatchSchema, clockSchema, gapEventSchema, orgPatchSchema, pubsubOutageSchema, pubsubTimingsSchema, userPatchSchema } from './routes/control';
import type { ConnectedAppSeed, OrgSeed, RecordSeed, SeededOrg, UserSeed } from './seed-schema';
import type { ValidationRule } from './validation-rules';

export type { CallEntry, CallFilter, CallSummary, FaultSpec, OrgSeed, RecordSeed, SeededOrg, UserSeed, ConnectedAppSeed, ValidationRule };
export type { RuleCondition } from './validation-rules';

export interface ChangeDataCaptureSettings {
  entities: Record<string, boolean>;
  deliveryAllocation: number;
  deliveredLast24h: number;
}

export class EmulatorControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`emulator control call failed (${status}): ${JSON.stringify(body)}`);
  }
}

export class EmulatorTestClient {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = await res.json();
    if (!res.ok) throw new EmulatorControlError(res.status, parsed);
    return parsed as T;
  }

  /** Forgets every org, token, fault and logged call; puts the clock back to real time. */
  reset(): Promise<void> {
    return this.call('POST', '/reset');
  }

  /** Creates an org with its connected apps, users and records; answers the ids it gave. */
  seedOrg(seed: OrgSeed): Promise<SeededOrg> {
    return this.call('POST', '/orgs', seed);
  }

  updateOrg(orgId: string, patch: z.input<typeof orgPatchSchema>): Promise<{ settings: OrgSettings }> {
    return this.call('PATCH', `/orgs/${orgId}`, patch);
  }

  /** Answers username → user id. */
  addUsers(orgId: string, users: UserSeed[]): Promise<Record<string, string>> {
    return this.call('POST', `/orgs/${orgId}/users`, users);
  }

  updateUser(orgId: string, userId: string, patch: z.input<typeof userPatchSchema>): Promise<void> {
    return this.call('PATCH', `/orgs/${orgId}/users/${userId}`, patch);
  }

  addConnectedApp(orgId: string, app: ConnectedAppSeed): Promise<void> {
    return this.call('POST', `/orgs/${orgId}/connected-apps`, app);
  }

  /** Loads records as they are (audit fields and SystemModstamp included); answers their ids in order. */
  async seedRecords(orgId: string, records: RecordSeed[]): Promise<string[]> {
    return (await this.call<{ ids: string[] }>('POST', `/orgs/${orgId}/records`, records)).ids;
  }

  /** Every record of an object, whoever owns it, as stored (no API call is counted). */
  async records(orgId: string, sobject: string, opts: { includeDeleted?: boolean } = {}): Promise<Record<string, unknown>[]> {
    const q = opts.includeDeleted ? '?includeDeleted=true' : '';
    return (await this.call<{ records: Record<string, unknown>[] }>('GET', `/orgs/${orgId}/records/${sobject}${q}`)).records;
  }

  /** Pretends a record in the recycle bin was deleted at `deletedDate` (ISO 8601). */
  backdateDeletion(orgId: string, recordId: string, deletedDate: string): Promise<void> {
    return this.call('POST', `/orgs/${orgId}/records/${recordId}/backdate-deletion`, { deletedDate });
  }

  async purgeRecycleBin(orgId: string, sobject?: string): Promise<number> {
    return (await this.call<{ purged: number }>('POST', `/orgs/${orgId}/recycle-bin/purge`, { sobject })).purged;
  }

  installValidationRule(orgId: string, rule: ValidationRule): Promise<void> {
    return this.call('POST', `/orgs/${orgId}/validation-rules`, rule);
  }

  removeValidationRules(orgId: string): Promise<void> {
    return this.call('DELETE', `/orgs/${orgId}/validation-rules`);
  }

  apiUsage(orgId: string): Promise<{ used: number; limit: number }> {
    return this.call('GET', `/orgs/${orgId}/api-usage`);
  }

  /** Sets the requests counted in the last 24 hours; `used = limit` makes the next call REQUEST_LIMIT_EXCEEDED. */
  setApiUsage(orgId: string, used: number): Promise<{ used: number; limit: number }> {
    return this.call('POST', `/orgs/${orgId}/api-usage`, { used });
  }

  /** Spends the org's whole daily allowance. */
  async exhaustApiLimit(orgId: string): Promise<void> {
    const { limit } = await this.apiUsage(orgId);
    await this.setApiUsage(orgId, limit);
  }

  calls(filter: CallFilter = {}): Promise<{ calls: CallEntry[]; summary: CallSummary }> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined) q.set(k, String(v));
    const qs = q.toString();
    return this.call('GET', `/calls${qs ? `?${qs}` : ''}`);
  }

  clearCalls(): Promise<void> {
    return this.call('DELETE', '/calls');
  }

  async addFault(spec: FaultSpec): Promise<number> {
    return (await this.call<{ id: number }>('POST', '/faults', spec)).id;
  }

  faults(): Promise<{ faults: { id: number; kind: string; path: string; method?: string; remaining?: number; fired: number }[] }> {
    return this.call('GET', '/faults');
  }

  removeFault(id: number): Promise<void> {
    return this.call('DELETE', `/faults/${id}`);
  }

  clearFaults(): Promise<void> {
    return this.call('DELETE', '/faults');
  }

  /** Emulator time now. */
  now(): Promise<{ now: string; nowMs: number }> {
    return this.call('GET', '/clock');
  }

  /** Moves the emulator's clock: `shiftMs` forward (or back), `set` to an instant, `reset` to real time. */
  clock(change: z.input<typeof clockSchema>): Promise<{ now: string; nowMs: number }> {
    return this.call('POST', '/clock', change);
  }

  advanceClock(ms: number): Promise<{ now: string; nowMs: number }> {
    return this.clock({ shiftMs: ms });
  }

  /** Ends every session now (optionally one org's or one user's): the next REST call is INVALID_SESSION_ID. */
  async expireSessions(filter: { orgId?: string; userId?: string } = {}): Promise<number> {
    return (await this.call<{ expired: number }>('POST', '/tokens/expire', filter)).expired;
  }

  /** Which objects publish change events, the daily event delivery allocation and what was delivered in the last 24 hours. */
  changeDataCapture(orgId: string): Promise<ChangeDataCaptureSettings> {
    return this.call('GET', `/orgs/${orgId}/change-data-capture`);
  }

  /** Selects objects for change events (`{ entities: { Task: true } }`), sets the delivery allocation or the delivered count. */
  setChangeDataCapture(orgId: string, patch: z.input<typeof cdcPatchSchema>): Promise<ChangeDataCaptureSettings> {
    return this.call('PATCH', `/orgs/${orgId}/change-data-capture`, patch);
  }

  /** Publishes a gap event (GAP_CREATE … GAP_UNDELETE for `recordIds`) or an overflow event (GAP_OVERFLOW). */
  publishGapEvent(orgId: string, gap: z.input<typeof gapEventSchema>): Promise<void> {
    return this.call('POST', `/orgs/${orgId}/change-events/gap`, gap);
  }

  /** The open Pub/Sub Subscribe streams. */
  async pubsubStreams(): Promise<{ orgId: string; userId: string; topic: string; pending: number }[]> {
    return (await this.call<{ streams: { orgId: string; userId: string; topic: string; pending: number }[] }>('GET', '/pubsub/streams')).streams;
  }

  /** Keepalive interval (default 270 s) and idle timeout with nothing pending (default 60 s), in wall-clock ms. */
  setPubSubTimings(timings: z.input<typeof pubsubTimingsSchema>): Promise<{ keepaliveMs: number; idleTimeoutMs: number }> {
    return this.call('PATCH', '/pubsub', timings);
  }

  /** An outage: cuts every open stream (UNAVAILABLE) and, with `refuseForMs`, refuses new calls that long. Answers how many were cut. */
  async pubsubOutage(opts: z.input<typeof pubsubOutageSchema> = {}): Promise<number> {
    return (await this.call<{ cut: number }>('POST', '/pubsub/outage', opts)).cut;
  }

  /** Ends a refusal started by `pubsubOutage` early. */
  pubsubRecover(): Promise<void> {
    return this.call('POST', '/pubsub/recover', {});
  }

  /** Revokes a token, or every refresh token of a user: the next refresh is invalid_grant. */
  async revokeTokens(which: { token?: string; userId?: string }): Promise<number> {
    return (await this.call<{ revoked: number }>('POST', '/tokens/revoke', which)).revoked;
  }
}

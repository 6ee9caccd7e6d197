import { readSyncStatus, saveSyncSettings } from '../client/sync-workflow';
import type { RecordSeed } from '../dev/salesforce-emulator/test-client';
import { saveSyncSettings as storeSyncSettings } from '../store';
import type { PollConfig } from '../sync/poll-schedule';
import type { SyncStatus } from '../contract/messages';
import { connectUser, redirectUri, testClient } from '../test/support/salesforce';
import type { BenchStack } from './stack';
import { waitFor } from './wait';

/** A Salesforce org of the emulator with SIA users connected to it through the OAuth flow. */
export interface BenchOrg {
  orgId: string;
  users: BenchUser[];
}

export interface BenchUser {
  /** SIA user id. */
  id: string;
  username: string;
  /** Salesforce user id. */
  sfUserId: string;
}

/**
 * Seeds one org per figure (so the emulator's call log splits by org), with `count` users and
 * the records `recordsFor(username, index)` gives each, then connects every user as the product
 * does. Seeding is bulk and not measured.
 */
export async function seedOrg(stack: BenchStack, name: string, count: number, recordsFor: (username: string, index: number) => RecordSeed[] = () => []): Promise<BenchOrg> {
  const usernames = Array.from({ length: count }, (_, i) => `${name}${i}.${stack.runId}@bench.test`);
  const seeded = await stack.emulator.control.seedOrg({
    name: `Bench ${name}`,
    auditFieldsOnCreate: true,
    connectedApps: [{ clientId: testClient.clientId, clientSecret: testClient.clientSecret, callbackUrls: [redirectUri] }],
    users: usernames.map((username) => ({ username, password: 'pw', email: username })),
  });
  // Records go in slices: one JSON body per ~5,000 keeps the emulator's parser quick.
  const records = usernames.flatMap((u, i) => recordsFor(u, i));
  for (let i = 0; i < records.length; i += 5000) await stack.emulator.control.seedRecords(seeded.orgId, records.slice(i, i + 5000));

  const users = usernames.map((username, i) => ({ id: `bench-${stack.runId}-${name}-${i}`, username, sfUserId: seeded.users[username] ?? '' }));
  const testOrg = { emulator: stack.emulator, orgId: seeded.orgId, users: seeded.users, app: stack.app };
  await inBatches(users, 10, (u) => connectUser(stack.store, stack.secretKey, testOrg, u.id, u.username));
  return { orgId: seeded.orgId, users };
}

let lastVersion = 0;

/** Switches task sync on as the backend does: the store first (its baseline), then the workflow. */
export async function switchSyncOn(stack: BenchStack, userId: string, options: { taskQueue?: string; pollConfig?: Partial<PollConfig> } = {}): Promise<void> {
  const saved = await storeSyncSettings(stack.store.db, userId, { taskSync: { mode: 'two_way' } });
  lastVersion = Math.max(lastVersion + 1, Date.parse(saved.savedAt));
  await saveSyncSettings(stack.client, userId, saved.settings, {
    taskQueue: options.taskQueue ?? stack.temporal.taskQueue,
    version: lastVersion,
    now: new Date(saved.savedAt),
    taskSyncEnabledAt: saved.taskSyncEnabledAt,
    pollConfig: options.pollConfig,
  });
}

/** Done with the first round: imported, and reconciling from then on. */
export function imported(status: SyncStatus | null): boolean {
  return Boolean(status?.taskSync?.lastSyncAt) && status?.phase !== 'initial_import';
}

export function waitUntilImported(stack: BenchStack, userId: string, timeoutMs: number): Promise<SyncStatus | null> {
  return waitFor(() => readSyncStatus(stack.client, userId), imported, { timeoutMs, intervalMs: 100, what: `first sync of ${userId}` });
}

export async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

/** Salesforce timestamps as REST shows them. */
export function sfTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

import { temporal } from '@temporalio/proto';
import { execFileSync } from 'node:child_process';
import type { Client } from '@temporalio/client';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureOrgPoller } from '../client/org-poller';
import { nudgeSync, readSyncStatus, saveSyncSettings } from '../client/sync-workflow';
import { createTask, getOrgChangeStream, setOrgIntegration } from '../store';
import { oauthConnection } from './support/salesforce';
import { fastPolling, startTaskSyncHarness } from './support/task-sync-harness';
import { fixture, rep, sentEmail, startEmailTestEnv } from './integration/email/email-env';
import { ensureTemporalCli, startTemporalDevServer } from '../dev/temporal';
import { orgPollerWorkflowId, salesforceSyncWorkflowId } from '../contract/ids';
import { eventually, startTestTemporal } from './support/temporal';
import { buildWorkflowBundle } from '../workers/workflow-bundle';
import { fixtureNames } from './fixture-names';

/**
 * Records workflow histories from real runs into test/histories/, for the replay test.
 * Run with `npm run record-histories -- <scenario…>` (or `-- --all`) after a workflow change,
 * and commit the new files beside the old ones: old histories must keep replaying (use
 * patched() for changes, see docs/workflow-changes.md). A fixture is never written over: a
 * scenario recorded again goes to the next free name (`<scenario>.recording2.json`, …).
 */
interface Scenario {
  name: string;
  /** `atEnd` takes what must stop after the histories are read (a scenario's own worker, emulator). */
  run(client: Client, taskQueue: string, atEnd: Array<() => Promise<void>>): Promise<Array<{ workflowId: string; runId?: string }>>;
}

async function twoWayTaskSync(client: Client, atEnd: Array<() => Promise<void>>): Promise<Array<{ workflowId: string; runId?: string }>> {
  const h = await startTaskSyncHarness(['replay@acme.test']);
  atEnd.push(() => h.stop());
  const userId = 'replay-user-tasks';
  await h.connect(userId, 'replay@acme.test');
  const sf = await h.salesforceAs('replay@acme.test');
  const fromSf = await sf.sobject('Task').create({ Subject: 'Made in Salesforce', Status: 'Not Started', Priority: 'Normal', ActivityDate: '2027-01-15' });
  if (!fromSf.success) throw new Error('seed failed');
  const mark = new Date().toISOString();
  await h.save(userId, { taskSync: { mode: 'two_way' } });
  await h.synced(userId, mark);
  const task = await createTask(h.store.db, userId, { name: 'Made in SIA', dueDate: '2027-01-16' });
  await nudgeSync(client, userId, { source: 'sia' });
  await eventually(() => h.sfTasks('replay@acme.test'), (ts) => ts.some((t) => t.SIA_Task_Id__c === task.id));
  await sf.sobject('Task').update({ Id: fromSf.id, Status: 'Completed' });
  await eventually(async () => (await h.siaTasks(userId)).find((t) => t.name === 'Made in Salesforce')?.status, (s) => s === 'complete');
  await h.save(userId, { taskSync: { mode: 'do_not_sync' } });
  await eventually(() => readSyncStatus(client, userId), (s) => s?.phase === 'idle');
  return [{ workflowId: salesforceSyncWorkflowId(userId) }];
}

/** A burst of SIA changes, each nudging the workflow: they go out together (patch 'coalesce-nudges'). */
async function nudgeBurst(client: Client, atEnd: Array<() => Promise<void>>): Promise<Array<{ workflowId: string; runId?: string }>> {
  const h = await startTaskSyncHarness(['burst@acme.test']);
  atEnd.push(() => h.stop());
  const userId = 'replay-user-burst';
  await h.connect(userId, 'burst@acme.test');
  const mark = new Date().toISOString();
  await h.save(userId, { taskSync: { mode: 'two_way' } });
  await h.synced(userId, mark);
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    ids.push((await createTask(h.store.db, userId, { name: `Burst ${i}` })).id);
    await nudgeSync(client, userId, { source: 'sia' });
  }
  await eventually(() => h.sfTasks('burst@acme.test'), (ts) => ids.every((id) => ts.some((t) => t.SIA_Task_Id__c === id)));
  await h.save(userId, { taskSync: { mode: 'do_not_sync' } });
  await eventually(() => readSyncStatus(client, userId), (s) => s?.phase === 'idle');
  return [{ workflowId: salesforceSyncWorkflowId(userId) }];
}

const scenarios: Scenario[] = [
  {
    name: 'settings-saves-and-continue-as-new',
    async run(client, taskQueue) {
      const userId = 'replay-user-settings';
      const base = Date.UTC(2026, 0, 1);
      const modes = ['off', 'api', 'bcc', 'off', 'api', 'off', 'bcc', 'api'] as const;
      for (const [i, mode] of modes.entries()) {
        const emailLogging = mode === 'bcc' ? { mode, address: 'e2s@example.com' } : { mode };
        await saveSyncSettings(client, userId, { emailLogging }, { taskQueue, version: i + 1, now: new Date(base + i * 1000), historyEventLimit: 12 });
      }
      await eventually(() => readSyncStatus(client, userId), (s) => s?.settingsVersion === modes.length);
      const runs: Array<{ workflowId: string; runId: string }> = [];
      for await (const w of client.workflow.list({ query: `WorkflowId = '${salesforceSyncWorkflowId(userId)}'` })) runs.push({ workflowId: w.workflowId, runId: w.runId });
      return runs;
    },
  },
  // task-sync-two-way.json was recorded by this same run before rounds read Salesforce first;
  // today's code cannot record that path again, so only its fixture stays.
  // Rounds read Salesforce first (patch 'pull-before-push').
  { name: 'task-sync-two-way-pull-first', run: (client, _taskQueue, atEnd) => twoWayTaskSync(client, atEnd) },
  { name: 'task-sync-nudge-burst', run: (client, _taskQueue, atEnd) => nudgeBurst(client, atEnd) },
  {
    // Switched on again after Salesforce emptied its recycle bin: the catch-up asks Salesforce
    // about deletions and compares every linked task (patch 'deletions-salesforce-forgot').
    name: 'task-sync-forgotten-deletions',
    async run(client, _taskQueue, atEnd) {
      const h = await startTaskSyncHarness(['forgot@acme.test']);
      atEnd.push(() => h.stop());
      const userId = 'replay-user-forgotten-deletions';
      const sf = await h.salesforceAs('forgot@acme.test');
      const purged = await sf.sobject('Task').create({ Subject: 'Deleted and purged while off', Status: 'Not Started', Priority: 'Normal' });
      if (!purged.success) throw new Error('seed failed');
      await h.switchOn(userId, 'forgot@acme.test');
      await h.save(userId, { taskSync: { mode: 'do_not_sync' } });
      await eventually(() => readSyncStatus(client, userId), (s) => s?.phase === 'idle');
      await sf.sobject('Task').destroy(purged.id);
      await h.org.emulator.control.purgeRecycleBin(h.org.orgId, 'Task');
      const mark = new Date().toISOString();
      await h.save(userId, { taskSync: { mode: 'two_way' } });
      await h.synced(userId, mark);
      if ((await h.siaTasks(userId)).length !== 0) throw new Error('the purged deletion did not reach SIA');
      await h.save(userId, { taskSync: { mode: 'do_not_sync' } });
      await eventually(() => readSyncStatus(client, userId), (s) => s?.phase === 'idle');
      return [{ workflowId: salesforceSyncWorkflowId(userId) }];
    },
  },
  {
    // One history per path of emailLog: logged through the API, relayed by BCC, skipped, failed.
    name: 'email-log',
    async run(_client, _taskQueue, atEnd) {
      const env = await startEmailTestEnv();
      atEnd.push(() => env.stop());
      const api = await env.newUser({ mode: 'api', linkOpenOpportunities: true, logReplies: false });
      const bcc = await env.newUser({ mode: 'bcc', address: rep.e2s });
      const off = await env.newUser({ mode: 'off' });
      const logged = [
        await env.log(api, sentEmail('replay-api', { cc: 'ben@acme.test' })),
        await env.log(bcc, sentEmail('replay-bcc')),
        await env.log(off, sentEmail('replay-off')),
        await env.log(api, fixture('reply.eml')),
        await env.log(api, fixture('not-an-email.eml')),
      ];
      const expected = ['logged', 'logged', 'skipped', 'skipped', 'failed'];
      const got = logged.map((l) => l.outcome.status);
      if (got.join() !== expected.join()) throw new Error(`email-log outcomes were ${got.join(', ')}, expected ${expected.join(', ')}`);
      return logged.map((l) => ({ workflowId: l.handOver.workflowId }));
    },
  },
  {
    // Replies the user received: logged on the sender through the API, never relayed by BCC, and one that answers nothing skipped.
    name: 'email-log-received',
    async run(_client, _taskQueue, atEnd) {
      const env = await startEmailTestEnv();
      atEnd.push(() => env.stop());
      const api = await env.newUser({ mode: 'api', linkOpenOpportunities: false, logReplies: true });
      const bcc = await env.newUser({ mode: 'bcc', address: rep.e2s });
      const received = (tag: string, headers?: string) => sentEmail(tag, { from: 'ann@acme.test', to: rep.username, subject: `Re: Proposal ${tag}`, ...(headers ? { headers } : {}) });
      const logged = [
        await env.log(api, received('replay-received-api', 'In-Reply-To: <replay-q@mail.sia-sales.test>')),
        await env.log(bcc, received('replay-received-bcc', 'In-Reply-To: <replay-q@mail.sia-sales.test>')),
        await env.log(api, received('replay-received-cold')),
      ];
      const expected = ['logged', 'skipped', 'skipped'];
      const got = logged.map((l) => l.outcome.status);
      if (got.join() !== expected.join()) throw new Error(`email-log-received outcomes were ${got.join(', ')}, expected ${expected.join(', ')}`);
      return logged.map((l) => ({ workflowId: l.handOver.workflowId }));
    },
  },
  {
    // The org's poller finds a change, wakes its owner, and ends once nobody in the org syncs tasks.
    name: 'org-poller',
    async run(_client, _taskQueue, atEnd) {
      const h = await startTaskSyncHarness(['polled@acme.test']);
      atEnd.push(() => h.stop());
      const integrationUser = 'integration@acme.test';
      Object.assign(h.org.users, await h.org.emulator.control.addUsers(h.org.orgId, [{ username: integrationUser, password: 'pw', email: integrationUser, viewAllData: true }]));
      const userId = 'replay-user-org-poll';
      await h.switchOn(userId, 'polled@acme.test');
      await setOrgIntegration(h.store.db, h.secretKey, { ...(await oauthConnection(h.org, integrationUser)), connectedBy: 'admin' });
      await ensureOrgPoller(h.temporal.client, h.org.orgId, h.temporal.config.taskQueue, 1);
      const sf = await h.salesforceAs('polled@acme.test');
      const created = await sf.sobject('Task').create({ Subject: 'Found by the org poll', Status: 'Not Started', Priority: 'Normal' });
      if (!created.success) throw new Error('seed failed');
      const found = await eventually(async () => (await h.siaTasks(userId)).some((t) => t.name === 'Found by the org poll'), (yes) => yes);
      if (!found) throw new Error('the org poll did not bring the Salesforce task to SIA');
      await h.save(userId, { taskSync: { mode: 'do_not_sync' } });
      const poller = h.temporal.client.workflow.getHandle(orgPollerWorkflowId(h.org.orgId));
      await poller.result();
      return [{ workflowId: poller.workflowId }];
    },
  },
  {
    // Task change events (patch 'org-change-stream'): off for Task at first, so the org is polled
    // (reason cdc-off); switched on, the stream wakes the owner of a change; the poller ends once
    // nobody in the org syncs tasks.
    name: 'org-change-stream',
    async run(_client, _taskQueue, atEnd) {
      // Task is not selected for Change Data Capture in a new org.
      const h = await startTaskSyncHarness(['streamed@acme.test']);
      atEnd.push(() => h.stop());
      const control = h.org.emulator.control;
      const integrationUser = 'integration@acme.test';
      Object.assign(h.org.users, await control.addUsers(h.org.orgId, [{ username: integrationUser, password: 'pw', email: integrationUser, viewAllData: true }]));
      const userId = 'replay-user-org-stream';
      await setOrgIntegration(h.store.db, h.secretKey, { ...(await oauthConnection(h.org, integrationUser)), connectedBy: 'admin' });
      await h.switchOn(userId, 'streamed@acme.test');
      await ensureOrgPoller(h.temporal.client, h.org.orgId, h.temporal.config.taskQueue, 1, { maxSeconds: 5, retryStreamSeconds: 3 });
      const detection = (want: string) => eventually(async () => (await getOrgChangeStream(h.store.db, h.org.orgId))?.detection, (d) => d === want, 30_000);
      if ((await detection('polling')) !== 'polling') throw new Error('the org poller did not fall back to polling');
      const sf = await h.salesforceAs('streamed@acme.test');
      const arrives = async (subject: string) => {
        const created = await sf.sobject('Task').create({ Subject: subject, Status: 'Not Started', Priority: 'Normal' });
        if (!created.success) throw new Error('seed failed');
        const found = await eventually(async () => (await h.siaTasks(userId)).some((t) => t.name === subject), (yes) => yes, 30_000);
        if (!found) throw new Error(`${subject} never reached SIA`);
      };
      await arrives('Found by the org poll');
      await control.setChangeDataCapture(h.org.orgId, { entities: { Task: true } });
      if ((await detection('streaming')) !== 'streaming') throw new Error('the org poller did not take up change events');
      await arrives('Brought by a change event');
      await h.save(userId, { taskSync: { mode: 'do_not_sync' } });
      const poller = h.temporal.client.workflow.getHandle(orgPollerWorkflowId(h.org.orgId));
      await poller.result();
      return [{ workflowId: poller.workflowId }];
    },
  },
  {
    // A user of an org that streams its changes waits for nudges alone (patch 'wait-for-nudges-when-streamed'):
    // a Salesforce change comes as a nudge, the user looks again once (every 2 s here), then
    // switches task sync off.
    name: 'task-sync-streamed-org',
    async run(_client, _taskQueue, atEnd) {
      const h = await startTaskSyncHarness(['streamed-user@acme.test']);
      atEnd.push(() => h.stop());
      const control = h.org.emulator.control;
      await control.setChangeDataCapture(h.org.orgId, { entities: { Task: true } });
      const integrationUser = 'integration@acme.test';
      Object.assign(h.org.users, await control.addUsers(h.org.orgId, [{ username: integrationUser, password: 'pw', email: integrationUser, viewAllData: true }]));
      const userId = 'replay-user-streamed';
      await setOrgIntegration(h.store.db, h.secretKey, { ...(await oauthConnection(h.org, integrationUser)), connectedBy: 'admin' });
      await h.switchOn(userId, 'streamed-user@acme.test', { pollConfig: { ...fastPolling, streamedCheckSeconds: 2 } });
      await ensureOrgPoller(h.temporal.client, h.org.orgId, h.temporal.config.taskQueue, 300);
      const streaming = await eventually(async () => (await getOrgChangeStream(h.store.db, h.org.orgId))?.detection, (d) => d === 'streaming', 30_000);
      if (streaming !== 'streaming') throw new Error('the org poller did not take up change events');
      const sf = await h.salesforceAs('streamed-user@acme.test');
      const created = await sf.sobject('Task').create({ Subject: 'Brought by a nudge', Status: 'Not Started', Priority: 'Normal' });
      if (!created.success) throw new Error('seed failed');
      const found = await eventually(async () => (await h.siaTasks(userId)).some((t) => t.name === 'Brought by a nudge'), (yes) => yes, 30_000);
      if (!found) throw new Error('the change event did not bring the Salesforce task to SIA');
      // The round it woke is over, the workflow waits for the next nudge and has looked again once.
      const handle = h.temporal.client.workflow.getHandle(salesforceSyncWorkflowId(userId));
      const looks = async () => ((await handle.fetchHistory()).events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'changeDetectionOf').length;
      if ((await eventually(looks, (n) => n > 0, 30_000)) === 0) throw new Error('the user never looked again');
      await eventually(async () => (await handle.describe()).raw.pendingActivities?.length ?? 0, (n) => n === 0);
      await h.save(userId, { taskSync: { mode: 'do_not_sync' } });
      await eventually(() => readSyncStatus(h.temporal.client, userId), (s) => s?.phase === 'idle');
      await h.temporal.client.workflow.getHandle(orgPollerWorkflowId(h.org.orgId)).terminate('recorded');
      return [{ workflowId: salesforceSyncWorkflowId(userId) }];
    },
  },
];

/** Waits until a run has no workflow task in flight, so its history ends at a stable point. */
async function settled(client: Client, workflowId: string, runId?: string): Promise<void> {
  const names = await eventually(
    async () => {
      const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
      return (history.events ?? []).map((e) => (e.eventType == null ? '' : temporal.api.enums.v1.EventType[e.eventType]));
    },
    (types) => types.includes('EVENT_TYPE_WORKFLOW_TASK_COMPLETED') && !/WORKFLOW_TASK_(SCHEDULED|STARTED)|ACTIVITY_TASK_(SCHEDULED|STARTED)/.test(types[types.length - 1] ?? ''),
  );
  if (!names.includes('EVENT_TYPE_WORKFLOW_TASK_COMPLETED')) throw new Error(`${workflowId} ${runId ?? ''} never completed a workflow task: ${names.join(', ')}`);
}

async function main(): Promise<void> {
  // Fixtures are encrypted with the development codec key, so the replay test can read them on any machine.
  delete process.env.TEMPORAL_CODEC_KEY;
  delete process.env.TEMPORAL_CODEC_PREVIOUS_KEYS;
  const args = process.argv.slice(2);
  const known = scenarios.map((s) => s.name);
  const unknown = args.filter((a) => a !== '--all' && !known.includes(a));
  if (args.length === 0 || unknown.length > 0) {
    process.stderr.write(
      `${unknown.length > 0 ? `Unknown scenario: ${unknown.join(', ')}. ` : ''}Name the scenarios to record, or --all: npm run record-histories -- <scenario…>\nScenarios: ${known.join(', ')}\n`,
    );
    process.exit(2);
  }
  const wanted = args.includes('--all') ? known : args;
  const outDir = join(__dirname, 'histories');
  mkdirSync(outDir, { recursive: true });
  const server = await startTemporalDevServer();
  process.env.TEMPORAL_ADDRESS = server.address;
  process.env.WORKFLOW_BUNDLE = await buildWorkflowBundle(join(outDir, '..', '..', 'lib', 'record-bundle.js'));
  const t = await startTestTemporal();
  try {
    for (const scenario of scenarios.filter((s) => wanted.includes(s.name))) {
      const atEnd: Array<() => Promise<void>> = [];
      const runs = await scenario.run(t.client, t.config.taskQueue, atEnd);
      // Workflow lists come newest first; run1 is the oldest.
      const names = fixtureNames(scenario.name, runs.length, readdirSync(outDir));
      for (const [i, run] of runs.entries()) {
        await settled(t.client, run.workflowId, run.runId);
        // The CLI's JSON is the canonical export format that historyFromJSON reads back.
        const json = execFileSync(ensureTemporalCli(), ['workflow', 'show', '--address', server.address, '--workflow-id', run.workflowId, '--run-id', run.runId ?? '', '--output', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        const history = JSON.parse(json) as { events: unknown[] };
        const file = join(outDir, names[runs.length - 1 - i] ?? '');
        // 'wx': a fixture already there is never written over.
        writeFileSync(file, JSON.stringify(history, null, 1) + '\n', { flag: 'wx' });
        process.stdout.write(`recorded ${file} (${history.events.length} events)\n`);
      }
      for (const stop of atEnd) await stop();
    }
  } finally {
    await t.stop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

import jsforce from 'jsforce';
import { performance } from 'node:perf_hooks';
import { nudgeSync } from '../../client/sync-workflow';
import { createTask, linksForSfTasks } from '../../store';
import { defaultPollConfig } from '../../sync/poll-schedule';
import type { Figure } from '../report';
import type { BenchStack } from '../stack';
import { spread } from '../stats';
import { seedOrg, sfTime, switchSyncOn, waitUntilImported, type BenchUser } from '../users';
import { sleep, waitFor } from '../wait';

/**
 * Propagation latency each way, with users "active" (a change seen in the last 5 minutes, so
 * the real schedule polls Salesforce every 30 s):
 * - SIA → SF: store write + nudge, until the Task with that SIA id exists in the emulator;
 * - SF → SIA: a jsforce create as the user, until the SIA task linked to it exists.
 * SF → SIA samples run in parallel on several users, each written at a random moment of its
 * poll cycle, so the samples spread over the interval as real edits would.
 */
export async function measureLatency(stack: BenchStack, samples: number, say: (line: string) => void): Promise<Figure[]> {
  const activeSeconds = defaultPollConfig.tiers[0]?.intervalSeconds ?? defaultPollConfig.floorSeconds;
  const pullers = Math.min(samples, 10);
  const now = stack.emulator.state.clock.now();
  // One recent task each: the first sync reads it, which marks the user active.
  const org = await seedOrg(stack, 'latency', pullers + 1, (owner) => [
    { sobject: 'Task', owner, fields: { Subject: 'Recent', Status: 'Not Started', Priority: 'Normal', CreatedDate: sfTime(now - 60_000), LastModifiedDate: sfTime(now - 60_000), SystemModstamp: sfTime(now - 60_000) } },
  ]);
  for (const u of org.users) await switchSyncOn(stack, u.id);
  for (const u of org.users) await waitUntilImported(stack, u.id, 5 * 60_000);
  const [pusher, ...pullUsers] = org.users as [BenchUser, ...BenchUser[]];

  say(`latency: ${samples} samples each way (SF → SIA on ${pullers} users in parallel, active poll every ${activeSeconds} s)…`);
  const [toSalesforce, toSia] = await Promise.all([
    siaToSalesforce(stack, org.orgId, pusher, samples),
    salesforceToSia(stack, pullUsers, samples, activeSeconds),
  ]);
  const a = spread(toSalesforce);
  const b = spread(toSia);
  const pushHow = `${a.n} tasks created in the store then nudged (as the API does), one after another; until the emulator holds a Task with that SIA_Task_Id__c (checked in-process every 5 ms); max ${a.max.toFixed(2)} s`;
  const pullHow = `${b.n} Tasks created through jsforce as the user, at random points of the poll cycle, ${pullers} users in parallel; until the SIA task linked to it exists in the store (checked every 50 ms); active poll interval ${activeSeconds} s (defaults), target = interval + 3 s; max ${b.max.toFixed(1)} s`;
  return [
    { key: 'latency', title: 'SIA → SF latency p50', value: a.p50, unit: 's', derivation: pushHow, details: { samples: toSalesforce } },
    { key: 'latency', title: 'SIA → SF latency p95', value: a.p95, unit: 's', target: { op: '<=', value: 0.5 }, derivation: 'same samples' },
    { key: 'latency', title: 'SF → SIA latency p50', value: b.p50, unit: 's', derivation: pullHow, details: { samples: toSia, activeIntervalSeconds: activeSeconds } },
    { key: 'latency', title: 'SF → SIA latency p95', value: b.p95, unit: 's', target: { op: '<=', value: activeSeconds + 3 }, derivation: 'same samples' },
  ];
}

async function siaToSalesforce(stack: BenchStack, orgId: string, user: BenchUser, samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const task = await createTask(stack.store.db, user.id, { name: `Latency out ${i}` });
    await nudgeSync(stack.client, user.id, { source: 'sia' });
    await waitFor(
      () => stack.emulator.state.store.findByExternalId(orgId, user.sfUserId, 'Task', 'SIA_Task_Id__c', task.id).length,
      (n) => n > 0,
      { timeoutMs: 120_000, intervalMs: 5, what: `task ${task.id} in Salesforce` },
    );
    out.push((performance.now() - started) / 1000);
    await sleep(300 + Math.random() * 700);
  }
  return out;
}

async function salesforceToSia(stack: BenchStack, users: readonly BenchUser[], samples: number, activeSeconds: number): Promise<number[]> {
  const out: number[] = [];
  let next = 0;
  await Promise.all(
    users.map(async (user) => {
      const conn = new jsforce.Connection({ oauth2: { loginUrl: stack.app.loginUrl, clientId: stack.app.clientId, clientSecret: stack.app.clientSecret }, version: stack.app.apiVersion });
      await conn.login(user.username, 'pw');
      while (next < samples) {
        const i = next++;
        await sleep(Math.random() * activeSeconds * 1000);
        const started = performance.now();
        const created = await conn.sobject('Task').create({ Subject: `Latency in ${i}`, Status: 'Not Started', Priority: 'Normal' });
        if (!created.success) throw new Error(`jsforce create failed: ${JSON.stringify(created)}`);
        await waitFor(() => linksForSfTasks(stack.store.db, user.id, [created.id]), (links) => links.size > 0, { timeoutMs: 10 * 60_000, intervalMs: 50, what: `Salesforce task ${created.id} in SIA` });
        out.push((performance.now() - started) / 1000);
      }
    }),
  );
  return out;
}

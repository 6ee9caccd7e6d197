/**
 * The replication resources through jsforce, emulator only: minutes and days passed with the
 * emulator's clock, deletions backdated, the recycle bin purged, another user, the id limit
 * lowered. Windows and listings on the real clock are in ../public-api/replication-*.test.ts.
 */
import type { Connection } from 'jsforce';
import { ALICE, BOB, login, rejection, startOrg, type TestOrg } from './helpers';

const MIN = 60_000;
const DAY = 86_400_000;
let t: TestOrg;
let alice: Connection;
let now: number;

beforeAll(async () => {
  t = await startOrg();
  // Pin the clock at hh:mm:30 so minute boundaries are known.
  const real = (await t.emulator.control.now()).nowMs;
  now = (await t.emulator.control.clock({ set: new Date(Math.floor(real / MIN) * MIN + 30_000).toISOString() })).nowMs;
  alice = await login(t.emulator, ALICE);
});
afterAll(() => t.emulator.close());

const at = (ms: number): string => new Date(ms).toISOString();
const sfMinute = (ms: number): string => new Date(Math.floor(ms / MIN) * MIN).toISOString().replace('Z', '+0000');

async function advance(ms: number): Promise<void> {
  now = (await t.emulator.control.advanceClock(ms)).nowMs;
}

describe('updated', () => {
  it('lists ids changed in the window; latestDateCovered is rounded down to the minute', async () => {
    const created = (await alice.sobject('Task').create({ Subject: 'repl 1' })) as { id: string };
    const start = now - 5 * MIN;
    await advance(2 * MIN);
    const res = await alice.sobject('Task').updated(at(start), at(now));
    expect(res.ids).toContain(created.id);
    expect(res.latestDateCovered).toBe(sfMinute(now));
    // The current minute is never covered: a change made now shows up on the next call.
    const late = (await alice.sobject('Task').create({ Subject: 'repl late' })) as { id: string };
    const again = await alice.sobject('Task').updated(at(start), at(now + 10 * MIN));
    expect(again.latestDateCovered).toBe(sfMinute(now));
    expect(again.ids).not.toContain(late.id);
    await advance(MIN);
    const next = await alice.sobject('Task').updated(again.latestDateCovered, at(now));
    expect(next.ids).toContain(late.id);
  });

  it('only lists records the user can see', async () => {
    const bob = await login(t.emulator, BOB);
    const res = await bob.sobject('Task').updated(at(now - 20 * MIN), at(now));
    expect(res.ids).toEqual([]);
  });

  it('over the id limit answers EXCEEDED_ID_LIMIT', async () => {
    await t.emulator.control.updateOrg(t.orgId, { replicationIdLimit: 1 });
    const err = await rejection(alice.sobject('Task').updated(at(now - 20 * MIN), at(now)));
    expect(err.errorCode).toBe('EXCEEDED_ID_LIMIT');
    await t.emulator.control.updateOrg(t.orgId, { replicationIdLimit: 600_000 });
  });
});

describe('deleted', () => {
  it('lists deletions with their date; a deletion backdated 10 days is still there, one 20 days back is purged', async () => {
    const [a, b, c] = ((await alice.sobject('Task').create([{ Subject: 'd a' }, { Subject: 'd b' }, { Subject: 'd c' }])) as { id: string }[]).map((r) => r.id);
    await alice.sobject('Task').destroy([a as string, b as string, c as string]);
    const deletedAt = Math.floor(now / 1000) * 1000;
    await advance(2 * MIN);
    const res = await alice.sobject('Task').deleted(at(now - 10 * MIN), at(now));
    expect(res.deletedRecords).toEqual(
      expect.arrayContaining([{ id: a, deletedDate: new Date(deletedAt).toISOString().replace('Z', '+0000') }]),
    );
    expect(res.latestDateCovered).toBe(sfMinute(now));

    await t.emulator.control.backdateDeletion(t.orgId, b as string, at(now - 10 * DAY));
    const tenDays = await alice.sobject('Task').deleted(at(now - 11 * DAY), at(now));
    expect(tenDays.deletedRecords.map((r) => r.id)).toEqual(expect.arrayContaining([a, b, c]));
    const inBin = await alice.query<{ Id: string }>(`SELECT Id FROM Task WHERE Id = '${b}'`, { scanAll: true });
    expect(inBin.totalSize).toBe(1);

    await t.emulator.control.backdateDeletion(t.orgId, c as string, at(now - 20 * DAY));
    const after = await alice.sobject('Task').deleted(at(now - 14 * DAY), at(now));
    expect(after.deletedRecords.map((r) => r.id)).not.toContain(c);
    expect(after.earliestDateAvailable).toBe(sfMinute(now - 20 * DAY + MIN));
    const gone = await alice.query(`SELECT Id FROM Task WHERE Id = '${c}'`, { scanAll: true });
    expect(gone.totalSize).toBe(0);
  });

  it('emptying the recycle bin moves earliestDateAvailable up', async () => {
    const { id } = (await alice.sobject('Task').create({ Subject: 'purge me' })) as { id: string };
    await alice.sobject('Task').destroy(id);
    await advance(2 * MIN);
    expect(await t.emulator.control.purgeRecycleBin(t.orgId, 'Task')).toBeGreaterThan(0);
    const res = await alice.sobject('Task').deleted(at(now - 10 * MIN), at(now));
    expect(res.deletedRecords).toEqual([]);
    expect(Date.parse(res.earliestDateAvailable.replace('+0000', 'Z'))).toBeGreaterThan(now - 3 * MIN);
  });

  it('the recycle bin keeps records 15 days, then they are gone for good', async () => {
    const { id } = (await alice.sobject('Task').create({ Subject: 'expire me' })) as { id: string };
    await alice.sobject('Task').destroy(id);
    await advance(14 * DAY);
    expect((await alice.query(`SELECT Id FROM Task WHERE Id = '${id}'`, { scanAll: true })).totalSize).toBe(1);
    await advance(DAY + MIN);
    expect((await alice.query(`SELECT Id FROM Task WHERE Id = '${id}'`, { scanAll: true })).totalSize).toBe(0);
    const err = await rejection(alice.sobject('Task').retrieve(id));
    expect(err.errorCode).toBe('NOT_FOUND');
  });
});

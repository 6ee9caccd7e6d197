import type { SfTask } from '../../sync/salesforce-mapping';
import type { TaskFields } from '../../sync/task-fields';
import { defaultArgs, killsOn, parseArgs } from './args';
import { chaosSchedule } from './chaos';
import { judge, observeSnapshot, UserModel, type Snapshot } from './model';
import { emptyTally } from './operations';
import { formatReport, heldSummary, problems, stalls, type SoakSummary } from './report';

const fields = (over: Partial<TaskFields> = {}): TaskFields => ({ name: 'Call Dana', details: null, dueDate: null, status: 'open', priority: 'normal', reminderAt: null, ...over });

function sfTask(id: string, f: TaskFields, over: Partial<SfTask> = {}): SfTask {
  return {
    Id: id,
    Subject: f.name,
    Status: f.status === 'complete' ? 'Completed' : 'Not Started',
    Priority: f.priority === 'high' ? 'High' : 'Normal',
    ActivityDate: f.dueDate,
    Description: f.details,
    IsReminderSet: f.reminderAt !== null,
    ReminderDateTime: f.reminderAt,
    IsClosed: f.status === 'complete',
    IsDeleted: false,
    OwnerId: '005x',
    SIA_Task_Id__c: null,
    SystemModstamp: '2026-01-01T00:00:00.000+0000',
    LastModifiedDate: '2026-01-01T00:00:00.000+0000',
    CreatedDate: '2026-01-01T00:00:00.000+0000',
    ...over,
  };
}

const siaTask = (id: string, f: TaskFields, deletedAt: string | null = null) => ({ id, deletedAt, ...f });

describe('soak flags', () => {
  it('reads every flag and keeps the defaults otherwise', () => {
    expect(parseArgs([])).toEqual(defaultArgs);
    const args = parseArgs(['--users', '50', '--minutes=10', '--workers', '3', '--seed', '7', '--kill-every', '20-40', '--no-faults', '--converge-minutes', '9']);
    expect(args).toMatchObject({ users: 50, minutes: 10, workers: 3, seed: 7, killEvery: [20, 40], faults: false, convergeMinutes: 9, store: 'postgres' });
    expect(killsOn(parseArgs(['--no-kills']))).toBe(false);
  });

  it('refuses what cannot run', () => {
    expect(() => parseArgs(['--store', 'sqlite', '--workers', '2'])).toThrow(/one worker/);
    expect(parseArgs(['--store', 'sqlite', '--workers', '1']).store).toBe('sqlite');
    expect(() => parseArgs(['--users', '0'])).toThrow(/--users/);
    expect(() => parseArgs(['--kill-every', '60-30'])).toThrow(/--kill-every/);
    expect(() => parseArgs(['--frobnicate'])).toThrow(/unknown flag/);
  });
});

describe('chaos schedule', () => {
  it('kills every A–B seconds within the window and restarts once in its middle', () => {
    let i = 0;
    const random = () => [0, 0.5, 1, 0.5][i++ % 4]!;
    const events = chaosSchedule(random, { killEvery: [30, 60], temporalRestart: true, from: 0, until: 120_000 });
    const kills = events.filter((e) => e.what === 'kill').map((e) => e.at);
    expect(kills).toEqual([30_000, 75_000]);
    const restart = events.find((e) => e.what === 'restart')!;
    expect(restart.at).toBeGreaterThanOrEqual(0.35 * 120_000);
    expect(restart.at).toBeLessThanOrEqual(0.65 * 120_000);
    expect(chaosSchedule(random, { killEvery: [Infinity, Infinity], temporalRestart: false, from: 0, until: 120_000 })).toEqual([]);
  });
});

/** One task on both sides, linked, agreed on `f` (the link's synced state) unless told otherwise. */
function pair(siaId: string, sfId: string, f: TaskFields, synced: TaskFields = f): Snapshot {
  return { sia: [siaTask(siaId, f)], sf: [sfTask(sfId, f, { SIA_Task_Id__c: siaId })], links: [{ siaTaskId: siaId, sfTaskId: sfId, synced }] };
}

function merged(...snapshots: Snapshot[]): Snapshot {
  return { sia: snapshots.flatMap((x) => x.sia), sf: snapshots.flatMap((x) => x.sf), links: snapshots.flatMap((x) => x.links) };
}

const cleanVerdict = { unequal: [], lost: [], duplicated: [], suspects: [] };

describe('the model of what people did', () => {
  it('passes two equal sides that hold every change', () => {
    const model = new UserModel();
    model.created('sia', 's1', fields(), 1000);
    const edit = model.changed(model.taskBySia('s1')!, 'sia', 'edit', { name: 'Call Ravi' }, fields(), 2000);
    expect(edit?.values).toEqual({ name: 'Call Ravi' });
    model.created('sf', 'f2', fields({ name: 'Quote' }), 1500);
    const snapshot = merged(pair('s1', 'f1', fields({ name: 'Call Ravi' })), { ...pair('s2', 'f2', fields({ name: 'Quote' })), sf: [sfTask('f2', fields({ name: 'Quote' }))] });
    observeSnapshot(model, snapshot, 5000);
    expect(judge(model, snapshot)).toEqual(cleanVerdict);
    expect(model.writes().map((w) => [w.kind, w.state, w.arrivedAt])).toEqual([
      // Its name was replaced by the edit before it arrived; its other fields arrived with it.
      ['create', 'arrived', 5000],
      ['edit', 'arrived', 5000],
      ['create', 'arrived', 5000],
    ]);
  });

  it('finds a lost edit, a lost deletion, a duplicate and a task on one side only', () => {
    const model = new UserModel();
    model.created('sia', 's1', fields(), 1000);
    model.created('sia', 's2', fields({ name: 'Gone' }), 1000);
    model.changed(model.taskBySia('s1')!, 'sia', 'edit', { priority: 'high' }, fields(), 2000);
    model.deletedBy(model.taskBySia('s2')!, 'sia', 3000);
    model.created('sf', 'f3', fields({ name: 'Lonely' }), 1000);
    const snapshot = merged(pair('s1', 'f1', fields()), pair('s2', 'f2', fields({ name: 'Gone' })), {
      sia: [],
      sf: [sfTask('f1b', fields(), { SIA_Task_Id__c: 's1' }), sfTask('f3', fields({ name: 'Lonely' }))],
      links: [],
    });
    observeSnapshot(model, snapshot, 5000);
    const verdict = judge(model, snapshot);
    expect(verdict.lost).toEqual([
      expect.stringContaining('priority is "normal", expected "high"'),
      expect.stringContaining('deleted, yet live in SIA and Salesforce'),
      expect.stringContaining('alive, yet missing in SIA'),
    ]);
    expect(verdict.suspects).toEqual([0, 1, 2]);
    expect(verdict.duplicated).toEqual([expect.stringContaining('2 live Salesforce tasks for SIA task s1'), expect.stringContaining('live Salesforce task f1b')]);
    expect(verdict.unequal).toEqual([expect.stringContaining('Salesforce task f1b'), expect.stringContaining('Salesforce task f3')]);
  });

  it('accepts either value of a field changed on both sides before either arrived, and only those', () => {
    const model = new UserModel();
    model.created('sia', 's1', fields(), 1000);
    const task = model.taskBySia('s1')!;
    observeSnapshot(model, pair('s1', 'f1', fields()), 1500);
    model.changed(task, 'sia', 'edit', { name: 'A' }, fields(), 2000);
    model.changed(task, 'sf', 'edit', { name: 'B', details: 'x' }, fields(), 2100);
    expect(task.acceptable.name).toEqual(['B', 'A']);
    expect(task.acceptable.details).toEqual(['x']);
    const end = (name: string, details: string | null) => pair('s1', 'f1', fields({ name, details }));
    expect(judge(model, end('A', 'x')).lost).toEqual([]);
    expect(judge(model, end('B', 'x')).lost).toEqual([]);
    expect(judge(model, end('Call Dana', 'x')).lost).toHaveLength(1);
    expect(judge(model, end('A', null)).lost).toHaveLength(1);
  });

  it('does not take a value a person wrote on the other side too for an arrival: the sync has not merged them yet', () => {
    const model = new UserModel();
    model.created('sia', 's1', fields(), 1000);
    const task = model.taskBySia('s1')!;
    observeSnapshot(model, pair('s1', 'f1', fields()), 1500);
    // SIA completes; before the sync carries it, Salesforce completes too, then reopens.
    model.changed(task, 'sia', 'complete', { status: 'complete' }, fields(), 2000);
    model.changed(task, 'sf', 'complete', { status: 'complete' }, fields(), 2100);
    // Both sides show complete, but the link still agrees on open: nothing has arrived.
    observeSnapshot(model, pair('s1', 'f1', fields({ status: 'complete' }), fields()), 2200);
    expect(model.writes().map((w) => w.state)).toEqual(['arrived', 'pending', 'pending']);
    model.changed(task, 'sf', 'reopen', { status: 'open' }, fields({ status: 'complete' }), 2300);
    // The merge may keep SIA's completion (its record changed later) or the reopening.
    expect(task.acceptable.status).toEqual(['open', 'complete']);
    expect(judge(model, pair('s1', 'f1', fields({ status: 'complete' }))).lost).toEqual([]);
  });

  it('counts a change as arrived once the other side shows it, even before the link does, and then holds later changes to it exactly', () => {
    const model = new UserModel();
    model.created('sia', 's1', fields(), 1000);
    const task = model.taskBySia('s1')!;
    observeSnapshot(model, pair('s1', 'f1', fields()), 1500);
    model.changed(task, 'sia', 'edit', { priority: 'high' }, fields(), 2000);
    // Only the sync can have put it there; its link may not say so yet (a write whose answer was lost).
    observeSnapshot(model, pair('s1', 'f1', fields({ priority: 'high' }), fields()), 2500);
    expect(model.writes()[1]).toMatchObject({ state: 'arrived', arrivedAt: 2500 });
    model.changed(task, 'sf', 'edit', { priority: 'normal' }, fields({ priority: 'high' }), 3000);
    expect(task.acceptable.priority).toEqual(['normal']);
    // Salesforce's later change overwritten with SIA's older one is a loss.
    expect(judge(model, pair('s1', 'f1', fields({ priority: 'high' }))).lost).toEqual([expect.stringContaining('priority is "high", expected "normal"')]);
  });

  it('lets a deletion made against a pending edit end either way, and counts a no-op as no change', () => {
    const model = new UserModel();
    model.created('sia', 's1', fields(), 1000);
    const task = model.taskBySia('s1')!;
    observeSnapshot(model, pair('s1', 'f1', fields()), 1500);
    expect(model.changed(task, 'sf', 'edit', { priority: 'normal' }, fields(), 1800)).toBeUndefined();
    const edit = model.changed(task, 'sf', 'edit', { priority: 'high' }, fields(), 2000);
    expect(model.waiting()).toEqual([edit]);
    const deletion = model.deletedBy(task, 'sia', 2100);
    expect(task.deleted).toEqual([true, false]);
    expect(model.alive(task)).toBe(false);
    // The edit may lose to the deletion: only the deletion is sure to be on its way.
    expect(model.waiting()).toEqual([deletion]);
    const gone: Snapshot = { sia: [siaTask('s1', fields(), '2026-01-01T00:00:00.000Z')], sf: [sfTask('f1', fields({ priority: 'high' }), { SIA_Task_Id__c: 's1', IsDeleted: true })], links: [] };
    expect(judge(model, gone)).toEqual(cleanVerdict);
    expect(judge(model, pair('s1', 'f1', fields({ priority: 'high' })))).toEqual(cleanVerdict);
  });
});

describe('the report', () => {
  const base = (over: Partial<SoakSummary> = {}): SoakSummary => ({
    command: 'npm run soak',
    setting: '2 users',
    operationsSeconds: 120,
    startedAt: 0,
    tally: emptyTally(),
    failures: [],
    writes: [],
    kills: 1,
    restarts: 1,
    faults: { 'server errors (503)': 3, 'lost answers': 2, 'locked rows': 1, 'expired sessions': 4 },
    faultWindows: 2,
    stalls: [],
    stallWindowSeconds: 15,
    convergeBoundSeconds: 300,
    convergedSeconds: 12,
    lost: [],
    duplicated: [],
    unequal: [],
    failedWorkflows: [],
    notRunning: [],
    openErrors: 0,
    errorsWithoutCause: [],
    endedAt: 200_000,
    ...over,
  });

  it('passes a clean run and fails on any loss, duplicate, failed workflow or late convergence', () => {
    expect(problems(base())).toEqual([]);
    expect(formatReport(base())).toContain('PASS');
    expect(problems(base({ lost: ['u: x'] }))).toEqual(['1 change(s) lost']);
    expect(problems(base({ duplicated: ['u: x'] }))).toEqual(['1 duplicate(s)']);
    expect(problems(base({ failedWorkflows: ['w'] }))).toHaveLength(1);
    expect(problems(base({ convergedSeconds: null }))).toEqual(['no convergence within 5 min']);
    expect(formatReport(base({ lost: ['u: task 3 lost'] }))).toMatch(/lost:\n {2}u: task 3 lost[\s\S]*FAIL: 1 change\(s\) lost/);
  });

  it('takes the slowest change around each kill as its stall, counting one still on its way until the end', () => {
    const write = (at: number, arrivedAt: number | undefined, state: 'arrived' | 'pending' | 'superseded') => ({ side: 'sia' as const, kind: 'edit' as const, task: 0, at, values: {}, state, arrivedAt });
    const writes = [
      { user: 'a', writes: [write(10_000, 12_000, 'arrived'), write(95_000, 96_000, 'arrived')] },
      { user: 'b', writes: [write(20_000, 80_000, 'arrived'), write(21_000, undefined, 'superseded'), write(100_000, undefined, 'pending')] },
    ];
    const [first, second] = stalls(
      [
        { what: 'kill 1', at: 15_000, recoveryMs: 4000 },
        { what: 'kill 2', at: 100_000, recoveryMs: 4000 },
      ],
      writes,
      15_000,
      200_000,
    );
    expect(first).toMatchObject({ changes: 2, longestMs: 60_000, user: 'b', neverArrived: 0 });
    expect(second).toMatchObject({ changes: 2, longestMs: 100_000, user: 'b', neverArrived: 1 });
  });

  it('takes the slowest of the users a killed worker held to sync again, one not synced at all over any', () => {
    expect(heldSummary([])).toEqual({ users: 0, longestMs: null, user: null });
    const synced = [
      { user: 'a', activity: 'watchForChanges', syncedAfterMs: 12_000 },
      { user: 'b', activity: 'pushSiaChanges', syncedAfterMs: 21_000 },
      { user: 'a', activity: 'pullSalesforceChanges', syncedAfterMs: 9_000 },
    ];
    expect(heldSummary(synced)).toEqual({ users: 2, longestMs: 21_000, user: 'b' });
    expect(heldSummary([...synced, { user: 'c', activity: 'watchForChanges', syncedAfterMs: null }])).toEqual({ users: 3, longestMs: null, user: 'c' });
  });
});

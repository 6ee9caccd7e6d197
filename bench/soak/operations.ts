import { fromSalesforce, type SfTask } from '../../sync/salesforce-mapping';
import type { TaskFieldName, TaskFields } from '../../sync/task-fields';
import { sleep } from '../wait';
import { allLinks } from '../../store';
import { bindIds, observeSide, siaFields, type Side, type WriteKind } from './model';
import { callApi, type SoakUser } from './users';
import type { SoakStack } from './stack';

/**
 * The people: per user, seeded random creates, edits, completions, reopenings and deletions, on
 * SIA through the API's tasks routes (which nudge the sync) and on Salesforce through jsforce as
 * the user. Each reads its own side first, as a person looks before editing, and records what it
 * wrote in the user's model.
 */

export type Outcome = WriteKind | 'unchanged' | 'refused';
export type Tally = Record<Side, Record<Outcome | 'failed', number>>;

export function emptyTally(): Tally {
  const row = () => ({ create: 0, edit: 0, complete: 0, reopen: 0, delete: 0, unchanged: 0, refused: 0, failed: 0 });
  return { sia: row(), sf: row() };
}

export interface People {
  tally: Tally;
  /** Operations that failed for a reason other than the record being gone (kept for the report). */
  failures: string[];
}

type Random = () => number;

const words = ['call', 'email', 'Dana', 'Acme', 'renewal', 'demo', 'pricing', 'follow up', 'contract', 'lunch', 'quote', 'Ravi'];
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const phrase = (random: Random) => `${pick(random, words)} ${pick(random, words)} ${Math.floor(random() * 10_000)}`;
const day = (random: Random) => `2027-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
const instant = (random: Random) => new Date(Date.UTC(2027, Math.floor(random() * 12), 1 + Math.floor(random() * 28), Math.floor(random() * 24), Math.floor(random() * 60))).toISOString();

/** Which operation: a create when there is nothing to touch, else by weight. */
function chooseKind(random: Random, hasTasks: boolean): WriteKind {
  const roll = random();
  if (!hasTasks || roll < 0.25) return 'create';
  if (roll < 0.62) return 'edit';
  if (roll < 0.8) return 'complete';
  if (roll < 0.85) return 'reopen';
  return 'delete';
}

interface ApiTask extends TaskFields {
  id: string;
}

/** A record gone (deleted by the sync meanwhile) refuses the write; that is a person's race, not a failure. */
const goneCodes = new Set(['ENTITY_IS_DELETED', 'NOT_FOUND', 'INVALID_CROSS_REFERENCE_KEY']);

async function siaOperation(stack: SoakStack, user: SoakUser, random: Random): Promise<Outcome> {
  const call = (method: string, path: string, body?: unknown) => callApi(stack.api.url, method, path, { token: user.token, body });
  const listed = await call('GET', '/api/tasks');
  if (listed.status !== 200) throw new Error(`GET /api/tasks: HTTP ${listed.status} ${JSON.stringify(listed.body)}`);
  const live = (listed.body as { tasks: ApiTask[] }).tasks;
  const model = user.model;
  const links = await allLinks(stack.store.db, user.id);
  bindIds(model, links, []);
  observeSide(model, 'sia', new Map(live.map((t) => [t.id, { live: true, fields: siaFields(t) }])), links, Date.now());

  const candidates = live.flatMap((t) => {
    const task = model.taskBySia(t.id);
    return task && model.alive(task) ? [{ task, current: t }] : [];
  });
  let kind = chooseKind(random, candidates.length > 0);
  if (kind === 'create') {
    const body = {
      name: phrase(random),
      ...(random() < 0.5 ? { details: phrase(random) } : {}),
      ...(random() < 0.7 ? { dueDate: day(random) } : {}),
      priority: random() < 0.3 ? 'high' : 'normal',
      ...(random() < 0.3 ? { reminderAt: instant(random) } : {}),
    };
    const answer = await call('POST', '/api/tasks', body);
    if (answer.status !== 201) throw new Error(`POST /api/tasks: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    const task = answer.body as ApiTask;
    model.created('sia', task.id, siaFields(task), Date.now());
    return 'create';
  }
  const { task, current } = pick(random, candidates);
  const before = siaFields(current);
  const path = `/api/tasks/${encodeURIComponent(current.id)}`;
  if (kind === 'delete') {
    const answer = await call('DELETE', path);
    if (answer.status === 404) return 'refused';
    if (answer.status !== 204) throw new Error(`DELETE ${path}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    model.deletedBy(task, 'sia', Date.now());
    return 'delete';
  }
  let answer;
  let fields: TaskFieldName[];
  if (kind === 'edit') {
    fields = editFields(random);
    const patch: Partial<Record<TaskFieldName, unknown>> = {};
    for (const f of fields) patch[f] = newValue(random, f);
    answer = await call('PATCH', path, patch);
  } else {
    kind = before.status === 'complete' ? 'reopen' : 'complete';
    fields = ['status'];
    answer = await call('POST', `${path}/${kind}`);
  }
  if (answer.status === 404) return 'refused';
  if (answer.status !== 200) throw new Error(`${kind} ${path}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  const after = siaFields(answer.body as ApiTask);
  const write = model.changed(task, 'sia', kind, Object.fromEntries(fields.map((f) => [f, after[f]])), before, Date.now());
  return write ? kind : 'unchanged';
}

function editFields(random: Random): TaskFieldName[] {
  const all: TaskFieldName[] = ['name', 'details', 'dueDate', 'priority', 'reminderAt'];
  const first = pick(random, all);
  const second = random() < 0.3 ? pick(random, all) : first;
  return [...new Set([first, second])];
}

function newValue(random: Random, field: TaskFieldName): unknown {
  switch (field) {
    case 'name':
      return phrase(random);
    case 'details':
      return random() < 0.2 ? null : phrase(random);
    case 'dueDate':
      return random() < 0.2 ? null : day(random);
    case 'priority':
      return random() < 0.5 ? 'high' : 'normal';
    case 'reminderAt':
      return random() < 0.3 ? null : instant(random);
    case 'status':
      return random() < 0.5 ? 'complete' : 'open';
  }
}

/** What a Salesforce write of `field` sends: the Task fields that carry it. */
function salesforcePatch(random: Random, field: TaskFieldName): Record<string, unknown> {
  switch (field) {
    case 'name':
      return { Subject: phrase(random) };
    case 'details':
      return { Description: random() < 0.2 ? null : phrase(random) };
    case 'dueDate':
      return { ActivityDate: random() < 0.2 ? null : day(random) };
    case 'priority':
      return { Priority: pick(random, ['High', 'Normal', 'Low']) };
    case 'reminderAt':
      return random() < 0.3 ? { IsReminderSet: false, ReminderDateTime: null } : { IsReminderSet: true, ReminderDateTime: instant(random).replace('Z', '+0000') };
    case 'status':
      return { Status: pick(random, ['Not Started', 'In Progress', 'Completed']) };
  }
}

async function sfRecords(stack: SoakStack, user: SoakUser): Promise<SfTask[]> {
  return (await stack.emulator.control.records(user.orgId, 'Task')) as unknown as SfTask[];
}

async function sfOperation(stack: SoakStack, user: SoakUser, random: Random): Promise<Outcome> {
  const model = user.model;
  const [records, links] = await Promise.all([sfRecords(stack, user), allLinks(stack.store.db, user.id)]);
  bindIds(model, links, records);
  observeSide(model, 'sf', new Map(records.map((r) => [r.Id, { live: true, fields: fromSalesforce(r) }])), links, Date.now());
  const candidates = records.flatMap((r) => {
    const task = model.taskBySf(r.Id);
    return task && model.alive(task) ? [{ task, current: r }] : [];
  });
  let kind = chooseKind(random, candidates.length > 0);
  const tasks = user.sf.sobject('Task');
  try {
    if (kind === 'create') {
      const fields: Record<string, unknown> = {
        Subject: phrase(random),
        Status: pick(random, ['Not Started', 'In Progress']),
        Priority: pick(random, ['High', 'Normal', 'Low']),
        ...(random() < 0.7 ? { ActivityDate: day(random) } : {}),
        ...(random() < 0.5 ? { Description: phrase(random) } : {}),
        ...(random() < 0.3 ? { IsReminderSet: true, ReminderDateTime: instant(random).replace('Z', '+0000') } : {}),
      };
      const created = await tasks.create(fields);
      if (!created.success) throw new Error(`jsforce create: ${JSON.stringify(created)}`);
      const record = (await sfRecords(stack, user)).find((r) => r.Id === created.id);
      if (!record) throw new Error(`Salesforce task ${created.id} is not there right after its create`);
      model.created('sf', record.Id, fromSalesforce(record), Date.now());
      return 'create';
    }
    const { task, current } = pick(random, candidates);
    if (kind === 'delete') {
      await tasks.destroy(current.Id);
      model.deletedBy(task, 'sf', Date.now());
      return 'delete';
    }
    const before = fromSalesforce(current);
    let fields: TaskFieldName[];
    let patch: Record<string, unknown>;
    if (kind === 'edit') {
      fields = editFields(random);
      patch = Object.assign({}, ...fields.map((f) => salesforcePatch(random, f))) as Record<string, unknown>;
    } else {
      kind = before.status === 'complete' ? 'reopen' : 'complete';
      fields = ['status'];
      patch = { Status: kind === 'complete' ? 'Completed' : pick(random, ['Not Started', 'In Progress']) };
    }
    await tasks.update({ Id: current.Id, ...patch });
    const record = (await sfRecords(stack, user)).find((r) => r.Id === current.Id);
    // Deleted by the sync right after the write: the write happened, on a task on its way out.
    if (!record) return 'refused';
    const after = fromSalesforce(record);
    const write = model.changed(task, 'sf', kind, Object.fromEntries(fields.map((f) => [f, after[f]])), before, Date.now());
    return write ? kind : 'unchanged';
  } catch (error) {
    const code = (error as { errorCode?: string; name?: string }).errorCode ?? (error as Error).name;
    if (goneCodes.has(code)) return 'refused';
    throw error;
  }
}

/**
 * One person pair per user until `until` (ms) or `stopped()`: an operation on a random side
 * every `opSeconds` on average.
 */
export async function runPeople(stack: SoakStack, users: readonly SoakUser[], randoms: readonly Random[], options: { opSeconds: number; until: number; stopped: () => boolean }): Promise<People> {
  const people: People = { tally: emptyTally(), failures: [] };
  await Promise.all(
    users.map(async (user, i) => {
      const random = randoms[i]!;
      for (;;) {
        await sleep((0.5 + random()) * options.opSeconds * 1000);
        if (Date.now() >= options.until || options.stopped()) return;
        const side: Side = random() < 0.5 ? 'sia' : 'sf';
        try {
          const outcome = side === 'sia' ? await siaOperation(stack, user, random) : await sfOperation(stack, user, random);
          people.tally[side][outcome] += 1;
        } catch (error) {
          people.tally[side].failed += 1;
          people.failures.push(`${user.id} ${side === 'sia' ? 'SIA' : 'Salesforce'}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }),
  );
  return people;
}

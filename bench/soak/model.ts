import { fromSalesforce, type SfTask } from '../../sync/salesforce-mapping';
import { normalizeTaskFields, taskFieldNames, type TaskFieldName, type TaskFields } from '../../sync/task-fields';

/**
 * What the soak's people did, and what must therefore be true at the end. Pure: the run feeds
 * it what it wrote and what it read; unit-tested in soak.test.ts.
 *
 * Every task the people made is a logical task, known by its SIA id, its Salesforce id or both.
 * A write sets some fields on one side. It has *arrived* once the other side shows those values;
 * until then it is pending. A write made while the other side has a pending write to the same
 * field is a conflict: the sync's three-way merge lets the later *record* win, so either value is
 * an acceptable end. Every other field must end exactly as its last write left it, on both sides.
 * A deletion made while the other side has a pending edit may end either way (an edit after a
 * deletion brings the task back); any other deletion must hold. People only touch tasks that are
 * surely alive, as a person only edits what they see.
 */

export type Side = 'sia' | 'sf';
export type WriteKind = 'create' | 'edit' | 'complete' | 'reopen' | 'delete';
export const writeKinds: readonly WriteKind[] = ['create', 'edit', 'complete', 'reopen', 'delete'];

export interface Write {
  side: Side;
  kind: WriteKind;
  task: number;
  /** When the write was answered (ms). */
  at: number;
  /** SIA-terms values it set (every field for a create; none for a delete). */
  values: Partial<TaskFields>;
  /**
   * superseded: replaced on its own side before it arrived; moot: had nothing to reach at the
   * end (its task ended deleted, or never existed on the other side, or the merge kept the other
   * side's value of a field changed on both).
   */
  state: 'pending' | 'arrived' | 'superseded' | 'moot';
  /** When the other side was first seen showing it. */
  arrivedAt?: number;
}

type Acceptable = { [F in TaskFieldName]: Array<TaskFields[F]> };

export interface LogicalTask {
  key: number;
  siaId?: string;
  sfId?: string;
  /** Values each field may end with. */
  acceptable: Acceptable;
  /** Whether it may end deleted: [false], [true], or both after a conflict. */
  deleted: boolean[];
  /** Per side, per field (and the deletion), the latest write that has not arrived yet. */
  pending: Record<Side, Map<TaskFieldName | 'deleted', Write>>;
  writes: Write[];
}

/** One side's current state of a task: absent when the side never had it (or its id is unknown). */
export interface View {
  live: boolean;
  fields: TaskFields;
}

export const otherSide = (side: Side): Side => (side === 'sia' ? 'sf' : 'sia');

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export class UserModel {
  readonly tasks: LogicalTask[] = [];
  private readonly bySia = new Map<string, LogicalTask>();
  private readonly bySf = new Map<string, LogicalTask>();

  taskBySia(id: string): LogicalTask | undefined {
    return this.bySia.get(id);
  }

  taskBySf(id: string): LogicalTask | undefined {
    return this.bySf.get(id);
  }

  /** Ties an id to a task (the sync made its counterpart, or re-made it under a new id). */
  bind(task: LogicalTask, side: Side, id: string): void {
    const map = side === 'sia' ? this.bySia : this.bySf;
    const current = side === 'sia' ? task.siaId : task.sfId;
    if (current === id) return;
    if (map.get(id) && map.get(id) !== task) return;
    if (current !== undefined && map.get(current) === task) map.delete(current);
    if (side === 'sia') task.siaId = id;
    else task.sfId = id;
    map.set(id, task);
  }

  /** A task a person just created on `side`, with what that side holds now. */
  created(side: Side, id: string, fields: TaskFields, at: number): Write {
    const values = normalizeTaskFields(fields);
    const acceptable = Object.fromEntries(taskFieldNames.map((f) => [f, [values[f]]])) as Acceptable;
    const task: LogicalTask = { key: this.tasks.length, acceptable, deleted: [false], pending: { sia: new Map(), sf: new Map() }, writes: [] };
    this.tasks.push(task);
    this.bind(task, side, id);
    const write: Write = { side, kind: 'create', task: task.key, at, values, state: 'pending' };
    task.writes.push(write);
    for (const f of taskFieldNames) task.pending[side].set(f, write);
    return write;
  }

  /**
   * A write a person made to a live task on `side`: the fields it set, as that side shows them
   * after it. Returns undefined when it changed nothing (a no-op is not a change).
   */
  changed(task: LogicalTask, side: Side, kind: Exclude<WriteKind, 'create' | 'delete'>, values: Partial<TaskFields>, before: TaskFields, at: number): Write | undefined {
    const fields = taskFieldNames.filter((f) => f in values && !same(values[f], before[f]));
    if (fields.length === 0) return undefined;
    const kept = Object.fromEntries(fields.map((f) => [f, values[f]])) as Partial<TaskFields>;
    const write: Write = { side, kind, task: task.key, at, values: kept, state: 'pending' };
    task.writes.push(write);
    const other = task.pending[otherSide(side)];
    for (const f of fields) {
      const theirs = other.get(f);
      const mine = kept[f];
      // A field set on both sides before either arrived: the merge may keep either.
      const candidates = theirs ? [mine, theirs.values[f]] : [mine];
      (task.acceptable as Record<TaskFieldName, unknown[]>)[f] = candidates.filter((v, i) => candidates.findIndex((w) => same(v, w)) === i);
      this.supersede(task, side, f);
      task.pending[side].set(f, write);
    }
    return write;
  }

  deletedBy(task: LogicalTask, side: Side, at: number): Write {
    const write: Write = { side, kind: 'delete', task: task.key, at, values: {}, state: 'pending' };
    task.writes.push(write);
    const otherEdits = taskFieldNames.some((f) => task.pending[otherSide(side)].has(f));
    task.deleted = otherEdits ? [true, false] : [true];
    for (const f of taskFieldNames) this.supersede(task, side, f);
    task.pending[side].set('deleted', write);
    return write;
  }

  private supersede(task: LogicalTask, side: Side, field: TaskFieldName | 'deleted'): void {
    this.retire(task, side, field, 'superseded');
  }

  /** The side's pending write to the field no longer waits for it; with no field left it is done. */
  private retire(task: LogicalTask, side: Side, field: TaskFieldName | 'deleted', state: 'superseded' | 'moot'): void {
    const pending = task.pending[side];
    const previous = pending.get(field);
    if (!previous) return;
    pending.delete(field);
    if (![...pending.values()].includes(previous)) previous.state = state;
  }

  /**
   * `side` shows `view` of the task now (undefined: no such record, never made or gone), and the
   * task's link holds `synced`, the state both sides last agreed on (undefined: no link). The
   * other side's pending writes have arrived when the view shows their values; where a person on
   * this side wrote the same value and it has not arrived either, the view proves nothing (the
   * three-way merge still sees two changes) and only the link agreeing does. Once a write arrived,
   * this side's own pending write of another value to the same field lost the merge: moot.
   */
  observe(task: LogicalTask, side: Side, view: View | undefined, synced: TaskFields | undefined, now: number): void {
    const from = otherSide(side);
    const pending = task.pending[from];
    for (const write of new Set(pending.values())) {
      const fields = [...pending.entries()].filter(([, w]) => w === write).map(([f]) => f);
      let arrived: boolean;
      if (write.kind === 'delete') {
        const knownThere = side === 'sia' ? task.siaId !== undefined : task.sfId !== undefined;
        arrived = knownThere && (view === undefined || !view.live);
      } else {
        arrived =
          view !== undefined &&
          view.live &&
          fields.every((f) => {
            if (f === 'deleted' || !same(view.fields[f], write.values[f])) return false;
            // This side's own pending write of the same value would show the same: only the link tells then.
            const own = task.pending[side].get(f);
            return !own || !same(own.values[f], write.values[f]) || (synced !== undefined && same(synced[f], write.values[f]));
          });
      }
      if (!arrived) continue;
      write.state = 'arrived';
      write.arrivedAt = now;
      for (const f of fields) {
        pending.delete(f);
        const overwritten = task.pending[side].get(f);
        if (f !== 'deleted' && overwritten && !same(overwritten.values[f], write.values[f])) this.retire(task, side, f, 'moot');
      }
    }
  }

  /** Whether people may still touch it: alive for sure. */
  alive(task: LogicalTask): boolean {
    return task.deleted.length === 1 && task.deleted[0] === false;
  }

  /**
   * At the end, after both sides were judged: pending writes that had nothing left to reach
   * become moot; what stays pending never arrived although it should have.
   */
  settle(snapshot: Snapshot): void {
    const siaLive = new Set(snapshot.sia.filter((t) => t.deletedAt === null).map((t) => t.id));
    const sfLive = new Set(snapshot.sf.filter((r) => !r.IsDeleted).map((r) => r.Id));
    for (const task of this.tasks) {
      const live = (task.siaId !== undefined && siaLive.has(task.siaId)) || (task.sfId !== undefined && sfLive.has(task.sfId));
      for (const side of ['sia', 'sf'] as const) {
        const pending = task.pending[side];
        for (const [field, write] of [...pending.entries()]) {
          const otherKnown = side === 'sia' ? task.sfId !== undefined : task.siaId !== undefined;
          const mergedAway = field !== 'deleted' && task.acceptable[field].length > 1;
          if (!live || !otherKnown || mergedAway) {
            pending.delete(field);
            if (![...pending.values()].includes(write)) write.state = 'moot';
          }
        }
      }
    }
  }

  /**
   * Pending writes still expected on the other side: not in a conflict the merge may settle either
   * way, not a deletion of what the other side never had, not an edit of a task someone deleted
   * since (the delete may win and make it moot).
   */
  waiting(): Write[] {
    return this.tasks.flatMap((task) =>
      (['sia', 'sf'] as const).flatMap((side) => {
        const otherKnown = side === 'sia' ? task.sfId !== undefined : task.siaId !== undefined;
        const expected = [...task.pending[side].entries()].filter(([f]) => (f === 'deleted' ? otherKnown : task.acceptable[f].length === 1 && this.alive(task))).map(([, w]) => w);
        return [...new Set(expected)];
      }),
    );
  }

  writes(): Write[] {
    return this.tasks.flatMap((t) => t.writes);
  }
}

/** One user's two sides as read at one moment. */
export interface Snapshot {
  /** Every SIA task of the user, deleted ones included. */
  sia: Array<TaskFields & { id: string; deletedAt: string | null }>;
  /** Every Salesforce Task of the user, deleted ones (recycle bin) included. */
  sf: SfTask[];
  links: Array<{ siaTaskId: string; sfTaskId: string; synced: TaskFields }>;
}

export function siaFields(task: TaskFields): TaskFields {
  const { name, details, dueDate, status, priority, reminderAt } = task;
  return normalizeTaskFields({ name, details, dueDate, status, priority, reminderAt });
}

type Link = Snapshot['links'][number];

/**
 * Ties the ids the sync made to the tasks people made: through the store's links, and a
 * Salesforce task's external id (the SIA task it was created from; a live one counts over one in
 * the recycle bin).
 */
export function bindIds(model: UserModel, links: readonly Link[], sfRecords: readonly SfTask[]): void {
  const linkBySia = new Map(links.map((l) => [l.siaTaskId, l.sfTaskId]));
  const linkBySf = new Map(links.map((l) => [l.sfTaskId, l.siaTaskId]));
  const byExternalId = new Map(
    [...sfRecords]
      .filter((r) => r.SIA_Task_Id__c)
      .sort((a, b) => Number(b.IsDeleted) - Number(a.IsDeleted))
      .map((r) => [r.SIA_Task_Id__c!, r.Id]),
  );
  for (const task of model.tasks) {
    if (task.siaId !== undefined) {
      const sfId = linkBySia.get(task.siaId) ?? (task.sfId === undefined ? byExternalId.get(task.siaId) : undefined);
      if (sfId !== undefined) model.bind(task, 'sf', sfId);
    } else if (task.sfId !== undefined) {
      const siaId = linkBySf.get(task.sfId);
      if (siaId !== undefined) model.bind(task, 'sia', siaId);
    }
  }
}

/** Observes one side as read now: its records by id (absent ones are gone or unknown), with the store's links. */
export function observeSide(model: UserModel, side: Side, views: ReadonlyMap<string, View>, links: readonly Link[], now: number): void {
  const synced = new Map(links.map((l) => [side === 'sia' ? l.siaTaskId : l.sfTaskId, l.synced]));
  for (const task of model.tasks) {
    const id = side === 'sia' ? task.siaId : task.sfId;
    if (id !== undefined) model.observe(task, side, views.get(id), synced.get(id), now);
  }
}

/** Binds the ids the sync made, then observes both sides of every task. */
export function observeSnapshot(model: UserModel, snapshot: Snapshot, now: number): void {
  bindIds(model, snapshot.links, snapshot.sf);
  observeSide(model, 'sia', new Map(snapshot.sia.map((t) => [t.id, { live: t.deletedAt === null, fields: siaFields(t) }])), snapshot.links, now);
  observeSide(model, 'sf', new Map(snapshot.sf.map((r) => [r.Id, { live: !r.IsDeleted, fields: fromSalesforce(r) }])), snapshot.links, now);
}

export interface Verdict {
  /** Live tasks without a live, equal counterpart on the other side. */
  unequal: string[];
  /** Changes whose final state is not there (a create, edit, completion or deletion undone or never carried over). */
  lost: string[];
  /** Two records for one task on a side, two links for one Salesforce task, or records nobody made. */
  duplicated: string[];
  /** Keys of the tasks whose changes were lost, for their story. */
  suspects: number[];
}

/** The checks at the end: both sides equal through the mapping, nothing lost, nothing twice. */
export function judge(model: UserModel, snapshot: Snapshot): Verdict {
  const verdict: Verdict = { unequal: [], lost: [], duplicated: [], suspects: [] };
  const sia = new Map(snapshot.sia.map((t) => [t.id, t]));
  const sf = new Map(snapshot.sf.map((r) => [r.Id, r]));
  const liveSia = snapshot.sia.filter((t) => t.deletedAt === null);
  const liveSf = snapshot.sf.filter((r) => !r.IsDeleted);
  const linksBySia = group(snapshot.links, (l) => l.siaTaskId);
  const linksBySf = group(snapshot.links, (l) => l.sfTaskId);

  // Both sides equal, through the links and the mapping.
  const pairedSf = new Set<string>();
  for (const task of liveSia) {
    const record = (linksBySia.get(task.id) ?? []).map((l) => sf.get(l.sfTaskId)).find((r) => r && !r.IsDeleted);
    if (!record) {
      verdict.unequal.push(`SIA task ${task.id} "${task.name}" has no live Salesforce task`);
      continue;
    }
    pairedSf.add(record.Id);
    const a = siaFields(task);
    const b = fromSalesforce(record);
    if (!same(a, b)) verdict.unequal.push(`SIA task ${task.id} and Salesforce task ${record.Id} differ: SIA ${JSON.stringify(a)} Salesforce ${JSON.stringify(b)}`);
  }
  for (const record of liveSf) if (!pairedSf.has(record.Id)) verdict.unequal.push(`Salesforce task ${record.Id} "${record.Subject ?? ''}" has no live SIA task`);

  // No duplicates: one Salesforce task per SIA task, one link per Salesforce task, nothing nobody made.
  for (const [siaId, records] of group(liveSf.filter((r) => r.SIA_Task_Id__c), (r) => r.SIA_Task_Id__c!)) {
    if (records.length > 1) verdict.duplicated.push(`${records.length} live Salesforce tasks for SIA task ${siaId}: ${records.map((r) => r.Id).join(', ')}`);
  }
  for (const [sfId, links] of linksBySf) if (links.length > 1) verdict.duplicated.push(`${links.length} links to Salesforce task ${sfId}: SIA ${links.map((l) => l.siaTaskId).join(', ')}`);
  for (const [siaId, links] of linksBySia) if (links.length > 1) verdict.duplicated.push(`${links.length} links from SIA task ${siaId}`);
  for (const task of liveSia) if (!model.taskBySia(task.id)) verdict.duplicated.push(`live SIA task ${task.id} "${task.name}" is none of the tasks people made`);
  for (const record of liveSf) if (!model.taskBySf(record.Id)) verdict.duplicated.push(`live Salesforce task ${record.Id} "${record.Subject ?? ''}" is none of the tasks people made`);

  // Every change's final state.
  for (const task of model.tasks) {
    const siaTask = task.siaId === undefined ? undefined : sia.get(task.siaId);
    const sfRecord = task.sfId === undefined ? undefined : sf.get(task.sfId);
    const siaLive = siaTask !== undefined && siaTask.deletedAt === null;
    const sfLive = sfRecord !== undefined && !sfRecord.IsDeleted;
    const name = `task ${task.key} (SIA ${task.siaId ?? '-'}, Salesforce ${task.sfId ?? '-'}, last write ${describeLast(task)})`;
    const mayLive = task.deleted.includes(false);
    const mayGo = task.deleted.includes(true);
    const lostBefore = verdict.lost.length;
    if (!mayLive && (siaLive || sfLive)) {
      verdict.lost.push(`${name}: deleted, yet live in ${[siaLive && 'SIA', sfLive && 'Salesforce'].filter(Boolean).join(' and ')}`);
      verdict.suspects.push(task.key);
      continue;
    }
    if (!mayGo && !(siaLive && sfLive)) {
      verdict.lost.push(`${name}: alive, yet missing in ${[!siaLive && 'SIA', !sfLive && 'Salesforce'].filter(Boolean).join(' and ')}`);
      verdict.suspects.push(task.key);
      continue;
    }
    // Where both are live their equality is checked above, so one side's fields tell.
    const [side, view] = siaLive ? ['SIA', siaFields(siaTask)] : sfLive ? ['Salesforce', fromSalesforce(sfRecord)] : [null, null];
    if (!view) continue;
    for (const f of taskFieldNames) {
      const allowed = task.acceptable[f] as unknown[];
      if (!allowed.some((v) => same(v, view[f]))) verdict.lost.push(`${name}: ${side} ${f} is ${JSON.stringify(view[f])}, expected ${allowed.map((v) => JSON.stringify(v)).join(' or ')}`);
    }
    if (verdict.lost.length > lostBefore && !verdict.suspects.includes(task.key)) verdict.suspects.push(task.key);
  }
  return verdict;
}

function describeLast(task: LogicalTask): string {
  const last = task.writes[task.writes.length - 1];
  return last ? `${last.kind} in ${last.side === 'sia' ? 'SIA' : 'Salesforce'}` : 'none';
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** What people did to a task, with times in seconds after `from`: for the report of a loss. */
export function storyOf(task: LogicalTask, from: number): string[] {
  const t = (ms: number) => `+${((ms - from) / 1000).toFixed(1)} s`;
  return task.writes.map((w) => {
    const fate = w.state === 'arrived' && w.arrivedAt !== undefined ? `arrived ${t(w.arrivedAt)}` : w.state;
    return `${t(w.at)} ${w.side === 'sia' ? 'SIA' : 'Salesforce'} ${w.kind} ${JSON.stringify(w.values)}: ${fate}`;
  });
}

export function clean(verdict: Verdict): boolean {
  return verdict.unequal.length === 0 && verdict.lost.length === 0 && verdict.duplicated.length === 0;
}

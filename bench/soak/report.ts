/** The soak's table and verdict. Pure, so it is unit-tested. */
import { spread } from '../stats';
import { faultKinds, type FaultKind } from './chaos';
import { writeKinds, type Side, type Write } from './model';
import type { Tally } from './operations';
import type { HeldRecovery } from './stack';

export interface ChaosEvent {
  what: string;
  at: number;
  /** For a kill: until the replacement polled; for a restart: how long the server was away. */
  recoveryMs: number;
  /** For a kill: the users whose activities the killed worker ran, and the slowest of them to sync again (ms; null: not within the bound). */
  held?: { users: number; longestMs: number | null; user: string | null };
}

export interface Stall {
  event: ChaosEvent;
  /** Changes made within the window around it. */
  changes: number;
  /** The slowest of them to reach the other side (ms), and whose it was; null without any. */
  longestMs: number | null;
  user: string | null;
  /** Of them, still on their way when the run ended. */
  neverArrived: number;
}

export interface UserWrites {
  user: string;
  writes: readonly Write[];
}

/** Time to reach the other side of each change that arrived, in seconds, by the side it was made on. */
export function latencies(all: readonly UserWrites[]): Record<Side, number[]> {
  const out: Record<Side, number[]> = { sia: [], sf: [] };
  for (const { writes } of all) for (const w of writes) if (w.state === 'arrived' && w.arrivedAt !== undefined) out[w.side].push((w.arrivedAt - w.at) / 1000);
  return out;
}

/**
 * Per kill or restart: of the changes made within `windowMs` before or after it, the one that
 * took longest to reach the other side. A change still on its way at `endedAt` counts until then.
 * Changes replaced by a later one on the same side before they arrived, and moot ones, are left out.
 */
export function stalls(events: readonly ChaosEvent[], all: readonly UserWrites[], windowMs: number, endedAt: number): Stall[] {
  return events.map((event) => {
    const stall: Stall = { event, changes: 0, longestMs: null, user: null, neverArrived: 0 };
    for (const { user, writes } of all) {
      for (const w of writes) {
        if (Math.abs(w.at - event.at) > windowMs || w.state === 'superseded' || w.state === 'moot') continue;
        stall.changes += 1;
        if (w.state === 'pending') stall.neverArrived += 1;
        const took = (w.arrivedAt ?? endedAt) - w.at;
        if (stall.longestMs === null || took > stall.longestMs) {
          stall.longestMs = took;
          stall.user = user;
        }
      }
    }
    return stall;
  });
}

/** The slowest of the users a killed worker held to sync again (a user not synced within the bound counts as slowest). */
export function heldSummary(held: readonly HeldRecovery[]): NonNullable<ChaosEvent['held']> {
  let slowest: HeldRecovery | null = null;
  for (const h of held) {
    if (!slowest || h.syncedAfterMs === null || (slowest.syncedAfterMs !== null && h.syncedAfterMs > slowest.syncedAfterMs)) slowest = h;
    if (slowest.syncedAfterMs === null) break;
  }
  return { users: new Set(held.map((h) => h.user)).size, longestMs: slowest?.syncedAfterMs ?? null, user: slowest?.user ?? null };
}

export interface SoakSummary {
  command: string;
  setting: string;
  operationsSeconds: number;
  /** When operations started (ms); times in the table count from it. */
  startedAt: number;
  tally: Tally;
  failures: string[];
  writes: readonly UserWrites[];
  kills: number;
  restarts: number;
  faults: Record<FaultKind, number>;
  faultWindows: number;
  stalls: Stall[];
  stallWindowSeconds: number;
  convergeBoundSeconds: number;
  convergedSeconds: number | null;
  lost: string[];
  duplicated: string[];
  unequal: string[];
  failedWorkflows: string[];
  notRunning: string[];
  openErrors: number;
  errorsWithoutCause: string[];
  endedAt: number;
}

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);
/** Columns: the first and, with `leftAligned`, all others to the left; numbers to the right. */
const pad = (rows: string[][], leftAligned = false) => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 || leftAligned ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd());
};

/** Why the run fails; empty when it passes. */
export function problems(s: SoakSummary): string[] {
  const out: string[] = [];
  if (s.lost.length > 0) out.push(`${s.lost.length} change(s) lost`);
  if (s.duplicated.length > 0) out.push(`${s.duplicated.length} duplicate(s)`);
  if (s.unequal.length > 0) out.push(`${s.unequal.length} task(s) not equal on both sides`);
  if (s.failedWorkflows.length > 0) out.push(`${s.failedWorkflows.length} workflow(s) failed, terminated, timed out or cancelled`);
  if (s.notRunning.length > 0) out.push(`${s.notRunning.length} user(s) whose sync is not running cleanly`);
  if (s.convergedSeconds === null) out.push(`no convergence within ${s.convergeBoundSeconds / 60} min`);
  if (s.errorsWithoutCause.length > 0) out.push(`${s.errorsWithoutCause.length} record(s) in error without a cause`);
  if (s.failures.length > 0) out.push(`${s.failures.length} operation(s) or chaos step(s) failed`);
  return out;
}

export function formatReport(s: SoakSummary): string {
  const lines: string[] = [`command: ${s.command}`, s.setting, ''];
  const opRows = [['operations', 'SIA (API)', 'Salesforce (jsforce)']];
  for (const kind of writeKinds) opRows.push([`  ${kind}`, String(s.tally.sia[kind]), String(s.tally.sf[kind])]);
  opRows.push(['  unchanged (no-op)', String(s.tally.sia.unchanged), String(s.tally.sf.unchanged)]);
  opRows.push(['  refused (record gone)', String(s.tally.sia.refused), String(s.tally.sf.refused)]);
  opRows.push(['  failed', String(s.tally.sia.failed), String(s.tally.sf.failed)]);
  const lat = latencies(s.writes);
  const spreadOf = (side: Side) => {
    const x = spread(lat[side]);
    return x.n === 0 ? 'none' : `${x.n}: p50 ${x.p50.toFixed(1)} s, p95 ${x.p95.toFixed(1)} s, max ${x.max.toFixed(1)} s`;
  };
  lines.push(...pad(opRows), '');
  const moot = (side: Side) => s.writes.reduce((n, u) => n + u.writes.filter((w) => w.side === side && w.state === 'moot').length, 0);
  lines.push(
    ...pad(
      [
        ['changes', 'made in SIA', 'made in Salesforce'],
        ['  reached the other side', spreadOf('sia'), spreadOf('sf')],
        ['  moot (task deleted, or merge kept the other side)', String(moot('sia')), String(moot('sf'))],
      ],
      true,
    ),
    '',
  );

  const faults = faultKinds.map((k) => `${k} ${s.faults[k]}`).join(', ');
  const rows = [
    ['operations ran', `${(s.operationsSeconds / 60).toFixed(1)} min`],
    ['worker kills (SIGKILL)', String(s.kills)],
    ['Temporal restarts', String(s.restarts)],
    ['faults injected', `${faults} (in ${s.faultWindows} windows)`],
    ['time to converge', s.convergedSeconds === null ? `not within ${s.convergeBoundSeconds / 60} min` : `${s.convergedSeconds.toFixed(0)} s after operations stopped (bound ${s.convergeBoundSeconds / 60} min)`],
    ['lost', String(s.lost.length)],
    ['duplicated', String(s.duplicated.length)],
    ['not equal on both sides', String(s.unequal.length)],
    ['failed workflows', String(s.failedWorkflows.length)],
    ['users not running cleanly', String(s.notRunning.length)],
    ['open sync errors', `${s.openErrors} (without a cause: ${s.errorsWithoutCause.length})`],
  ];
  lines.push(...pad(rows, true), '');

  const stallRows = [['kill / restart', 'at', 'back after', `changes ±${s.stallWindowSeconds} s`, 'longest stall', 'user', 'still on the way', 'users it held', 'synced again after', 'user']];
  for (const st of s.stalls) {
    const held = st.event.held;
    stallRows.push([
      st.event.what,
      `${((st.event.at - s.startedAt) / 1000).toFixed(0)} s`,
      seconds(st.event.recoveryMs),
      String(st.changes),
      seconds(st.longestMs),
      st.user ?? '—',
      String(st.neverArrived),
      held ? String(held.users) : '—',
      held && held.users > 0 ? (held.longestMs === null ? 'not within 5 min' : seconds(held.longestMs)) : '—',
      held?.user ?? '—',
    ]);
  }
  if (s.stalls.length > 0) {
    lines.push(...pad(stallRows));
    lines.push(
      `A stall: the slowest change made within ${s.stallWindowSeconds} s of the event to reach the other side (Salesforce changes wait for the user's next poll as always).`,
      "Users it held: those with an activity running on the killed worker; each got a change right after the kill and is timed until a round of theirs finished.",
      '',
    );
  }

  const detail = (title: string, items: readonly string[]) => {
    if (items.length === 0) return;
    lines.push(`${title}:`, ...items.slice(0, 15).map((i) => `  ${i}`));
    if (items.length > 15) lines.push(`  … and ${items.length - 15} more`);
  };
  detail('lost', s.lost);
  detail('duplicated', s.duplicated);
  detail('not equal', s.unequal);
  detail('failed workflows', s.failedWorkflows);
  detail('not running cleanly', s.notRunning);
  detail('errors without a cause', s.errorsWithoutCause);
  detail('failed operations and chaos steps', s.failures);
  const why = problems(s);
  lines.push(why.length === 0 ? 'PASS: nothing lost, nothing duplicated, every workflow running, converged in time' : `FAIL: ${why.join('; ')}`);
  return lines.join('\n');
}

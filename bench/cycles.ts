/**
 * An idle user (or org poller) repeats one cycle: a long watch activity, then whatever the
 * workflow does before the next one. Counting over whole cycles, from one watch's start to a
 * later watch's start, avoids the rounding error of a window that cuts a cycle. Pure.
 */
export interface WatchRun {
  /** Real wall-clock ms. */
  startedAt: number;
  endedAt: number | null;
  /** The emulator's last call-log sequence number when the watch started. */
  callSeq: number;
}

export interface CycleSpan {
  /** Index (into the actor's watches) of the first and last watch start bounding whole cycles. */
  from: number;
  to: number;
  cycles: number;
  /**
   * Idle time the cycles stand for: each watch's own duration × scale (its waits were divided
   * by scale), plus the time between a watch's end and the next start, which was not scaled.
   */
  equivalentSeconds: number;
}

/** The whole cycles whose starts fall inside [windowStart, windowEnd]; null when fewer than one. */
export function wholeCycles(watches: readonly WatchRun[], windowStart: number, windowEnd: number, scale: number): CycleSpan | null {
  const inside = watches.map((w, i) => ({ w, i })).filter(({ w }) => w.startedAt >= windowStart && w.startedAt <= windowEnd);
  const first = inside[0];
  const last = inside.at(-1);
  if (!first || !last || last.i === first.i) return null;
  let ms = 0;
  for (let i = first.i; i < last.i; i++) {
    const w = watches[i]!;
    const next = watches[i + 1]!;
    const ended = w.endedAt ?? next.startedAt;
    ms += (ended - w.startedAt) * scale + (next.startedAt - ended);
  }
  return { from: first.i, to: last.i, cycles: last.i - first.i, equivalentSeconds: ms / 1000 };
}

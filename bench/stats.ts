/** Pure arithmetic for the bench: percentiles and honest extrapolation of windowed counts. */

/** Nearest-rank percentile (p in 0..100) of the samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (p < 0 || p > 100) throw new RangeError(`percentile must be 0..100, got ${p}`);
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export interface Spread {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function spread(samples: readonly number[]): Spread {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: percentile(samples, 100) };
}

/**
 * Scales a count seen over `observedSeconds` to `targetSeconds`. `timeScale` > 1 says the window
 * ran that many times faster than real time (waits divided by it), so it stands for
 * `observedSeconds × timeScale` real seconds.
 */
export function extrapolate(count: number, observedSeconds: number, targetSeconds: number, timeScale = 1): number {
  if (!(observedSeconds > 0)) throw new RangeError(`observed window must be positive, got ${observedSeconds}`);
  if (!(timeScale > 0)) throw new RangeError(`time scale must be positive, got ${timeScale}`);
  return (count * targetSeconds) / (observedSeconds * timeScale);
}

export const secondsPerDay = 86_400;
export const secondsPerHour = 3_600;

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * File names for a new recording of a scenario, none of them already taken: the first recording
 * is `<scenario>.json` (`<scenario>.run<k>.json` for several runs, run1 the oldest), the next
 * `<scenario>.recording2.json`, and so on. A committed history is evidence of what older code
 * did, so it is never written over. No I/O here.
 */
export function fixtureNames(scenario: string, runs: number, existing: readonly string[]): string[] {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`A recording of ${scenario} needs at least one run, got ${runs}`);
  const escaped = scenario.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped}(?:\\.recording(\\d+))?(?:\\.run\\d+)?\\.json$`);
  const taken = existing.map((name) => pattern.exec(name)).filter((m) => m !== null).map((m) => Number(m[1] ?? 1));
  const recording = taken.length === 0 ? 1 : Math.max(...taken) + 1;
  const stem = recording === 1 ? scenario : `${scenario}.recording${recording}`;
  return Array.from({ length: runs }, (_, i) => (runs === 1 ? `${stem}.json` : `${stem}.run${i + 1}.json`));
}

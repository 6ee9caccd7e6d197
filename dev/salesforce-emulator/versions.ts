/** API versions the emulator answers to: 31.0 (Summer '14) through 62.0 (Winter '25). jsforce 3 defaults to 50.0. */
export const MIN_VERSION = 31;
export const MAX_VERSION = 62;

const SEASONS = ['Winter', 'Spring', 'Summer'];

/** 32.0 was Winter '15; three releases a year since. */
export function releaseLabel(major: number): string {
  const idx = major - 32;
  const year = 15 + Math.floor(idx / 3);
  return `${SEASONS[((idx % 3) + 3) % 3]} '${String(year).padStart(2, '0')}`;
}

export function versionList(): { label: string; url: string; version: string }[] {
  const out = [];
  for (let v = MIN_VERSION; v <= MAX_VERSION; v++) out.push({ label: releaseLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` });
  return out;
}

/** `50.0` → 50 when the emulator serves it, else undefined. */
export function supportedVersion(text: string): number | undefined {
  const m = /^(\d+)\.0$/.exec(text);
  const n = m ? Number(m[1]) : NaN;
  return n >= MIN_VERSION && n <= MAX_VERSION ? n : undefined;
}

/** The bench's result rows, each figure beside its target, and the printed table. Pure. */

export interface Target {
  /** `<=` "at most", `<` "under". */
  op: '<=' | '<';
  value: number;
}

export interface Figure {
  /** Short key, as `--only` names figures. */
  key: string;
  title: string;
  /** Null when the figure could not be measured in this run (see `note`). */
  value: number | null;
  unit: string;
  target?: Target;
  /** How the number was derived: the window, the scale, the formula. */
  derivation: string;
  /** Extra measured facts (breakdowns, cross-checks), for the JSON and the notes. */
  details?: Record<string, unknown>;
  /** Why the value is missing, or a caveat that changes how to read it. */
  note?: string;
}

export type Verdict = { kind: 'met' } | { kind: 'missed'; by: number; percent: number } | { kind: 'not-measured' } | { kind: 'no-target' };

export function verdictOf(figure: Pick<Figure, 'value' | 'target'>): Verdict {
  if (figure.value === null || Number.isNaN(figure.value)) return { kind: 'not-measured' };
  if (!figure.target) return { kind: 'no-target' };
  const { op, value: limit } = figure.target;
  const met = op === '<=' ? figure.value <= limit : figure.value < limit;
  if (met) return { kind: 'met' };
  const by = figure.value - limit;
  return { kind: 'missed', by, percent: limit === 0 ? Number.POSITIVE_INFINITY : (by / limit) * 100 };
}

/** Rounds for display: integers as they are, small values to 2 significant decimals. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatVerdict(figure: Pick<Figure, 'value' | 'target' | 'unit'>): string {
  const verdict = verdictOf(figure);
  switch (verdict.kind) {
    case 'met':
      return 'met';
    case 'missed':
      return `MISSED by ${formatNumber(verdict.by)} ${figure.unit} (+${formatNumber(verdict.percent)} %)`;
    case 'not-measured':
      return 'not measured';
    case 'no-target':
      return '-';
  }
}

function cell(figure: Figure): [string, string, string, string] {
  const measured = figure.value === null || Number.isNaN(figure.value) ? '-' : `${formatNumber(figure.value)} ${figure.unit}`;
  const target = figure.target ? `${figure.target.op} ${formatNumber(figure.target.value)} ${figure.unit}` : '-';
  return [figure.title, measured, target, formatVerdict(figure)];
}

/** A plain-text table: one row per figure, then a numbered note per figure on how it was derived. */
export function formatTable(figures: readonly Figure[]): string {
  const header: [string, string, string, string] = ['figure', 'measured', 'target', 'verdict'];
  const rows = [header, ...figures.map(cell)];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  const out = [line(header), rule, ...rows.slice(1).map(line), ''];
  figures.forEach((f, i) => {
    out.push(`[${i + 1}] ${f.title}: ${f.derivation}`);
    if (f.note) out.push(`    note: ${f.note}`);
  });
  return out.join('\n');
}

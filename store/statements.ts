/**
 * Bound parameters one statement may carry on both stores: SQLite's cap is 32,766, PostgreSQL's
 * 65,535. Bulk writes go in as few statements as stay under it, so a batch costs a handful of
 * round trips whatever its size.
 */
const maxParameters = 32_000;

/** The rows in slices that each fit one multi-row statement (every row binds the same columns). */
export function rowsPerStatement<Row extends object>(rows: readonly Row[]): Row[][] {
  return slices(rows, rows.length === 0 ? 1 : Object.keys(rows[0]!).length);
}

/** Values for an `in (…)` list, in slices that each fit one statement beside a few other parameters. */
export function listsPerStatement<T>(values: readonly T[]): T[][] {
  return slices(values, 1, 10);
}

function slices<T>(items: readonly T[], perItem: number, reserved = 0): T[][] {
  const size = Math.max(1, Math.floor((maxParameters - reserved) / perItem));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

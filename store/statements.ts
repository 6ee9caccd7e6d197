/**
 * Bound parameters one statement may carry on both stores: SQLite's cap is 32,766, PostgreSQL's
 * 65,535. Bulk writes go in as few statements as stay under it, so a batch costs a handful of
 * round trips whatever its size.
 */
const maxParameters = 32_000;

/** The rows in slices that each fit one multi-row statement (every row binds the same columns). */
export function rowsPerStatement<Row extends object>(rows: readonly Row[]): Row[][] {
  if (rows.length === 0) return [];
  const size = Math.max(1, Math.floor(maxParameters / Object.keys(rows[0]!).length));
  const slices: Row[][] = [];
  for (let i = 0; i < rows.length; i += size) slices.push(rows.slice(i, i + size));
  return slices;
}

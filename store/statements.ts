import { sql, type Insertable, type InsertQueryBuilder, type InsertResult } from 'kysely';
import { toJsonColumn } from './json-column';
import type { Database, Db } from './schema';

/**
 * Bound parameters one statement may carry on both stores: SQLite's cap is 32,766, PostgreSQL's
 * 65,535. Bulk writes go in as few statements as stay under it, so a batch costs a handful of
 * round trips whatever its size.
 */
const maxParameters = 32_000;

/** The rows in slices that each fit one multi-row statement (every row binds the same columns). */
function rowsPerStatement<Row extends object>(rows: readonly Row[]): Row[][] {
  return slices(rows, Math.floor(maxParameters / (rows.length === 0 ? 1 : Object.keys(rows[0]!).length)));
}

/** Values for an `in (…)` list, in slices that each fit one statement beside a few other parameters. */
export function listsPerStatement<T>(values: readonly T[]): T[][] {
  return slices(values, maxParameters - 10);
}

function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Whether db speaks PostgreSQL: its compiler numbers parameters ($1); SQLite's writes `?`. */
function onPostgres(db: Db): boolean {
  return sql`select ${0}`.compile(db).sql.includes('$1');
}

type Insert<T extends keyof Database> = InsertQueryBuilder<Database, T, InsertResult>;

/**
 * Inserts many rows of one table (each with the same columns), `finish` adding e.g. an on
 * conflict clause. SQLite takes multi-row VALUES, as many rows a statement as its cap allows.
 * PostgreSQL takes the rows as one JSON parameter read back into the table's own row type
 * (json_populate_recordset): it parses and plans that in half the time of thousands of bound
 * values. Strings in the JSON are cleaned as the clean-text plugin cleans bound ones.
 */
export async function insertRows<T extends keyof Database>(db: Db, table: T, rows: ReadonlyArray<Insertable<Database[T]>>, finish: (insert: Insert<T>) => Insert<T> = (insert) => insert): Promise<void> {
  if (rows.length === 0) return;
  if (!onPostgres(db)) {
    for (const slice of rowsPerStatement(rows)) await finish(db.insertInto(table).values(slice)).execute();
    return;
  }
  const columns = Object.keys(rows[0]!) as Array<keyof Database[T] & string>;
  const list = sql.join(columns.map((column) => sql.ref(column)));
  for (const slice of slices(rows, jsonRowsPerStatement)) {
    const select = sql`select ${list} from json_populate_recordset(null::${sql.table(table)}, ${toJsonColumn(slice)}::json)`;
    await finish(db.insertInto(table).columns(columns).expression(select)).execute();
  }
}

/** Rows per JSON parameter on PostgreSQL: bounds the size of one message, not a cap. */
const jsonRowsPerStatement = 5000;

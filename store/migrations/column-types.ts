import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * The few SQL types that differ between SQLite and PostgreSQL. Migrations are frozen history,
 * so they only ever use this and Kysely's schema builder, never the app's row types.
 */
export function columnTypes(db: Kysely<unknown>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    postgres,
    blob: postgres ? ('bytea' as const) : ('blob' as const),
  };
}

/** An auto-incrementing integer primary key named `id`. */
export function autoIdColumn<TB extends string>(db: Kysely<unknown>, table: CreateTableBuilder<TB>) {
  return columnTypes(db).postgres
    ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

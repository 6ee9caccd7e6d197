import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type MigrationResultSet,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations';
import type { Database, Db } from './schema';
import { inTransaction } from './transaction';
import { CleanTextPlugin } from './clean-text-plugin';

export type StoreDialect = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Db;
  readonly dialect: StoreDialect;
  /** Runs fn in one transaction; pass `tx` to the repository functions to compose them. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** PostgreSQL pool size per process (default 10). */
  maxConnections?: number;
  /**
   * Told when an idle PostgreSQL connection breaks (server restart, failover, admin kill).
   * The pool drops that connection and the next query opens a new one; without a listener the
   * error would crash the process.
   */
  onConnectionError?: (error: Error) => void;
}

/**
 * Opens the store and brings its schema up to date.
 * url: `sqlite:<path>`, `sqlite::memory:` or `postgres://…` / `postgresql://…`.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const { db, dialect } = connect(url, options);
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    dialect,
    transaction: (fn) => inTransaction(db, fn),
    close: () => db.destroy(),
  };
}

/** Both stores hold the same text: no NUL or other control characters, no lone surrogates. */
const plugins = [new CleanTextPlugin()];

function connect(url: string, options: OpenStoreOptions): { db: Db; dialect: StoreDialect } {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error(`No file in store url "${url}": use sqlite:<path> or sqlite::memory:`);
    return { db: new Kysely<Database>({ dialect: sqliteDialect(path), plugins }), dialect: 'sqlite' };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types: { getTypeParser } });
    pool.on('error', (error) => options.onConnectionError?.(error));
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins }), dialect: 'postgres' };
  }
  throw new Error(`Unsupported store url "${redact(url)}": use sqlite:<path>, sqlite::memory: or postgres://…`);
}

/** int8 (bigint columns, count(), sum(integer)) as a JS number, as better-sqlite3 returns it. */
const getTypeParser: pg.CustomTypesConfig['getTypeParser'] = (oid, format): ((value: string) => unknown) => {
  if (oid === pg.types.builtins.INT8 && format !== 'binary') {
    return (value: string) => {
      const n = Number(value);
      if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} does not fit a JS number`);
      return n;
    };
  }
  // pg's own parser for every other type (text when no format is given).
  return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
};

function sqliteDialect(path: string): SqliteDialect {
  return new ImmediateSqliteDialect({
    database: async () => {
      const sqlite = new BetterSqlite3(path === ':memory:' ? ':memory:' : path);
      // WAL lets readers in other processes (API server, worker) go on while one writes;
      // busy_timeout makes a second writer wait instead of failing at once.
      if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('foreign_keys = ON');
      return reusingStatements(sqlite);
    },
  });
}

/** Prepared statements kept per SQL text, the most recently used this many. */
const statementCacheSize = 500;

/**
 * Kysely prepares every query it runs; better-sqlite3 keeps nothing, so the same few dozen
 * statements were compiled again on every call (at thousands of users, a tenth of the worker's
 * store time). A statement runs to completion synchronously (the store never streams), so one
 * prepared statement serves every call of its SQL; SQLite recompiles it itself after a schema
 * change.
 */
function reusingStatements(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql) => {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else statement = sqlite.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > statementCacheSize) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}

/**
 * SQLite with two changes to Kysely's defaults:
 * - transactions start with BEGIN IMMEDIATE: they take the write lock up front, so a transaction
 *   that reads then writes cannot fail with SQLITE_BUSY when another process wrote in between;
 * - DDL runs in transactions (SQLite supports it), so a failed migration leaves nothing half done.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Applies every pending migration; PostgreSQL serialises concurrent workers with an advisory lock. */
export async function migrate(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`Store migration ${failed ?? ''} failed: ${reason}`, { cause: result.error });
  }
  return result;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

import type { Db } from './schema';

/**
 * Runs fn in a transaction, or inside the caller's when db already is one, so repository
 * functions that need atomicity still compose into a larger transaction.
 */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

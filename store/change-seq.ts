import type { Db } from './schema';

/**
 * The per-user change sequence. Every task write takes the next number in the same transaction
 * as the write. The UPDATE holds the user's row lock until commit, so on PostgreSQL writers of one
 * user commit in sequence order: a reader that has seen N has seen everything up to N, and a
 * rolled-back write gives its number back (no gaps). On SQLite, BEGIN IMMEDIATE serialises writers.
 */
export function nextChangeSeq(tx: Db, userId: string): Promise<number> {
  return addToChangeSeq(tx, userId, 1);
}

/**
 * Takes the user's write lock without consuming a number, for writes that must read first
 * (is this a no-op? does the link exist?) and must not race a concurrent writer of the same user.
 * Returns the current sequence.
 */
export function lockUserChanges(tx: Db, userId: string): Promise<number> {
  return addToChangeSeq(tx, userId, 0);
}

/**
 * Takes `count` numbers at once for writes worked out in memory under the user's lock (which
 * lockUserChanges took, answering the number they follow). Returns the last one taken.
 */
export function takeChangeSeqs(tx: Db, userId: string, count: number): Promise<number> {
  return addToChangeSeq(tx, userId, count);
}

async function addToChangeSeq(tx: Db, userId: string, step: number): Promise<number> {
  const row = await tx
    .updateTable('users')
    .set((eb) => ({ change_seq: eb('change_seq', '+', step) }))
    .where('id', '=', userId)
    .returning('change_seq')
    .executeTakeFirst();
  if (!row) throw new Error(`No user ${userId}`);
  return row.change_seq;
}

export async function currentSeq(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('users').select('change_seq').where('id', '=', userId).executeTakeFirst();
  if (!row) throw new Error(`No user ${userId}`);
  return row.change_seq;
}

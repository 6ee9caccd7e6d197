import { randomUUID } from 'node:crypto';
import { createTestDatabase, startPostgres, type PostgresServer } from '../../../dev/postgres';
import { openStore, type Store } from '../../../store/open-store';
import type { Db } from '../../../store/schema';
import { upsertUser, type User } from '../../../store/users';

/**
 * Each store test runs on both dialects: SQLite in memory, and a database of its own on the
 * shared PostgreSQL test server (DATABASE_URL_TEST, exported by the integration global setup;
 * when it is unset, e.g. a single file run by hand, the file starts a server of its own).
 */

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

let ownServer: Promise<PostgresServer> | undefined;

async function postgresBaseUrl(): Promise<string> {
  const shared = process.env.DATABASE_URL_TEST;
  if (shared) return shared;
  ownServer ??= startPostgres();
  return (await ownServer).url;
}

afterAll(async () => {
  if (ownServer) await (await ownServer).stop();
});

export const dialects: ReadonlyArray<[name: 'sqlite' | 'postgres', database: () => Promise<TestDatabase>]> = [
  ['sqlite', async () => ({ url: 'sqlite::memory:', drop: async () => {} })],
  ['postgres', async () => createTestDatabase(await postgresBaseUrl())],
];

export type TestStore = Store & { url: string };

/** Opens a store on a fresh database before the block's tests and drops it after. */
export function useStore(database: () => Promise<TestDatabase>): () => TestStore {
  let store: TestStore | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const db = await database();
    drop = db.drop;
    store = Object.assign(await openStore(db.url), { url: db.url });
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });
  return () => {
    if (!store) throw new Error('store not open yet');
    return store;
  };
}

/** A user of its own per test, so tests sharing a database do not see each other's rows. */
export function newUser(db: Db, fields: Partial<Parameters<typeof upsertUser>[1]> = {}): Promise<User> {
  const id = `user-${randomUUID()}`;
  return upsertUser(db, { id, email: `${id}@example.com`, ...fields });
}

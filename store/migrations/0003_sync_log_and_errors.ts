import { sql, type Kysely, type Migration } from 'kysely';
import { autoIdColumn } from './column-types';

export const syncLogAndErrors: Migration = {
  async up(db: Kysely<unknown>) {
    await autoIdColumn(db, db.schema.createTable('sync_log'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('sia_task_id', 'text')
      .addColumn('sf_task_id', 'text')
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('detail_json', 'text')
      .execute();
    await db.schema.createIndex('sync_log_user_id').on('sync_log').columns(['user_id', 'id']).execute();

    await autoIdColumn(db, db.schema.createTable('sync_errors'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('record_key', 'text', (c) => c.notNull())
      .addColumn('sia_task_id', 'text')
      .addColumn('sf_task_id', 'text')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('explanation', 'text', (c) => c.notNull())
      .addColumn('first_seen_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('resolved_at', 'text')
      .execute();
    // One open error per record; resolved ones stay as history.
    await db.schema
      .createIndex('sync_errors_open_record')
      .on('sync_errors')
      .columns(['user_id', 'record_key'])
      .unique()
      .where(sql.ref('resolved_at'), 'is', null)
      .execute();
    await db.schema.createIndex('sync_errors_user_code').on('sync_errors').columns(['user_id', 'code']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('sync_errors').execute();
    await db.schema.dropTable('sync_log').execute();
  },
};

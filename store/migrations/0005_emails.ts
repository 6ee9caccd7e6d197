import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from './column-types';

export const emails: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('emails')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('message_key', 'text', (c) => c.notNull())
      .addColumn('message_id_header', 'text')
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('raw', columnTypes(db).blob, (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('status_detail_json', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('emails_direction', sql`direction in ('sent', 'reply')`)
      .addCheckConstraint('emails_status', sql`status in ('pending', 'logged', 'skipped', 'failed')`)
      .execute();
    await db.schema.createIndex('emails_user_message_key').on('emails').columns(['user_id', 'message_key']).unique().execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('emails').execute();
  },
};

import { type Kysely, type Migration } from 'kysely';

/**
 * Creates sent to Salesforce whose link is not written yet: what was sent and when. A retry that
 * finds a mark looks up the task an earlier attempt may have made before creating one.
 */
export const createMarks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('create_marks')
      .addColumn('sia_task_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('fields_json', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('create_marks_user').on('create_marks').column('user_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('create_marks').execute();
  },
};

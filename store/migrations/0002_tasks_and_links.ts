import { sql, type Kysely, type Migration } from 'kysely';

export const tasksAndLinks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('details', 'text')
      .addColumn('due_date', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('reminder_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .addColumn('created_seq', 'bigint', (c) => c.notNull())
      .addColumn('change_seq', 'bigint', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addCheckConstraint('tasks_status', sql`status in ('open', 'complete')`)
      .addCheckConstraint('tasks_priority', sql`priority in ('normal', 'high')`)
      .addCheckConstraint('tasks_origin', sql`origin in ('sia', 'salesforce')`)
      .execute();
    // Unique: a change sequence number names exactly one task version per user.
    await db.schema.createIndex('tasks_user_change_seq').on('tasks').columns(['user_id', 'change_seq']).unique().execute();
    await db.schema.createIndex('tasks_user_due_date').on('tasks').columns(['user_id', 'due_date']).execute();

    await db.schema
      .createTable('task_links')
      .addColumn('sia_task_id', 'text', (c) => c.primaryKey().references('tasks.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('sf_task_id', 'text', (c) => c.notNull())
      .addColumn('synced_json', 'text', (c) => c.notNull())
      .addColumn('sf_modstamp', 'text')
      .addColumn('synced_at', 'text', (c) => c.notNull())
      .addColumn('sf_deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addCheckConstraint('task_links_sf_deleted_flag', sql`sf_deleted in (0, 1)`)
      .execute();
    await db.schema.createIndex('task_links_user_sf_task').on('task_links').columns(['user_id', 'sf_task_id']).unique().execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('task_links').execute();
    await db.schema.dropTable('tasks').execute();
  },
};

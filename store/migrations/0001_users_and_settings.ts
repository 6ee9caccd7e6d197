import { sql, type Kysely, type Migration } from 'kysely';

export const usersAndSettings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text')
      .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
      .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('change_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('sf_instance_url', 'text')
      .addColumn('sf_user_id', 'text')
      .addColumn('sf_org_id', 'text')
      .addColumn('sf_username', 'text')
      .addColumn('sf_refresh_token_enc', 'text')
      .addColumn('sf_connected_at', 'text')
      .addColumn('sf_status', 'text', (c) => c.notNull().defaultTo('not_connected'))
      .addColumn('sf_status_detail', 'text')
      .addColumn('sf_status_at', 'text')
      .addCheckConstraint('users_is_admin_flag', sql`is_admin in (0, 1)`)
      .execute();
    await db.schema.createIndex('users_sf_org_id').on('users').column('sf_org_id').execute();

    await db.schema
      .createTable('sync_settings')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('settings_json', 'text', (c) => c.notNull())
      .addColumn('saved_at', 'text', (c) => c.notNull())
      .addColumn('task_sync_enabled_at', 'text')
      .addColumn('task_sync_first_enabled_at', 'text')
      .addColumn('task_sync_disabled_at', 'text')
      .addColumn('task_sync_baseline_seq', 'bigint')
      .execute();

    await db.schema
      .createTable('admin_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('admin_settings').execute();
    await db.schema.dropTable('sync_settings').execute();
    await db.schema.dropTable('users').execute();
  },
};

import { type Kysely, type Migration } from 'kysely';

export const apiUsage: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('api_usage')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('hour', 'text', (c) => c.notNull())
      .addColumn('calls', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('api_usage_pk', ['org_id', 'user_id', 'hour'])
      .execute();
    await db.schema.createIndex('api_usage_user_hour').on('api_usage').columns(['user_id', 'hour']).execute();
    await db.schema.createIndex('api_usage_org_hour').on('api_usage').columns(['org_id', 'hour']).execute();

    await db.schema
      .createTable('api_limit_info')
      .addColumn('org_id', 'text', (c) => c.primaryKey())
      .addColumn('used', 'integer', (c) => c.notNull())
      .addColumn('limit_total', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('api_limit_info').execute();
    await db.schema.dropTable('api_usage').execute();
  },
};

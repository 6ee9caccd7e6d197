import { type Kysely, type Migration } from 'kysely';

/**
 * An org's integration user: a Salesforce user with "View All Data" that an admin connects, so
 * one poll per org covers every syncing user of it. Its refresh token is sealed like a user's.
 */
export const orgIntegrations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('org_integrations')
      .addColumn('org_id', 'text', (c) => c.primaryKey())
      .addColumn('instance_url', 'text', (c) => c.notNull())
      .addColumn('sf_user_id', 'text', (c) => c.notNull())
      .addColumn('sf_username', 'text', (c) => c.notNull())
      .addColumn('refresh_token_enc', 'text', (c) => c.notNull())
      .addColumn('connected_by', 'text')
      .addColumn('connected_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('connected'))
      .addColumn('status_detail', 'text')
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('org_integrations').execute();
  },
};

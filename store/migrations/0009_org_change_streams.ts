import { type Kysely, type Migration } from 'kysely';

/**
 * How each org's Task changes are detected (Change Data Capture through the Pub/Sub API, or
 * polling and why), with the stream's durable checkpoint: the replay id of the last event whose
 * users were woken, and the instant up to which every change is known to have been handled.
 * Events delivered per org per UTC hour, to watch the daily delivery allocation.
 */
export const orgChangeStreams: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('org_change_streams')
      .addColumn('org_id', 'text', (c) => c.primaryKey())
      .addColumn('detection', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('detail', 'text')
      .addColumn('replay_id', 'text')
      .addColumn('covered_until', 'text')
      .addColumn('streaming_since', 'text')
      .addColumn('last_event_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('change_event_deliveries')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('hour', 'text', (c) => c.notNull())
      .addColumn('events', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('change_event_deliveries_pk', ['org_id', 'hour'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('change_event_deliveries').execute();
    await db.schema.dropTable('org_change_streams').execute();
  },
};

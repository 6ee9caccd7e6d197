import { type Kysely, type Migration } from 'kysely';

/**
 * Telling a received reply from a sent email: the user's own addresses (the connected
 * Salesforce user's email, and further addresses the user saves), and the caller's word on a
 * stored email (null: tell by its From address when it is logged).
 */
export const ownAddressesAndReceived: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('users').addColumn('sf_email', 'text').execute();
    await db.schema.alterTable('users').addColumn('own_addresses_json', 'text').execute();
    await db.schema.alterTable('emails').addColumn('received', 'integer').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('emails').dropColumn('received').execute();
    await db.schema.alterTable('users').dropColumn('own_addresses_json').execute();
    await db.schema.alterTable('users').dropColumn('sf_email').execute();
  },
};

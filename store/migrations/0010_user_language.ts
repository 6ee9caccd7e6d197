import { type Kysely, type Migration } from 'kysely';

/** The language a user chose for pages and messages (en, es); null follows the browser's Accept-Language. */
export const userLanguage: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('users').addColumn('language', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('users').dropColumn('language').execute();
  },
};

import type { Migration, MigrationProvider } from 'kysely';
import { usersAndSettings } from './0001_users_and_settings';
import { tasksAndLinks } from './0002_tasks_and_links';
import { syncLogAndErrors } from './0003_sync_log_and_errors';
import { apiUsage } from './0004_api_usage';
import { emails } from './0005_emails';
import { apiTokens } from './0006_api_tokens';
import { orgIntegrations } from './0007_org_integrations';
import { ownAddressesAndReceived } from './0008_own_addresses_and_received';
import { orgChangeStreams } from './0009_org_change_streams';
import { userLanguage } from './0010_user_language';
import { createMarks } from './0011_create_marks';

/** Every migration, in order. Names are stored in the database: never rename one, only append. */
export const migrations: Record<string, Migration> = {
  '0001_users_and_settings': usersAndSettings,
  '0002_tasks_and_links': tasksAndLinks,
  '0003_sync_log_and_errors': syncLogAndErrors,
  '0004_api_usage': apiUsage,
  '0005_emails': emails,
  '0006_api_tokens': apiTokens,
  '0007_org_integrations': orgIntegrations,
  '0008_own_addresses_and_received': ownAddressesAndReceived,
  '0009_org_change_streams': orgChangeStreams,
  '0010_user_language': userLanguage,
  '0011_create_marks': createMarks,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

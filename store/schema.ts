import type { ColumnType, Generated, Kysely } from 'kysely';

/**
 * Row types of the store, as Kysely sees them. The same SQL types serve SQLite and PostgreSQL:
 * - timestamps are ISO 8601 UTC text of fixed width (`2025-01-31T09:15:00.000Z`), so they sort and
 *   compare as text and come back identical from both drivers (pg would turn timestamptz into Date);
 * - dates without time (due dates) are `YYYY-MM-DD` text: never a timestamp, never shifted by a zone;
 * - flags are integers 0/1 (better-sqlite3 cannot bind booleans);
 * - JSON is text, parsed and validated by the repositories;
 * - bigint comes back as a JS number on both (the PostgreSQL pool parses int8, see open-store.ts).
 */

export type Flag = 0 | 1;
/** A column the database fills on insert but that can be written later. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface UsersTable {
  id: string;
  email: string;
  display_name: string | null;
  time_zone: Defaulted<string>;
  is_admin: Defaulted<Flag>;
  /** The per-user change sequence: bumped by every task write, in the same transaction. */
  change_seq: Defaulted<number>;
  created_at: string;
  updated_at: string;
  sf_instance_url: string | null;
  sf_user_id: string | null;
  sf_org_id: string | null;
  sf_username: string | null;
  /** Sealed with store/secret-box.ts, the user id as context. */
  sf_refresh_token_enc: string | null;
  sf_connected_at: string | null;
  sf_status: Defaulted<string>;
  sf_status_detail: string | null;
  sf_status_at: string | null;
  /** The connected Salesforce user's email (from the identity read at connect). */
  sf_email: string | null;
  /** Further addresses the user sends from, JSON array of strings. */
  own_addresses_json: string | null;
  /** The language chosen for pages and messages (en, es); null follows the browser. */
  language: string | null;
}

export interface SyncSettingsTable {
  user_id: string;
  settings_json: string;
  saved_at: string;
  /** Start of the latest period with task sync on (kept after it is switched off, as history). */
  task_sync_enabled_at: string | null;
  /** When task sync was first switched on, ever: tells "had been on before". */
  task_sync_first_enabled_at: string | null;
  /** When task sync was last switched off; null while it is on or if it never was. */
  task_sync_disabled_at: string | null;
  /** The user's change_seq when task sync was last switched on: SIA tasks created at or before it are never pushed. */
  task_sync_baseline_seq: number | null;
}

export interface AdminSettingsTable {
  key: string;
  value_json: string;
  updated_at: string;
}

export interface TasksTable {
  id: string;
  user_id: string;
  name: string;
  details: string | null;
  due_date: string | null;
  status: string;
  priority: string;
  reminder_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  created_seq: number;
  change_seq: number;
  origin: string;
}

export interface TaskLinksTable {
  user_id: string;
  sia_task_id: string;
  sf_task_id: string;
  synced_json: string;
  sf_modstamp: string | null;
  synced_at: string;
  sf_deleted: Defaulted<Flag>;
}

/** A create sent to Salesforce whose link is not written yet (what was sent, and when). */
export interface CreateMarksTable {
  sia_task_id: string;
  user_id: string;
  fields_json: string;
  sent_at: string;
}

export interface SyncLogTable {
  id: Generated<number>;
  user_id: string;
  at: string;
  direction: string;
  action: string;
  sia_task_id: string | null;
  sf_task_id: string | null;
  message: string;
  detail_json: string | null;
}

export interface SyncErrorsTable {
  id: Generated<number>;
  user_id: string;
  record_key: string;
  sia_task_id: string | null;
  sf_task_id: string | null;
  code: string;
  message: string;
  explanation: string;
  first_seen_at: string;
  last_seen_at: string;
  attempts: Defaulted<number>;
  resolved_at: string | null;
}

export interface ApiUsageTable {
  org_id: string;
  user_id: string;
  /** Start of the UTC hour, ISO text. */
  hour: string;
  calls: number;
}

export interface ApiLimitInfoTable {
  org_id: string;
  used: number;
  limit_total: number;
  at: string;
}

export interface EmailsTable {
  id: string;
  user_id: string;
  message_key: string;
  message_id_header: string | null;
  direction: string;
  /** 1 or 0 when the caller said whether the user received it; null: tell by the From address. */
  received: number | null;
  raw: Buffer;
  size: number;
  status: Defaulted<string>;
  status_detail_json: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  users: UsersTable;
  sync_settings: SyncSettingsTable;
  admin_settings: AdminSettingsTable;
  tasks: TasksTable;
  task_links: TaskLinksTable;
  create_marks: CreateMarksTable;
  sync_log: SyncLogTable;
  sync_errors: SyncErrorsTable;
  api_usage: ApiUsageTable;
  api_limit_info: ApiLimitInfoTable;
  emails: EmailsTable;
  org_integrations: OrgIntegrationsTable;
  org_change_streams: OrgChangeStreamsTable;
  change_event_deliveries: ChangeEventDeliveriesTable;
}

export interface OrgIntegrationsTable {
  org_id: string;
  instance_url: string;
  sf_user_id: string;
  sf_username: string;
  refresh_token_enc: string;
  connected_by: string | null;
  connected_at: string;
  status: Defaulted<string>;
  status_detail: string | null;
}

export interface OrgChangeStreamsTable {
  org_id: string;
  /** `streaming` (Change Data Capture events) or `polling` (the org poll, `reason` says why). */
  detection: string;
  reason: string | null;
  detail: string | null;
  /** The replay id (decimal) of the last event handled: the stream resumes after it. */
  replay_id: string | null;
  /** Every Task change committed before this instant has woken its users. */
  covered_until: string | null;
  /** Since when the stream has run without a gap (null while polling). */
  streaming_since: string | null;
  last_event_at: string | null;
  updated_at: string;
}

export interface ChangeEventDeliveriesTable {
  org_id: string;
  /** Start of the UTC hour, ISO text. */
  hour: string;
  events: number;
}

/** The store's query handle: the Kysely instance or a transaction (a Transaction is a Kysely). */
export type Db = Kysely<Database>;

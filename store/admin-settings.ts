import type { Db } from './schema';
import { isoTime } from './time';
import { toJsonColumn } from './json-column';

/** Account-wide settings an admin sets (one account per deployment). */
export const adminSettingKeys = {
  /** Subject of logged activities, with {{activity_type}}, {{activity_subject}}, {{sales_campaign_name}}, {{sales_campaign_step}}. */
  emailSubjectTemplate: 'email_subject_template',
} as const;
export type AdminSettingKey = (typeof adminSettingKeys)[keyof typeof adminSettingKeys];

export async function getAdminSetting(db: Db, key: AdminSettingKey): Promise<unknown> {
  const row = await db.selectFrom('admin_settings').select('value_json').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value_json) as unknown) : undefined;
}

export async function setAdminSetting(db: Db, key: AdminSettingKey, value: unknown, now = new Date()): Promise<void> {
  const row = { value_json: toJsonColumn(value), updated_at: isoTime(now) };
  await db
    .insertInto('admin_settings')
    .values({ key, ...row })
    .onConflict((oc) => oc.column('key').doUpdateSet(row))
    .execute();
}

/** The admin's subject template, or undefined when none was set (the caller's default applies). */
export async function getEmailSubjectTemplate(db: Db): Promise<string | undefined> {
  const value = await getAdminSetting(db, adminSettingKeys.emailSubjectTemplate);
  return typeof value === 'string' ? value : undefined;
}

export function setEmailSubjectTemplate(db: Db, template: string, now = new Date()): Promise<void> {
  return setAdminSetting(db, adminSettingKeys.emailSubjectTemplate, template, now);
}

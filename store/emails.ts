import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db, EmailsTable } from './schema';
import { isoTime } from './time';
import { toJsonColumn } from './json-column';

/**
 * Sent emails waiting to be logged. The raw MIME stays here; only the email's id travels through
 * workflow history. `messageKey` (e.g. a hash of the Message-ID) makes a resent notification
 * land on the same row.
 */

export const emailDirections = ['sent', 'reply'] as const;
export type EmailDirection = (typeof emailDirections)[number];
export const emailStatuses = ['pending', 'logged', 'skipped', 'failed'] as const;
export type EmailStatus = (typeof emailStatuses)[number];

export interface Email {
  id: string;
  userId: string;
  messageKey: string;
  messageIdHeader: string | null;
  direction: EmailDirection;
  /** The caller's word on whether the user received it (a reply from someone else); null: tell by From. */
  received: boolean | null;
  size: number;
  status: EmailStatus;
  statusDetail: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface NewEmail {
  messageKey: string;
  messageIdHeader?: string | null;
  direction: EmailDirection;
  received?: boolean | null;
  raw: Buffer;
}

type EmailRow = Omit<Selectable<EmailsTable>, 'raw'>;
const emailColumns = ['id', 'user_id', 'message_key', 'message_id_header', 'direction', 'received', 'size', 'status', 'status_detail_json', 'created_at', 'updated_at'] as const;

function toEmail(row: EmailRow): Email {
  return {
    id: row.id,
    userId: row.user_id,
    messageKey: row.message_key,
    messageIdHeader: row.message_id_header,
    direction: row.direction as EmailDirection,
    received: row.received === null ? null : row.received === 1,
    size: row.size,
    status: row.status as EmailStatus,
    statusDetail: row.status_detail_json === null ? null : (JSON.parse(row.status_detail_json) as unknown),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Stores the email unless the user already has one with this key; either way returns the stored one. */
export async function insertEmailIfAbsent(db: Db, userId: string, email: NewEmail, now = new Date()): Promise<{ created: boolean; email: Email }> {
  const at = isoTime(now);
  const inserted = await db
    .insertInto('emails')
    .values({
      id: randomUUID(),
      user_id: userId,
      message_key: email.messageKey,
      message_id_header: email.messageIdHeader ?? null,
      direction: email.direction,
      received: email.received === undefined || email.received === null ? null : email.received ? 1 : 0,
      raw: email.raw,
      size: email.raw.length,
      status: 'pending',
      status_detail_json: null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['user_id', 'message_key']).doNothing())
    .returning(emailColumns)
    .executeTakeFirst();
  if (inserted) return { created: true, email: toEmail(inserted) };
  const existing = await db.selectFrom('emails').select(emailColumns).where('user_id', '=', userId).where('message_key', '=', email.messageKey).executeTakeFirstOrThrow();
  return { created: false, email: toEmail(existing) };
}

export async function getEmail(db: Db, emailId: string): Promise<Email | undefined> {
  const row = await db.selectFrom('emails').select(emailColumns).where('id', '=', emailId).executeTakeFirst();
  return row && toEmail(row);
}

export async function getEmailByKey(db: Db, userId: string, messageKey: string): Promise<Email | undefined> {
  const row = await db.selectFrom('emails').select(emailColumns).where('user_id', '=', userId).where('message_key', '=', messageKey).executeTakeFirst();
  return row && toEmail(row);
}

/** The raw MIME, byte for byte. */
export async function getEmailRaw(db: Db, emailId: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('emails').select('raw').where('id', '=', emailId).executeTakeFirst();
  return row?.raw;
}

/** detail: plain data, e.g. {sfTaskIds, matched, reason} or an error code. */
export async function setEmailStatus(db: Db, emailId: string, status: EmailStatus, detail: unknown = null, now = new Date()): Promise<boolean> {
  if (!emailStatuses.includes(status)) throw new RangeError(`Unknown email status ${status}`);
  const result = await db
    .updateTable('emails')
    .set({ status, status_detail_json: detail === null || detail === undefined ? null : toJsonColumn(detail), updated_at: isoTime(now) })
    .where('id', '=', emailId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

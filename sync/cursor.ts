import { normalizeInstant, parseInstant } from './instants';
import { salesforceTaskFields, type SfTask } from './salesforce-mapping';
import { soqlDateTime, soqlIdentifier, soqlString, soqlStringList } from './soql-literals';

/**
 * The change cursor over SF Tasks: the (SystemModstamp, Id) of the last record handled.
 *
 * A plain `SystemModstamp > t` loses records that share the boundary second with the last one
 * seen when a page ends inside that second. Ordering by (SystemModstamp, Id) and resuming
 * strictly after the pair loses nothing and repeats nothing. The query is meant for `queryAll`,
 * which also returns deleted Tasks (IsDeleted = true), so updates and deletions arrive in one
 * stream.
 *
 * A page holds at most `limit` (2,000) records; a full page means: query again from
 * `advance(cursor, page)`. The cursor moves to the last record of the page as Salesforce
 * ordered it, never to a locally computed maximum, so local string ordering never matters.
 *
 * Salesforce datetimes are whole seconds. Should a cursor ever carry a fraction, the query falls
 * back to `SystemModstamp >= <that second>` and `recordsAfter` drops what was already seen.
 */

export interface ChangeCursor {
  /** SystemModstamp of the last record handled, canonical ISO (`…000Z`). */
  modstamp: string;
  /** Its Id. */
  id: string;
}

export type OwnerScope = { ownerIds: readonly string[] } | 'all';

const maxPageSize = 2000;

export interface ChangesQueryInput {
  owners: OwnerScope;
  after: ChangeCursor | null;
  fields?: readonly string[];
  limit?: number;
}

export function changesQuery({ owners, after, fields = salesforceTaskFields, limit = maxPageSize }: ChangesQueryInput): string {
  if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) throw new RangeError(`limit must be 1..${maxPageSize}, got ${limit}`);
  // The cursor fields must be read back, or the next page could not be asked for.
  const select = unique([...fields, 'Id', 'SystemModstamp'].map(soqlIdentifier));

  const conditions: string[] = [];
  if (owners !== 'all') conditions.push(`OwnerId IN ${soqlStringList(owners.ownerIds)}`);
  if (after) conditions.push(afterCondition(after));

  return [
    `SELECT ${select.join(', ')} FROM Task`,
    conditions.length ? `WHERE ${conditions.join(' AND ')}` : '',
    `ORDER BY SystemModstamp ASC, Id ASC LIMIT ${limit}`,
  ]
    .filter(Boolean)
    .join(' ');
}

function afterCondition(after: ChangeCursor): string {
  const ms = requireModstamp(after.modstamp);
  if (ms % 1000 !== 0) return `SystemModstamp >= ${soqlDateTime(after.modstamp, { truncate: true })}`;
  const at = soqlDateTime(after.modstamp);
  return `(SystemModstamp > ${at} OR (SystemModstamp = ${at} AND Id > ${soqlString(after.id)}))`;
}

/** The cursor after a page: the last record's (SystemModstamp, Id); unchanged for an empty page. */
export function advance(cursor: ChangeCursor | null, records: readonly Pick<SfTask, 'Id' | 'SystemModstamp'>[]): ChangeCursor | null {
  const last = records[records.length - 1];
  if (!last) return cursor;
  const modstamp = normalizeInstant(last.SystemModstamp);
  if (modstamp === null) throw new RangeError(`Task ${last.Id}: SystemModstamp is not an instant: ${last.SystemModstamp}`);
  return { modstamp, id: last.Id };
}

/**
 * Where a read of changes starts: the whole second of the cursor again. Salesforce stamps whole
 * seconds, so a record changed again in the same second as it was last read keeps its
 * SystemModstamp and would sit "before" a compound cursor forever. Re-reading that one second
 * costs a few records, which the reconcile rules see as echoes when nothing changed.
 */
export function boundaryReread(cursor: ChangeCursor | null): ChangeCursor | null {
  return cursor && { modstamp: cursor.modstamp, id: '' };
}

/** Whether a full page came back, so another query from the advanced cursor is needed. */
export function hasMorePages(records: readonly unknown[], limit = maxPageSize): boolean {
  return records.length >= limit;
}

/**
 * The records strictly after the cursor. Only needed after the `>=` fallback; harmless always.
 * Ids compare on their first 15 characters (the 18-character form adds a checksum suffix).
 */
export function recordsAfter<R extends Pick<SfTask, 'Id' | 'SystemModstamp'>>(cursor: ChangeCursor | null, records: readonly R[]): R[] {
  if (!cursor) return [...records];
  const at = requireModstamp(cursor.modstamp);
  return records.filter((r) => {
    const ms = requireModstamp(r.SystemModstamp);
    if (ms !== at) return ms > at;
    return r.Id.slice(0, 15) > cursor.id.slice(0, 15);
  });
}

function requireModstamp(text: string): number {
  const ms = parseInstant(text);
  if (ms === null) throw new RangeError(`Not a SystemModstamp: ${JSON.stringify(text)}`);
  return ms;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

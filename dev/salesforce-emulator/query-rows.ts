/**
 * Rows handed to the SOQL evaluator: a record's fields plus its parents (`Owner`, `Who`,
 * `Account` …) reachable as nested records, resolved only when a query reads them.
 */
import type { OrgData, StoredRecord } from './org-model';
import { objectByKeyPrefix, type ObjectDef } from './schema';

type Row = Record<string, unknown>;

export const recordUrl = (version: string, sobject: string, id: string): string => `/services/data/v${version}/sobjects/${sobject}/${id}`;

function parentRow(org: OrgData, version: string, id: unknown, polymorphic: boolean): Row | null {
  if (typeof id !== 'string') return null;
  const def = objectByKeyPrefix(id);
  const rec = def ? org.tables.get(def.name)?.get(id) : undefined;
  if (!def || !rec) return null;
  const row = queryRow(org, version, rec);
  if (polymorphic) {
    // The Name object: Type says what the parent really is.
    row.Type = def.name;
    row.attributes = { type: 'Name', url: recordUrl(version, def.name, id) };
  }
  return row;
}

function addParents(row: Row, org: OrgData, version: string, def: ObjectDef): void {
  for (const fd of def.fields) {
    if (fd.type !== 'reference' || !fd.relationshipName) continue;
    const polymorphic = (fd.referenceTo?.length ?? 0) > 1;
    Object.defineProperty(row, fd.relationshipName, {
      enumerable: false,
      get: () => parentRow(org, version, row[fd.name], polymorphic),
    });
  }
}

/** A record as a query row, with `attributes` (type, url) and lazily resolved parents. */
export function queryRow(org: OrgData, version: string, rec: StoredRecord): Row {
  const row: Row = { attributes: { type: rec.def.name, url: recordUrl(version, rec.def.name, rec.fields.Id as string) }, ...rec.fields };
  addParents(row, org, version, rec.def);
  return row;
}

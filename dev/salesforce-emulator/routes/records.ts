/** Shared helpers for answering with records and write results. */
import { SfError } from '../errors';
import type { StoredRecord } from '../org-model';
import { recordUrl } from '../query-rows';
import { fieldDef } from '../schema';

/** A record as GET /sobjects/{type}/{id} shows it: attributes, then fields in describe order. */
export function recordBody(version: string, rec: StoredRecord, fieldList?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: rec.def.name, url: recordUrl(version, rec.def.name, rec.fields.Id as string) } };
  const names = fieldList ?? rec.def.fields.map((d) => d.name);
  for (const name of names) out[name] = rec.fields[name] ?? null;
  return out;
}

/** Parses `fields=A,B`: unknown names are INVALID_FIELD, names come back canonical. */
export function parseFieldList(rec: StoredRecord, raw: string | null): string[] | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  return raw.split(',').map((name) => {
    const d = fieldDef(rec.def, name.trim());
    if (!d) {
      throw new SfError(
        400,
        'INVALID_FIELD',
        `No such column '${name.trim()}' on entity '${rec.def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return d.name;
  });
}

/** `{id, success, errors}` of a save; `created` appears on upserts. */
export interface SaveResult {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}

export const saveOk = (id: string, created?: boolean): SaveResult => ({ id, success: true, errors: [], ...(created === undefined ? {} : { created }) });

export const saveFailed = (e: SfError): SaveResult => ({ success: false, errors: [{ statusCode: e.errorCode, message: e.message, fields: e.fields }] });

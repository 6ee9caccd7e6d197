/**
 * Turns a JSON body into field values the way the REST API does: unknown fields, read-only
 * fields, wrong JSON types, over-long text and bad restricted-picklist values are refused with
 * the error codes Salesforce uses for each.
 */
import { parseSfDate, parseSfDateTime, toSfDate, toSfDateTime } from './clock';
import { SfError } from './errors';
import { normalizeId } from './ids';
import { fieldDef, type FieldDef, type ObjectDef } from './schema';

export type WriteMode = 'create' | 'update';

/** A value of the wrong JSON shape fails the whole request, before any record is looked at. */
export class JsonParserError extends SfError {
  constructor(message: string) {
    super(400, 'JSON_PARSER_ERROR', message);
  }
}

const jsonTypeError = (kind: string, value: unknown): JsonParserError =>
  new JsonParserError(
    `Cannot deserialize instance of ${kind} from ${typeof value === 'string' ? 'VALUE_STRING' : 'VALUE_' + typeof value} value ${String(
      value,
    )} or request may be missing a required field`,
  );

function coerceText(def: FieldDef, value: unknown): string | null {
  if (value === null) return null;
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
  if (text === null) throw jsonTypeError(def.type, JSON.stringify(value));
  // Salesforce keeps an empty text as null.
  return text === '' ? null : text;
}

/** Converts one JSON value to the form REST shows for the field's type; throws for a wrong shape. */
export function coerceValue(def: FieldDef, value: unknown): unknown {
  if (value === undefined) return undefined;
  switch (def.type) {
    case 'boolean':
      if (value === null) return false;
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw jsonTypeError('boolean', value);
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      if (value === null) return null;
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw jsonTypeError('double', value);
      return def.type === 'int' ? Math.trunc(n) : n;
    }
    case 'date': {
      if (value === null || value === '') return null;
      const ms = typeof value === 'string' ? parseSfDate(value) : undefined;
      if (ms === undefined) throw jsonTypeError('date', value);
      return toSfDate(ms);
    }
    case 'datetime': {
      if (value === null || value === '') return null;
      const ms = typeof value === 'string' ? parseSfDateTime(value) : undefined;
      if (ms === undefined) throw jsonTypeError('datetime', value);
      return toSfDateTime(ms);
    }
    default:
      return coerceText(def, value);
  }
}

function checkText(def: FieldDef, value: string): void {
  if (def.length !== undefined && value.length > def.length && def.type !== 'id' && def.type !== 'reference') {
    throw new SfError(400, 'STRING_TOO_LONG', `${def.label}: data value too large: ${value} (max length=${def.length})`, [def.name]);
  }
  if (def.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    throw new SfError(400, 'INVALID_EMAIL_ADDRESS', `${def.label}: invalid email address: ${value}`, [def.name]);
  }
  if (def.picklist?.restricted && !def.picklist.values.some((p) => p.value === value)) {
    throw new SfError(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${def.label}: bad value for restricted picklist field: ${value}`, [def.name]);
  }
  if ((def.type === 'reference' || def.type === 'id') && normalizeId(value) === undefined) {
    throw new SfError(400, 'MALFORMED_ID', `${def.label}: id value of incorrect type: ${value}`, [def.name]);
  }
}

export interface InputOptions {
  mode: WriteMode;
  /** The org lets audit fields be set on create ("Set Audit Fields upon Record Creation"). */
  auditFieldsOnCreate: boolean;
  /** Fields the resource itself supplies (the external id of an upsert), allowed in the body. */
  allowed?: string[];
}

/**
 * Validates a body against the object's fields; returns the values keyed by canonical field
 * name, reference ids in their 18-character form.
 */
export function readInput(obj: ObjectDef, body: Record<string, unknown>, opts: InputOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const notWritable: string[] = [];
  for (const [key, raw] of Object.entries(body)) {
    if (key === 'attributes') continue;
    const def = fieldDef(obj, key);
    if (!def) throw new SfError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${obj.name}`);
    const writable =
      opts.allowed?.includes(def.name) ||
      (opts.mode === 'create' ? def.createable || (def.audit === true && opts.auditFieldsOnCreate) : def.updateable);
    if (!writable) {
      notWritable.push(def.name);
      continue;
    }
    const value = coerceValue(def, raw);
    if (typeof value === 'string') checkText(def, value);
    out[def.name] = (def.type === 'reference' || def.type === 'id') && typeof value === 'string' ? normalizeId(value) : value;
  }
  if (notWritable.length > 0) {
    throw new SfError(
      400,
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      notWritable,
    );
  }
  return out;
}

/** Fields a create must end up with: not nillable, createable, no default. */
export function missingRequired(obj: ObjectDef, record: Record<string, unknown>): string[] {
  return obj.fields
    .filter((d) => d.createable && !d.nillable && d.type !== 'boolean' && d.defaultValue === undefined && d.name !== 'OwnerId')
    .filter((d) => record[d.name] === null || record[d.name] === undefined)
    .map((d) => d.name);
}

export function requiredFieldMissing(fields: string[]): SfError {
  return new SfError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${fields.join(', ')}]`, fields);
}

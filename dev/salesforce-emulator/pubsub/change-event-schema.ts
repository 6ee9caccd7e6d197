/**
 * The Avro schema of a change event (`TaskChangeEvent`) and its binary encoding, as the Pub/Sub
 * API delivers it: a `ChangeEventHeader` record first, then one nullable field per record
 * field (no `Id`, `IsDeleted` or `SystemModstamp`), date-times as epoch milliseconds, dates as
 * days since the epoch, and the header's field lists as bitmaps over the schema's field
 * positions.
 */
import { createHash } from 'node:crypto';
import avro from 'avro-js';
import { parseSfDate, parseSfDateTime } from '../clock';
import type { FieldDef, ObjectDef } from '../schema';

/** The change types a change event header can carry (Change Data Capture Developer Guide). */
export const CHANGE_TYPES = ['CREATE', 'UPDATE', 'DELETE', 'UNDELETE', 'GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE', 'GAP_OVERFLOW'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: ChangeType;
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
}

/** Record fields a change event never carries. */
const NOT_IN_CHANGE_EVENTS = new Set(['Id', 'IsDeleted', 'SystemModstamp']);

type AvroValueType = 'string' | 'boolean' | 'double' | 'int' | 'long';

function avroTypeOf(fd: FieldDef): { branch: AvroValueType; schema: unknown } {
  switch (fd.type) {
    case 'boolean':
      return { branch: 'boolean', schema: 'boolean' };
    case 'datetime':
      return { branch: 'long', schema: { type: 'long', logicalType: 'timestamp-millis' } };
    case 'date':
      return { branch: 'int', schema: { type: 'int', logicalType: 'date' } };
    case 'currency':
    case 'percent':
    case 'double':
      return { branch: 'double', schema: 'double' };
    case 'int':
      return { branch: 'int', schema: 'int' };
    default:
      return { branch: 'string', schema: 'string' };
  }
}

const HEADER_SCHEMA = {
  type: 'record',
  name: 'ChangeEventHeader',
  namespace: 'com.sforce.eventbus',
  fields: [
    { name: 'entityName', type: 'string' },
    { name: 'recordIds', type: { type: 'array', items: 'string' } },
    { name: 'changeType', type: { type: 'enum', name: 'ChangeType', namespace: 'com.sforce.eventbus', symbols: [...CHANGE_TYPES] } },
    { name: 'changeOrigin', type: 'string' },
    { name: 'transactionKey', type: 'string' },
    { name: 'sequenceNumber', type: 'int' },
    { name: 'commitTimestamp', type: 'long' },
    { name: 'commitNumber', type: 'long' },
    { name: 'commitUser', type: 'string' },
    { name: 'nulledFields', type: { type: 'array', items: 'string' } },
    { name: 'diffFields', type: { type: 'array', items: 'string' } },
    { name: 'changedFields', type: { type: 'array', items: 'string' } },
  ],
};

export interface ChangeEventContent {
  header: ChangeEventHeader;
  /** Field values as REST shows them; absent or null fields are sent as null. */
  values: Record<string, unknown>;
  changedFields: string[];
  nulledFields: string[];
}

export class ChangeEventSchema {
  /** The record fields in schema order; position i + 1 in the Avro record (the header is 0). */
  readonly fields: FieldDef[];
  readonly json: string;
  /** Stable for a given schema: a fingerprint of its JSON. */
  readonly id: string;
  private readonly type;

  constructor(readonly def: ObjectDef) {
    this.fields = def.fields.filter((fd) => !NOT_IN_CHANGE_EVENTS.has(fd.name));
    const schema = {
      type: 'record',
      name: `${def.name}ChangeEvent`,
      namespace: 'com.sforce.eventbus',
      fields: [
        { name: 'ChangeEventHeader', type: HEADER_SCHEMA },
        ...this.fields.map((fd) => ({ name: fd.name, type: ['null', avroTypeOf(fd).schema], default: null })),
      ],
    };
    this.json = JSON.stringify(schema);
    this.id = createHash('sha256').update(this.json).digest('base64url').slice(0, 22);
    this.type = avro.parse(schema);
  }

  /** The Avro binary payload of one change event. */
  encode(content: ChangeEventContent): Buffer {
    const record: Record<string, unknown> = {
      ChangeEventHeader: {
        ...content.header,
        nulledFields: this.bitmap(content.nulledFields),
        diffFields: [],
        changedFields: this.bitmap(content.changedFields),
      },
    };
    for (const fd of this.fields) {
      const value = avroValue(fd, content.values[fd.name]);
      record[fd.name] = value === null ? null : { [avroTypeOf(fd).branch]: value };
    }
    return this.type.toBuffer(record);
  }

  decode(payload: Buffer): unknown {
    return this.type.fromBuffer(payload);
  }

  /**
   * A field list as Pub/Sub sends it: one hexadecimal bitmap (`0x…`, bit i = the field at
   * position i of the schema); an empty list stays empty. Compound fields would add
   * `parentPosition-0x…` entries; the emulated objects have none.
   */
  bitmap(fieldNames: string[]): string[] {
    if (fieldNames.length === 0) return [];
    let bits = 0n;
    for (const name of fieldNames) {
      const index = this.fields.findIndex((fd) => fd.name === name);
      if (index < 0) throw new Error(`${name} is not a field of ${this.def.name}ChangeEvent`);
      bits |= 1n << BigInt(index + 1);
    }
    let hex = bits.toString(16).toUpperCase();
    if (hex.length % 2 === 1) hex = `0${hex}`;
    return [`0x${hex}`];
  }

  /** Whether a field's value, as REST shows it, is the same in both records (as the change event compares them). */
  sameValue(fd: FieldDef, a: unknown, b: unknown): boolean {
    return avroValue(fd, a) === avroValue(fd, b);
  }
}

/** A REST field value as its Avro value: date-times in epoch ms, dates in days since the epoch. */
function avroValue(fd: FieldDef, value: unknown): string | number | boolean | null {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value !== 'string') return null;
  if (fd.type === 'datetime') return parseSfDateTime(value) ?? null;
  if (fd.type === 'date') {
    const ms = parseSfDate(value);
    return ms === undefined ? null : ms / 86_400_000;
  }
  return value;
}

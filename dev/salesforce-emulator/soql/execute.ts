import type { Condition, FieldRef, FieldType, Literal, OrderItem, ParsedQuery } from './ast';
import { resolveDateLiteral } from './date-literals';
import { DAY_MS, idKey, parseDateTime, parseDay } from './values';

type Row = Record<string, unknown>;
type Key = string | number;

export interface QueryResult {
  records: Record<string, unknown>[];
  totalSize: number;
}

/** Filters, orders, pages and projects rows as Salesforce would answer the parsed query. */
export function executeSoql(q: ParsedQuery, rows: Iterable<Row>, now: Date): QueryResult {
  let matched: Row[] = [];
  for (const row of rows) if (!q.where || evaluate(q.where, row, now)) matched.push(row);
  if (q.orderBy.length > 0) matched.sort((a, b) => compareRows(q.orderBy, a, b));
  const start = q.offset ?? 0;
  matched = matched.slice(start, q.limit === undefined ? undefined : start + q.limit);
  if (q.isCount) return { records: [], totalSize: matched.length };
  const records = matched.map((row) => project(q.fieldRefs, row));
  return { records, totalSize: records.length };
}

// ---- reading values ----

/** Exact name first, then case-insensitively; own non-enumerable props count (lazy parents). */
function getProp(obj: Row, name: string): unknown {
  if (name in obj) return obj[name];
  const lower = name.toLowerCase();
  for (const k of Object.getOwnPropertyNames(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

/** Follows a field path through nested parent records as REST shows them (`Owner: {Email}`). */
export function readPath(row: Row, path: string[]): unknown {
  let cur: unknown = row;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return null;
    cur = getProp(cur as Row, part);
  }
  return cur === undefined ? null : cur;
}

/** Salesforce stores an empty text or lookup as null, so '' and null are the same value. */
function isNull(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/** A comparable key for a non-null row value; undefined when the value cannot be read as its type. */
function rowKey(type: FieldType, v: unknown): Key | undefined {
  switch (type) {
    case 'id':
    case 'reference':
      return idKey(String(v));
    case 'boolean':
      return v === true || v === 'true' ? 1 : 0;
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return typeof v === 'number' ? v : Number(v);
    case 'date':
      return typeof v === 'string' ? (parseDay(v.slice(0, 10)) ?? undefined) : undefined;
    case 'datetime':
      return typeof v === 'string' ? parseDateTime(v) : v instanceof Date ? v.getTime() : undefined;
    default:
      return String(v).toUpperCase();
  }
}

function literalKey(type: FieldType, lit: Literal): Key | undefined {
  switch (lit.kind) {
    case 'string':
      return type === 'id' || type === 'reference' ? idKey(lit.value) : lit.value.replace(/\\([%_])/g, '$1').toUpperCase();
    case 'number':
      return lit.value;
    case 'boolean':
      return lit.value ? 1 : 0;
    case 'date':
      return lit.day;
    case 'datetime':
      return lit.epochMs;
    default:
      return undefined;
  }
}

function cmp(a: Key, b: Key): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- WHERE ----

function evaluate(cond: Condition, row: Row, now: Date): boolean {
  switch (cond.type) {
    case 'and':
      return cond.items.every((c) => evaluate(c, row, now));
    case 'or':
      return cond.items.some((c) => evaluate(c, row, now));
    case 'not':
      return !evaluate(cond.item, row, now);
    case 'like':
      return like(cond.field, cond.pattern, row);
    case 'in': {
      const v = readPath(row, cond.field.path);
      const hit = cond.values.some((lit) => equals(cond.field, v, lit, now));
      return cond.negate ? !hit : hit;
    }
    case 'compare': {
      const v = readPath(row, cond.field.path);
      if (cond.op === '=') return equals(cond.field, v, cond.value, now);
      if (cond.op === '!=') return !equals(cond.field, v, cond.value, now);
      if (isNull(v) || cond.value.kind === 'null') return false;
      const key = rowKey(cond.field.type, v);
      if (key === undefined) return false;
      if (cond.value.kind === 'dateLiteral') {
        const { start, end } = literalRange(cond.field.type, cond.value, now);
        if (cond.op === '<') return (key as number) < start;
        if (cond.op === '<=') return (key as number) < end;
        if (cond.op === '>') return (key as number) >= end;
        return (key as number) >= start;
      }
      const lit = literalKey(cond.field.type, cond.value);
      if (lit === undefined) return false;
      const c = cmp(key, lit);
      return cond.op === '<' ? c < 0 : cond.op === '<=' ? c <= 0 : cond.op === '>' ? c > 0 : c >= 0;
    }
  }
}

/** `=` semantics: null matches only null; a date literal matches its whole range. */
function equals(field: FieldRef, v: unknown, lit: Literal, now: Date): boolean {
  // The reference: on a boolean field null matches FALSE (`= null` is `= false`).
  if (field.type === 'boolean') return (v === true) === (lit.kind === 'boolean' && lit.value);
  if (lit.kind === 'null' || (lit.kind === 'string' && lit.value === '')) return isNull(v);
  if (isNull(v)) return false;
  const key = rowKey(field.type, v);
  if (key === undefined) return false;
  if (lit.kind === 'dateLiteral') {
    const { start, end } = literalRange(field.type, lit, now);
    return (key as number) >= start && (key as number) < end;
  }
  return key === literalKey(field.type, lit);
}

/** The literal's day range, in days for date fields and in epoch milliseconds for datetimes. */
function literalRange(type: FieldType, lit: Literal & { kind: 'dateLiteral' }, now: Date): { start: number; end: number } {
  const days = resolveDateLiteral(lit.name, lit.n, now);
  return type === 'datetime' ? { start: days.start * DAY_MS, end: days.end * DAY_MS } : days;
}

const likeCache = new Map<string, RegExp>();

/** LIKE is case-insensitive; `%` is any run, `_` one character, `\%` and `\_` themselves. */
function like(field: FieldRef, pattern: string, row: Row): boolean {
  const v = readPath(row, field.path);
  if (isNull(v)) return false;
  let re = likeCache.get(pattern);
  if (!re) {
    let src = '';
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern[i] as string;
      const next = pattern[i + 1];
      if (ch === '\\' && (next === '%' || next === '_')) {
        src += next;
        i++;
      } else if (ch === '%') src += '[\\s\\S]*';
      else if (ch === '_') src += '[\\s\\S]';
      else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    re = new RegExp(`^${src}$`, 'i');
    likeCache.set(pattern, re);
  }
  return re.test(String(v));
}

// ---- ORDER BY ----

function compareRows(order: OrderItem[], a: Row, b: Row): number {
  for (const item of order) {
    const va = readPath(a, item.field.path);
    const vb = readPath(b, item.field.path);
    const na = isNull(va);
    const nb = isNull(vb);
    if (na || nb) {
      if (na && nb) continue;
      // Null placement is independent of ASC/DESC.
      return (na ? -1 : 1) * (item.nulls === 'FIRST' ? 1 : -1);
    }
    const ka = rowKey(item.field.type, va) ?? '';
    const kb = rowKey(item.field.type, vb) ?? '';
    const c = cmp(ka, kb);
    if (c !== 0) return item.direction === 'ASC' ? c : -c;
  }
  return 0;
}

// ---- projection ----

/**
 * Copies the selected fields in canonical spelling. A parent field becomes a nested object
 * (`Owner: { Email }`) and a missing parent becomes `Owner: null`, as REST answers.
 */
function project(refs: FieldRef[], row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const ref of refs) {
    let target = out;
    let source: unknown = row;
    const parents = ref.path.slice(0, -1);
    let missingParent = false;
    for (const rel of parents) {
      source = source !== null && typeof source === 'object' ? getProp(source as Row, rel) : null;
      if (source === null || source === undefined) {
        if (!(rel in target)) target[rel] = null;
        missingParent = true;
        break;
      }
      const existing = target[rel];
      if (existing === null || existing === undefined || typeof existing !== 'object') {
        const attributes = (source as Row).attributes;
        target[rel] = attributes === undefined ? {} : { attributes };
      }
      target = target[rel] as Record<string, unknown>;
    }
    if (missingParent) continue;
    const leaf = ref.path[ref.path.length - 1] as string;
    const value = source !== null && typeof source === 'object' ? getProp(source as Row, leaf) : undefined;
    target[leaf] = value === undefined ? null : value;
  }
  return out;
}

/**
 * sObject Collections (/composite/sobjects): up to 200 records a call, one result per record,
 * `allOrNone` rolling every change back when any record fails.
 */
import type { RestContext } from '../emulator-state';
import { notFound, SfError } from '../errors';
import { json, parseJsonBody, type Reply } from '../http-types';
import { normalizeId } from '../ids';
import { JsonParserError } from '../record-input';
import { MultipleMatches } from '../org-store';
import { fieldDef } from '../schema';
import { parseFieldList, recordBody, saveFailed, saveOk, type SaveResult } from './records';

const MAX_RECORDS = 200;
/** Collections exist from API 42.0, upsert by external id from 46.0. */
const COLLECTIONS_VERSION = 42;
const UPSERT_VERSION = 46;

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [] as string[],
};

function requireVersion(ctx: RestContext, min: number): void {
  if (ctx.versionNumber < min) throw notFound();
}

const tooMany = (): SfError => new SfError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);

interface CollectionBody {
  allOrNone: boolean;
  records: Record<string, unknown>[];
}

function readBody(ctx: RestContext): CollectionBody {
  const body = parseJsonBody(ctx.info) as { allOrNone?: unknown; records?: unknown };
  if (!Array.isArray(body.records)) throw new SfError(400, 'JSON_PARSER_ERROR', 'records: a list of sObjects is required');
  if (body.records.length > MAX_RECORDS) throw tooMany();
  return { allOrNone: body.allOrNone === true, records: body.records as Record<string, unknown>[] };
}

function typeOf(record: Record<string, unknown>): string {
  const attrs = record.attributes as { type?: unknown } | undefined;
  if (!attrs || typeof attrs.type !== 'string') throw new SfError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
  return attrs.type;
}

/**
 * Runs one operation per item. A body-level mistake (wrong JSON type) fails the whole call;
 * a record-level one fails that record, and with allOrNone rolls back the others.
 */
function runAll<T>(ctx: RestContext, items: T[], allOrNone: boolean, op: (item: T) => SaveResult): Reply {
  const { store } = ctx.state;
  const batch = store.beginBatch();
  try {
    const results = items.map((item) => {
      try {
        return op(item);
      } catch (e) {
        if (e instanceof JsonParserError) throw e;
        if (e instanceof SfError) return saveFailed(e);
        throw e;
      }
    });
    if (allOrNone && results.some((r) => !r.success)) {
      batch.rollback();
      return json(
        200,
        results.map((r) => (r.success ? { success: false, errors: [ROLLED_BACK] } : r)),
      );
    }
    return json(200, results);
  } catch (e) {
    batch.rollback();
    throw e;
  } finally {
    store.endBatch();
  }
}

export function createMany(ctx: RestContext): Reply {
  requireVersion(ctx, COLLECTIONS_VERSION);
  const { allOrNone, records } = readBody(ctx);
  const orgId = ctx.org.settings.orgId;
  return runAll(ctx, records, allOrNone, (r) => {
    const type = typeOf(r);
    const { attributes: _a, ...fields } = r;
    return saveOk(ctx.state.store.create(orgId, ctx.user.id, type, fields).fields.Id as string);
  });
}

export function updateMany(ctx: RestContext): Reply {
  requireVersion(ctx, COLLECTIONS_VERSION);
  const { allOrNone, records } = readBody(ctx);
  const orgId = ctx.org.settings.orgId;
  return runAll(ctx, records, allOrNone, (r) => {
    const type = typeOf(r);
    const { attributes: _a, id, Id, ...fields } = r;
    const rawId = id ?? Id;
    if (typeof rawId !== 'string' || rawId === '') throw new SfError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', []);
    if (!normalizeId(rawId)) throw new SfError(400, 'MALFORMED_ID', `${type} ID: id value of incorrect type: ${rawId}`, ['Id']);
    return saveOk(ctx.state.store.update(orgId, ctx.user.id, type, rawId, fields).fields.Id as string);
  });
}

export function deleteMany(ctx: RestContext): Reply {
  requireVersion(ctx, COLLECTIONS_VERSION);
  const raw = ctx.info.query.get('ids');
  if (!raw) throw new SfError(400, 'MISSING_ARGUMENT', 'ids parameter is required');
  const ids = raw.split(',').filter((s) => s !== '');
  if (ids.length > MAX_RECORDS) throw tooMany();
  const allOrNone = ctx.info.query.get('allOrNone') === 'true';
  const orgId = ctx.org.settings.orgId;
  return runAll(ctx, ids, allOrNone, (rawId) => {
    if (!normalizeId(rawId)) throw new SfError(400, 'MALFORMED_ID', `malformed id ${rawId}`, []);
    return saveOk(ctx.state.store.delete(orgId, ctx.user.id, undefined, rawId).fields.Id as string);
  });
}

export function upsertMany(ctx: RestContext, type: string, field: string): Reply {
  requireVersion(ctx, UPSERT_VERSION);
  const { allOrNone, records } = readBody(ctx);
  const { store } = ctx.state;
  const def = store.requireObject(type, ctx.org);
  const fd = fieldDef(def, field);
  if (!fd || !fd.externalId) throw new SfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${field}`);
  const orgId = ctx.org.settings.orgId;
  return runAll(ctx, records, allOrNone, (r) => {
    if (typeOf(r) !== def.name) throw new SfError(400, 'INVALID_TYPE', 'Upsert of mixed sObject types is not supported', []);
    const { attributes: _a, ...fields } = r;
    const key = Object.keys(fields).find((k) => k.toLowerCase() === fd.name.toLowerCase());
    const value = key === undefined ? undefined : fields[key];
    if (typeof value !== 'string' || value === '') {
      throw new SfError(400, 'MISSING_ARGUMENT', `${fd.name} not specified`, []);
    }
    try {
      const { record, created } = store.upsert(orgId, ctx.user.id, def.name, fd.name, value, fields);
      return saveOk(record.fields.Id as string, created);
    } catch (e) {
      if (e instanceof MultipleMatches) {
        throw new SfError(400, 'DUPLICATE_EXTERNAL_ID', `${fd.name}: more than one record found for external id field: ${e.ids.join(', ')}`, [fd.name]);
      }
      throw e;
    }
  });
}

/** GET ?ids=&fields= and POST {ids, fields}: records in the order asked, null for those not found. */
export function retrieveMany(ctx: RestContext, type: string): Reply {
  requireVersion(ctx, COLLECTIONS_VERSION);
  let ids: string[];
  let fields: string | null;
  if (ctx.info.method === 'POST') {
    const body = parseJsonBody(ctx.info) as { ids?: unknown; fields?: unknown };
    ids = Array.isArray(body.ids) ? body.ids.map(String) : [];
    fields = Array.isArray(body.fields) ? body.fields.map(String).join(',') : null;
  } else {
    ids = (ctx.info.query.get('ids') ?? '').split(',').filter((s) => s !== '');
    fields = ctx.info.query.get('fields');
  }
  if (fields === null) throw new SfError(400, 'MISSING_ARGUMENT', 'fields parameter is required');
  const def = ctx.state.store.requireObject(type, ctx.org);
  const out = ids.map((id) => {
    try {
      const rec = ctx.state.store.getVisible(ctx.org.settings.orgId, ctx.user.id, def.name, id);
      return recordBody(ctx.version, rec, parseFieldList(rec, fields));
    } catch (e) {
      if (e instanceof SfError && e.status === 404) return null;
      throw e;
    }
  });
  return json(200, out);
}


/** /sobjects: describe, create, read, update, delete and upsert of single records. */
import { describeGlobal, describeObject, globalEntry } from '../describe';
import type { RestContext } from '../emulator-state';
import { notFound, SfError } from '../errors';
import { json, parseJsonBody, type Reply } from '../http-types';
import { normalizeId } from '../ids';
import { MultipleMatches } from '../org-store';
import { recordUrl } from '../query-rows';
import { objectAvailable } from '../schema';
import type { StoredRecord } from '../org-model';
import { parseFieldList, recordBody } from './records';

/** Upsert answers 200 with a body on update, and `created` in its bodies, from API 46.0. */
const UPSERT_BODY_VERSION = 46;

function bodyObject(ctx: RestContext): Record<string, unknown> {
  const body = parseJsonBody(ctx.info);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SfError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of sobject from START_ARRAY value');
  }
  return body as Record<string, unknown>;
}

export function listObjects(ctx: RestContext): Reply {
  return json(200, describeGlobal(ctx.version, (o) => objectAvailable(o, ctx.org.settings)));
}

export function basicInfo(ctx: RestContext, type: string): Reply {
  const def = ctx.state.store.requireObject(type, ctx.org);
  return json(200, { objectDescribe: globalEntry(ctx.version, def), recentItems: [] });
}

export function describe(ctx: RestContext, type: string): Reply {
  return json(200, describeObject(ctx.version, ctx.state.store.requireObject(type, ctx.org)));
}

export function createRecord(ctx: RestContext, type: string): Reply {
  const rec = ctx.state.store.create(ctx.org.settings.orgId, ctx.user.id, type, bodyObject(ctx));
  return json(201, { id: rec.fields.Id, success: true, errors: [] });
}

/** Anything after /sobjects/{type}/ that is not an id is read as an external id field name. */
function requireRecordId(segment: string): string {
  const id = normalizeId(segment);
  if (!id) throw new SfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${segment}`);
  return id;
}

export function getRecord(ctx: RestContext, type: string, rawId: string): Reply {
  const rec = ctx.state.store.getVisible(ctx.org.settings.orgId, ctx.user.id, type, requireRecordId(rawId));
  return json(200, recordBody(ctx.version, rec, parseFieldList(rec, ctx.info.query.get('fields'))));
}

export function updateRecord(ctx: RestContext, type: string, rawId: string): Reply {
  const body = bodyObject(ctx);
  ctx.state.store.update(ctx.org.settings.orgId, ctx.user.id, type, requireRecordId(rawId), body);
  return json(204);
}

export function deleteRecord(ctx: RestContext, type: string, rawId: string): Reply {
  ctx.state.store.delete(ctx.org.settings.orgId, ctx.user.id, type, requireRecordId(rawId));
  return json(204);
}

function multipleChoices(ctx: RestContext, m: MultipleMatches): Reply {
  return json(300, m.ids.map((id) => recordUrl(ctx.version, m.sobject, id)));
}

/** The one live record with this external id, or the 300 answer listing several. */
function singleByExternalId(ctx: RestContext, type: string, field: string, value: string): StoredRecord | Reply {
  const { store } = ctx.state;
  const matches = store.findByExternalId(ctx.org.settings.orgId, ctx.user.id, type, field, value);
  if (matches.length > 1) return multipleChoices(ctx, new MultipleMatches(matches.map((r) => r.fields.Id as string), store.requireObject(type).name));
  const rec = matches[0];
  if (!rec) throw notFound();
  return rec;
}

export function getByExternalId(ctx: RestContext, type: string, field: string, value: string): Reply {
  const rec = singleByExternalId(ctx, type, field, value);
  if ('status' in rec) return rec;
  return json(200, recordBody(ctx.version, rec, parseFieldList(rec, ctx.info.query.get('fields'))));
}

export function upsertByExternalId(ctx: RestContext, type: string, field: string, value: string): Reply {
  const body = bodyObject(ctx);
  try {
    const { record, created } = ctx.state.store.upsert(ctx.org.settings.orgId, ctx.user.id, type, field, value, body);
    const withCreated = ctx.versionNumber >= UPSERT_BODY_VERSION;
    const result = { id: record.fields.Id, success: true, errors: [], ...(withCreated ? { created } : {}) };
    if (created) return json(201, result);
    return withCreated ? json(200, result) : json(204);
  } catch (e) {
    if (e instanceof MultipleMatches) return multipleChoices(ctx, e);
    throw e;
  }
}

export function deleteByExternalId(ctx: RestContext, type: string, field: string, value: string): Reply {
  const rec = singleByExternalId(ctx, type, field, value);
  if ('status' in rec) return rec;
  ctx.state.store.delete(ctx.org.settings.orgId, ctx.user.id, rec.def.name, rec.fields.Id as string);
  return json(204);
}

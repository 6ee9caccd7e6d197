/** /query and /queryAll: SOQL through the soql module, paged at most 2,000 records a page. */
import type { RestContext } from '../emulator-state';
import { SfError } from '../errors';
import { json, type Reply } from '../http-types';
import { queryRow } from '../query-rows';
import type { Page } from '../query-cursors';
import { soqlSchemaFor } from '../schema';
import { executeSoql, parseSoql, SoqlError, type ParsedQuery } from '../soql';

const MAX_BATCH = 2000;
const MIN_BATCH = 200;

/** `Sforce-Query-Options: batchSize=N` asks for smaller pages (200–2,000); default 2,000. */
function batchSize(ctx: RestContext): number {
  const header = ctx.info.req.headers['sforce-query-options'];
  const m = typeof header === 'string' ? /batchSize\s*=\s*(\d+)/i.exec(header) : null;
  if (!m) return MAX_BATCH;
  return Math.min(MAX_BATCH, Math.max(MIN_BATCH, Number(m[1])));
}

function pageBody(ctx: RestContext, page: Page): Record<string, unknown> {
  return {
    totalSize: page.totalSize,
    done: page.done,
    ...(page.nextLocator ? { nextRecordsUrl: `/services/data/v${ctx.version}/query/${page.nextLocator}` } : {}),
    records: page.records,
  };
}

/** The query with Id selected too, so each record's `attributes.url` can name it. */
function withId(q: ParsedQuery): { query: ParsedQuery; addedId: boolean } {
  if (q.fields.some((f) => f === 'Id')) return { query: q, addedId: false };
  return { query: { ...q, fields: [...q.fields, 'Id'], fieldRefs: [...q.fieldRefs, { path: ['Id'], type: 'id' }] }, addedId: true };
}

export function runQuery(ctx: RestContext, includeDeleted: boolean): Reply {
  const text = ctx.info.query.get('q');
  if (text === null || text.trim() === '') throw new SfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  let parsed: ParsedQuery;
  try {
    parsed = parseSoql(text, soqlSchemaFor(ctx.org.settings));
  } catch (e) {
    if (e instanceof SoqlError) throw new SfError(400, e.errorCode, e.message);
    throw e;
  }
  const { store, clock, cursors } = ctx.state;
  const orgId = ctx.org.settings.orgId;
  const rows = store.visibleRecords(orgId, ctx.user.id, parsed.sobject, { includeDeleted }).map((r) => queryRow(ctx.org, ctx.version, r));
  const { query, addedId } = withId(parsed);
  const result = executeSoql(query, rows, new Date(clock.now()));
  if (parsed.isCount) return json(200, { totalSize: result.totalSize, done: true, records: [] });
  const records = result.records.map((r) => {
    const { Id, ...rest } = r;
    const attributes = { type: parsed.sobject, url: `/services/data/v${ctx.version}/sobjects/${parsed.sobject}/${String(Id)}` };
    return addedId ? { attributes, ...rest } : { attributes, ...r };
  });
  return json(200, pageBody(ctx, cursors.open(orgId, ctx.user.id, records, result.totalSize, batchSize(ctx), clock.now())));
}

export function queryMore(ctx: RestContext, locator: string): Reply {
  const page = ctx.state.cursors.next(locator, ctx.org.settings.orgId, ctx.user.id, ctx.state.clock.now());
  if (!page) throw new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  return json(200, pageBody(ctx, page));
}

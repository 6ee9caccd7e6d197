/** Dispatches /services/data/vXX.X/… to its resource, Salesforce's 404/405 for the rest. */
import type { RestContext } from '../emulator-state';
import { SfError } from '../errors';
import { json, type Reply } from '../http-types';
import { createMany, deleteMany, retrieveMany, updateMany, upsertMany } from './collections';
import { limits, resources } from './org-info';
import { queryMore, runQuery } from './query';
import { getDeleted, getUpdated } from './replication';
import * as so from './sobjects';

type Handler = (ctx: RestContext, ...params: string[]) => Reply;
interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

const SEG = '([^/]+)';
const routes: Route[] = [
  { pattern: /^\/?$/, methods: { GET: resources } },
  { pattern: /^\/limits\/?$/, methods: { GET: limits } },
  { pattern: /^\/sobjects\/?$/, methods: { GET: so.listObjects } },
  { pattern: new RegExp(`^/sobjects/${SEG}/?$`), methods: { GET: so.basicInfo, POST: so.createRecord } },
  { pattern: new RegExp(`^/sobjects/${SEG}/describe/?$`), methods: { GET: so.describe } },
  { pattern: new RegExp(`^/sobjects/${SEG}/updated/?$`), methods: { GET: getUpdated } },
  { pattern: new RegExp(`^/sobjects/${SEG}/deleted/?$`), methods: { GET: getDeleted } },
  { pattern: new RegExp(`^/sobjects/${SEG}/${SEG}/?$`), methods: { GET: so.getRecord, PATCH: so.updateRecord, DELETE: so.deleteRecord } },
  {
    pattern: new RegExp(`^/sobjects/${SEG}/${SEG}/${SEG}/?$`),
    methods: { GET: so.getByExternalId, PATCH: so.upsertByExternalId, DELETE: so.deleteByExternalId },
  },
  { pattern: /^\/query\/?$/, methods: { GET: (ctx) => runQuery(ctx, false) } },
  { pattern: /^\/queryAll\/?$/, methods: { GET: (ctx) => runQuery(ctx, true) } },
  { pattern: new RegExp(`^/query(?:All)?/${SEG}/?$`), methods: { GET: queryMore } },
  { pattern: /^\/composite\/sobjects\/?$/, methods: { POST: createMany, PATCH: updateMany, DELETE: deleteMany } },
  { pattern: new RegExp(`^/composite/sobjects/${SEG}/?$`), methods: { GET: retrieveMany, POST: retrieveMany } },
  { pattern: new RegExp(`^/composite/sobjects/${SEG}/${SEG}/?$`), methods: { PATCH: upsertMany } },
];

export function dispatchRest(ctx: RestContext, restPath: string): Reply {
  for (const route of routes) {
    const m = route.pattern.exec(restPath);
    if (!m) continue;
    const handler = route.methods[ctx.info.method];
    if (!handler) {
      const allowed = Object.keys(route.methods).join(',');
      throw new SfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${ctx.info.method}' not allowed. Allowed are ${allowed}`);
    }
    return handler(ctx, ...m.slice(1).map((s) => decodeURIComponent(s)));
  }
  return json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
}

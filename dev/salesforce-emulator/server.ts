/**
 * The HTTP front: reads a request, decides what Salesforce would answer (authentication, API
 * access, the daily limit, faults) and writes the answer — or, for a lost answer, carries the
 * call out and closes the socket without one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { EmulatorState, RestContext } from './emulator-state';
import { invalidSession, SfError } from './errors';
import { json, type Reply, type RequestInfo } from './http-types';
import { control } from './routes/control';
import { authorize, bearerSession, identity, revoke, token, userinfo } from './routes/oauth';
import { restChangeOrigin } from './pubsub/change-data-capture';
import { dispatchRest } from './routes/rest';
import { supportedVersion, versionList } from './versions';

interface Outcome {
  reply: Reply;
  orgId: string | null;
  userId: string | null;
  counted: boolean;
  lose: boolean;
  fault: string | null;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function readRequest(req: IncomingMessage): Promise<RequestInfo> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://emulator');
  return {
    req,
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    bodyText: Buffer.concat(chunks).toString('utf8'),
    baseUrl: `http://${req.headers.host ?? 'localhost'}`,
  };
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (reply.raw) {
    headers['content-type'] = reply.raw.contentType;
    res.writeHead(reply.status, headers).end(reply.raw.text);
  } else if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
  } else {
    headers['content-type'] = 'application/json;charset=UTF-8';
    res.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
  }
}

/** Turns what a route threw into Salesforce's answer. */
function errorReply(e: unknown): Reply {
  if (e instanceof SfError) return json(e.status, e.body());
  if (e instanceof Error && (e as Error & { jsonParserError?: boolean }).jsonParserError) {
    return json(400, [{ message: e.message, errorCode: 'JSON_PARSER_ERROR' }]);
  }
  const errorId = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  console.error('salesforce emulator: unexpected error', e);
  return json(500, [{ message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId} (${String(e)})`, errorCode: 'UNKNOWN_EXCEPTION' }]);
}

async function withFaults(state: EmulatorState, info: RequestInfo, userId: string | undefined, run: () => Reply): Promise<Omit<Outcome, 'orgId' | 'userId' | 'counted'>> {
  const f = state.faults.take(info.method, info.path, userId);
  if (f.latencyMs > 0) await sleep(f.latencyMs);
  const fault = f.names.length > 0 ? f.names.join(',') : null;
  if (f.reply) return { reply: f.reply, lose: false, fault };
  let reply: Reply;
  try {
    reply = run();
  } catch (e) {
    reply = errorReply(e);
  }
  return { reply, lose: f.lose, fault };
}

const REST_PREFIX = /^\/services\/data\/v([^/]+)(\/.*)?$/;

async function restCall(state: EmulatorState, info: RequestInfo): Promise<Outcome> {
  const m = REST_PREFIX.exec(info.path) as RegExpExecArray;
  const versionText = m[1] as string;
  const versionNumber = supportedVersion(versionText);
  const none = { orgId: null, userId: null, counted: false, lose: false, fault: null };
  if (versionNumber === undefined) return { ...none, reply: json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]) };
  const session = bearerSession(state, info);
  const org = session ? state.store.findOrg(session.orgId) : undefined;
  const user = session && org ? org.users.get(session.userId) : undefined;
  if (!session || !org || !user?.isActive) return { ...none, reply: json(401, invalidSession().body()) };
  const ids = { orgId: org.settings.orgId, userId: user.id };
  if (!org.settings.apiEnabled) {
    return { ...none, ...ids, reply: json(403, [{ message: 'The REST API is not enabled for this Organization.', errorCode: 'API_DISABLED_FOR_ORG' }]) };
  }
  if (!user.apiEnabled) return { ...none, ...ids, reply: json(403, [{ message: 'API is disabled for this User', errorCode: 'API_CURRENTLY_DISABLED' }]) };
  const now = state.clock.now();
  const limit = org.settings.dailyApiLimit;
  let used = state.usage.used(ids.orgId, now);
  const limitHeader = (): Record<string, string> => ({ 'Sforce-Limit-Info': `api-usage=${used}/${limit}` });
  if (used >= limit) {
    return { ...none, ...ids, reply: json(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], limitHeader()) };
  }
  state.usage.record(ids.orgId, now);
  used += 1;
  const ctx: RestContext = { info, state, session, org, user, version: `${versionNumber}.0`, versionNumber };
  // One REST call is one transaction: its Task writes become change events sharing a transaction key.
  const origin = restChangeOrigin(ctx.version, info.req.headers['sforce-call-options']);
  const out = await withFaults(state, info, user.id, () => state.cdc.transaction(origin, () => dispatchRest(ctx, m[2] ?? '')));
  out.reply.headers = { ...(out.reply.headers ?? {}), ...limitHeader() };
  return { ...out, ...ids, counted: true };
}

/** Salesforce paths: OAuth, identity, versions and REST. */
async function salesforceCall(state: EmulatorState, info: RequestInfo): Promise<Outcome> {
  const none = { orgId: null, userId: null, counted: false };
  const p = info.path;
  const simple = async (run: () => Reply): Promise<Outcome> => ({ ...none, ...(await withFaults(state, info, undefined, run)) });
  if (p === '/services/oauth2/token' && info.method === 'POST') return simple(() => token(state, info));
  if (p === '/services/oauth2/authorize') return simple(() => authorize(state, info));
  if (p === '/services/oauth2/revoke') return simple(() => revoke(state, info));
  if (p === '/services/oauth2/userinfo') return simple(() => userinfo(state, info));
  const idMatch = /^\/id\/([^/]+)\/([^/]+)\/?$/.exec(p);
  if (idMatch) return simple(() => identity(state, info, idMatch[1] as string, idMatch[2] as string));
  // The versions list needs no session and does not count against the limit.
  if (/^\/services\/data\/?$/.test(p)) return simple(() => json(200, versionList()));
  if (REST_PREFIX.test(p)) return restCall(state, info);
  return { ...none, lose: false, fault: null, reply: json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]) };
}

export function createEmulatorServer(state: EmulatorState): Server {
  return createServer((req, res) => {
    void (async () => {
      const info = await readRequest(req);
      if (info.path.startsWith('/__emulator')) {
        let reply: Reply;
        try {
          reply = control(state, info);
        } catch (e) {
          reply = json(500, { error: String(e) });
        }
        send(res, reply);
        return;
      }
      const out = await salesforceCall(state, info);
      state.calls.add({
        at: new Date(state.clock.now()).toISOString(),
        method: info.method,
        path: info.path,
        status: out.lose ? 0 : out.reply.status,
        orgId: out.orgId,
        userId: out.userId,
        counted: out.counted,
        fault: out.fault,
      });
      if (out.lose) {
        // The work is done; the client never hears of it.
        req.socket.destroy();
        return;
      }
      send(res, out.reply);
    })().catch((e: unknown) => {
      if (!res.headersSent) send(res, errorReply(e));
    });
  });
}

/** Everything one emulator instance holds; each test starts its own, so nothing is global. */
import { ApiUsageMeter } from './api-usage';
import { CallLog } from './call-log';
import { Clock } from './clock';
import { FaultRegistry } from './faults';
import type { RequestInfo } from './http-types';
import type { OrgData, OrgUser } from './org-model';
import { OrgStore } from './org-store';
import { ChangeDataCapture } from './pubsub/change-data-capture';
import { PubSubStreams } from './pubsub/streams';
import { QueryCursors } from './query-cursors';
import { TokenStore, type Session } from './tokens';

export interface EmulatorState {
  clock: Clock;
  store: OrgStore;
  tokens: TokenStore;
  usage: ApiUsageMeter;
  calls: CallLog;
  faults: FaultRegistry;
  cursors: QueryCursors;
  /** Change Data Capture: change events of the org store's writes, kept for the Pub/Sub API. */
  cdc: ChangeDataCapture;
  /** Open Pub/Sub API streams and the levers tests pull on them (keepalive pace, outages). */
  pubsub: PubSubStreams;
}

export function createState(tokenLifetimeSeconds: number): EmulatorState {
  const clock = new Clock();
  const store = new OrgStore(clock);
  return {
    clock,
    store,
    tokens: new TokenStore(tokenLifetimeSeconds * 1000),
    usage: new ApiUsageMeter(),
    calls: new CallLog(),
    faults: new FaultRegistry(),
    cursors: new QueryCursors(),
    cdc: new ChangeDataCapture(store, clock),
    pubsub: new PubSubStreams(),
  };
}

/** A REST call that passed authentication: who makes it, against which org, at which API version. */
export interface RestContext {
  info: RequestInfo;
  state: EmulatorState;
  session: Session;
  org: OrgData;
  user: OrgUser;
  /** `50.0` */
  version: string;
  versionNumber: number;
}

/**
 * The Pub/Sub API's open Subscribe streams and the levers a test pulls on them: the keepalive
 * pace, the idle timeout, and outages (every stream cut, new ones refused for a while).
 */

/** Salesforce sends an empty FetchResponse within 270 seconds when it has no events to deliver. */
export const KEEPALIVE_MS = 270_000;
/** With nothing pending, the client must send a FetchRequest within 60 seconds or the stream closes. */
export const IDLE_TIMEOUT_MS = 60_000;

export interface OpenStream {
  orgId: string;
  userId: string;
  topic: string;
  /** Events requested and not yet delivered. */
  pending(): number;
  /** Ends the stream as an outage does. */
  cut(): void;
}

export interface StreamTimings {
  keepaliveMs: number;
  idleTimeoutMs: number;
}

export class PubSubStreams {
  private timings: StreamTimings = { keepaliveMs: KEEPALIVE_MS, idleTimeoutMs: IDLE_TIMEOUT_MS };
  private open = new Set<OpenStream>();
  /** Wall-clock time until which new calls are refused (an outage); 0 when none. */
  private refuseUntilMs = 0;

  get keepaliveMs(): number {
    return this.timings.keepaliveMs;
  }

  get idleTimeoutMs(): number {
    return this.timings.idleTimeoutMs;
  }

  setTimings(patch: Partial<StreamTimings>): StreamTimings {
    this.timings = { ...this.timings, ...patch };
    return { ...this.timings };
  }

  add(stream: OpenStream): () => void {
    this.open.add(stream);
    return () => this.open.delete(stream);
  }

  list(): { orgId: string; userId: string; topic: string; pending: number }[] {
    return [...this.open].map((s) => ({ orgId: s.orgId, userId: s.userId, topic: s.topic, pending: s.pending() }));
  }

  /** Cuts every open stream (of one org, if given); with `refuseForMs`, new calls are refused that long (wall clock). */
  outage(opts: { orgId?: string; refuseForMs?: number } = {}): number {
    if (opts.refuseForMs !== undefined) this.refuseUntilMs = Date.now() + opts.refuseForMs;
    const cut = [...this.open].filter((s) => !opts.orgId || s.orgId === opts.orgId);
    for (const s of cut) s.cut();
    return cut.length;
  }

  /** Ends a refusal early. */
  recover(): void {
    this.refuseUntilMs = 0;
  }

  refusing(): boolean {
    return Date.now() < this.refuseUntilMs;
  }

  reset(): void {
    this.timings = { keepaliveMs: KEEPALIVE_MS, idleTimeoutMs: IDLE_TIMEOUT_MS };
    this.refuseUntilMs = 0;
  }
}

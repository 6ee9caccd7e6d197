/**
 * Faults a test injects on Salesforce paths: errors, latency, lost answers (the call is carried
 * out, then the socket is closed without a reply) and maintenance on writes. A fault fires on
 * the next `times` matching calls, or with a probability drawn from its own seeded generator,
 * so runs repeat exactly.
 */
import { z } from 'zod';
import { json, type Reply } from './http-types';
import { seededRandom as seeded } from '../seeded-random';

export const faultSpecSchema = z.object({
  kind: z.enum(['error', 'latency', 'lostAnswer', 'maintenance']),
  /** Regular expression tested against the request path (`/sobjects/Task`, `^/services/oauth2/token$`). */
  path: z.string().default(''),
  method: z.string().optional(),
  /** Only calls made by this user (REST calls, after authentication). */
  userId: z.string().optional(),
  /** error: HTTP status (default 503), error code (default SERVER_UNAVAILABLE) and message. */
  status: z.number().int().optional(),
  errorCode: z.string().optional(),
  message: z.string().optional(),
  latencyMs: z.number().nonnegative().optional(),
  /** Fire on the next N matching calls, then retire. Default: every matching call. */
  times: z.number().int().positive().optional(),
  /** Fire on this share of matching calls, drawn from a generator seeded with `seed`. */
  probability: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
});
export type FaultSpec = z.input<typeof faultSpecSchema>;
type Fault = z.output<typeof faultSpecSchema> & { id: number; remaining?: number; random: () => number; fired: number };

export interface FaultOutcome {
  latencyMs: number;
  /** Answer with this instead of running the call. */
  reply?: Reply;
  /** Run the call, then drop the connection. */
  lose: boolean;
  names: string[];
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);


export class FaultRegistry {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): number {
    const parsed = faultSpecSchema.parse(spec);
    const id = this.nextId++;
    this.faults.push({ ...parsed, id, remaining: parsed.times, random: seeded(parsed.seed ?? id), fired: 0 });
    return id;
  }

  list(): { id: number; kind: string; path: string; method?: string; remaining?: number; fired: number }[] {
    return this.faults.map(({ id, kind, path, method, remaining, fired }) => ({ id, kind, path, method, remaining, fired }));
  }

  remove(id: number): void {
    this.faults = this.faults.filter((f) => f.id !== id);
  }

  clear(): void {
    this.faults = [];
  }

  /** Decides what happens to this call; consumes `times` of the faults that fire. */
  take(method: string, path: string, userId: string | undefined): FaultOutcome {
    const out: FaultOutcome = { latencyMs: 0, lose: false, names: [] };
    for (const f of this.faults) {
      if (f.method && f.method.toUpperCase() !== method) continue;
      if (f.path && !new RegExp(f.path).test(path)) continue;
      if (f.userId && f.userId !== userId) continue;
      if (f.kind === 'maintenance' && !WRITE_METHODS.has(method)) continue;
      if (f.probability !== undefined && f.random() >= f.probability) continue;
      if (f.remaining !== undefined) f.remaining -= 1;
      f.fired += 1;
      out.names.push(`${f.kind}#${f.id}`);
      if (f.kind === 'latency') out.latencyMs += f.latencyMs ?? 0;
      else if (f.kind === 'lostAnswer') out.lose = true;
      else if (!out.reply) out.reply = faultReply(f);
    }
    this.faults = this.faults.filter((f) => f.remaining === undefined || f.remaining > 0);
    return out;
  }
}

function faultReply(f: Fault): Reply {
  if (f.kind === 'maintenance') {
    return json(f.status ?? 503, [
      {
        message: f.message ?? 'Insert, update and delete operations are not allowed while the org is in maintenance.',
        errorCode: 'INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE',
      },
    ]);
  }
  return json(f.status ?? 503, [{ message: f.message ?? 'Server temporarily unavailable.', errorCode: f.errorCode ?? 'SERVER_UNAVAILABLE' }]);
}

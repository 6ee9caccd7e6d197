/**
 * Server-side query cursors behind `nextRecordsUrl` (`/query/01g…-2000`): the rest of a result
 * waits here until the client fetches it or the cursor times out (15 minutes of inactivity).
 */
import { randomInt } from 'node:crypto';
import { idSuffix } from './ids';

interface Cursor {
  id: string;
  orgId: string;
  userId: string;
  records: Record<string, unknown>[];
  totalSize: number;
  batchSize: number;
  lastUsedMs: number;
}

const CURSOR_IDLE_MS = 15 * 60_000;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export interface Page {
  records: Record<string, unknown>[];
  totalSize: number;
  done: boolean;
  /** The locator (`01g…-2000`) of the next page, when not done. */
  nextLocator?: string;
}

export class QueryCursors {
  private cursors = new Map<string, Cursor>();

  private newId(): string {
    let body = '';
    for (let i = 0; i < 12; i++) body += BASE62.charAt(randomInt(62));
    const id15 = `01g${body}`;
    return id15 + idSuffix(id15);
  }

  /** The first page of a result; keeps a cursor when more remain. */
  open(orgId: string, userId: string, records: Record<string, unknown>[], totalSize: number, batchSize: number, nowMs: number): Page {
    if (records.length <= batchSize) return { records, totalSize, done: true };
    const cursor: Cursor = { id: this.newId(), orgId, userId, records, totalSize, batchSize, lastUsedMs: nowMs };
    this.cursors.set(cursor.id, cursor);
    return { records: records.slice(0, batchSize), totalSize, done: false, nextLocator: `${cursor.id}-${batchSize}` };
  }

  /** The page at a locator, or undefined when the locator is unknown, another user's or timed out. */
  next(locator: string, orgId: string, userId: string, nowMs: number): Page | undefined {
    const m = /^([0-9A-Za-z]{15,18})-(\d+)$/.exec(locator);
    const cursor = m ? this.cursors.get(m[1] as string) : undefined;
    if (!m || !cursor || cursor.orgId !== orgId || cursor.userId !== userId) return undefined;
    if (nowMs - cursor.lastUsedMs > CURSOR_IDLE_MS) {
      this.cursors.delete(cursor.id);
      return undefined;
    }
    cursor.lastUsedMs = nowMs;
    const start = Number(m[2]);
    const end = start + cursor.batchSize;
    const records = cursor.records.slice(start, end);
    const done = end >= cursor.records.length;
    if (done) this.cursors.delete(cursor.id);
    return { records, totalSize: cursor.totalSize, done, nextLocator: done ? undefined : `${cursor.id}-${end}` };
  }

  reset(): void {
    this.cursors.clear();
  }
}

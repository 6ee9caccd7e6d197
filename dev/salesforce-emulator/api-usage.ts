/**
 * Counts API requests per org over a rolling 24 hours, as Salesforce's daily API request
 * limit does, in one-minute buckets so a long test run stays cheap.
 */
const DAY_MS = 86_400_000;
const BUCKET_MS = 60_000;

export class ApiUsageMeter {
  private buckets = new Map<string, Map<number, number>>();

  private forOrg(orgId: string): Map<number, number> {
    let b = this.buckets.get(orgId);
    if (!b) {
      b = new Map();
      this.buckets.set(orgId, b);
    }
    return b;
  }

  used(orgId: string, nowMs: number): number {
    const b = this.forOrg(orgId);
    let total = 0;
    for (const [bucket, n] of b) {
      if (bucket <= nowMs - DAY_MS) b.delete(bucket);
      else total += n;
    }
    return total;
  }

  record(orgId: string, nowMs: number): void {
    const b = this.forOrg(orgId);
    const bucket = Math.floor(nowMs / BUCKET_MS) * BUCKET_MS;
    b.set(bucket, (b.get(bucket) ?? 0) + 1);
  }

  /** Sets the count of the last 24 hours to `used`, all of it in the current minute. */
  set(orgId: string, used: number, nowMs: number): void {
    this.buckets.set(orgId, new Map([[Math.floor(nowMs / BUCKET_MS) * BUCKET_MS, used]]));
  }

  reset(): void {
    this.buckets.clear();
  }
}

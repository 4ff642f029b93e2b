/** Time source, injected so tests control it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Token buckets keyed by a string (a conversation, an address): `perMinute` tokens refill evenly over a
 * minute, and a full bucket allows a burst of that size, so a person typing fast is never blocked while a
 * script flooding the endpoint is. Counts are per instance; buckets idle for a minute are forgotten.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();
  private lastSweep: number;

  constructor(private readonly perMinute: number, private readonly clock: Clock = systemClock, private readonly maxKeys = 100000) {
    this.lastSweep = clock.now();
  }

  /** Takes one token for `key`; false when the bucket is empty. */
  tryTake(key: string): boolean {
    const now = this.clock.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, updated: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.updated) / 60000) * this.perMinute);
    bucket.updated = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Seconds until `key` has a token again (for Retry-After). */
  retryAfterSeconds(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.tokens >= 1) return 0;
    return Math.ceil(((1 - bucket.tokens) * 60) / this.perMinute);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60000 && this.buckets.size < this.maxKeys) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updated > 60000) this.buckets.delete(key);
    }
  }
}

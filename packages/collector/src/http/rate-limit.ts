/** Options of {@link RateLimiter}: a token bucket per client. */
export interface RateLimitOptions {
  /** Beacons per second a client may send, sustained. Default 10. */
  perSecond?: number;
  /** Beacons a client may send at once after a quiet spell. Default 60. */
  burst?: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

// Enough clients for a busy collector; beyond it the longest-idle buckets go
// first (a full bucket is the same as none), so memory stays bounded under a
// flood of spoofed addresses.
const MAX_CLIENTS = 50_000;

/**
 * A token bucket per client key. A page sends a beacon when it hides and every
 * few answers, so 10 per second sustained with a burst of 60 never touches a
 * real user, and stops one client from filling the disk.
 */
export class RateLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: RateLimitOptions = {}) {
    this.#rate = options.perSecond ?? 10;
    this.#burst = options.burst ?? 60;
  }

  /** Takes one token: 0 when allowed, else the seconds until the next token. */
  take(client: string, now: number): number {
    let bucket = this.#buckets.get(client);
    if (bucket === undefined) {
      bucket = { tokens: this.#burst, updated: now };
      if (this.#buckets.size >= MAX_CLIENTS) {
        const oldest = this.#buckets.keys().next().value;
        if (oldest !== undefined) this.#buckets.delete(oldest);
      }
    } else this.#buckets.delete(client);
    // Re-inserted last: the Map's order is then least recently seen first.
    this.#buckets.set(client, bucket);
    bucket.tokens = Math.min(this.#burst, bucket.tokens + ((now - bucket.updated) / 1000) * this.#rate);
    bucket.updated = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#rate));
  }
}

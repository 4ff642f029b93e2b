/** Time source in milliseconds, injected so tests control it. */
export type Now = () => number;

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  readonly resetAfterMs: number;
  readonly now?: Now;
}

/** Thrown instead of calling a dependency whose circuit is open. */
export class CircuitOpenError extends Error {
  constructor(name: string) {
    super(`CircuitBreaker(${name}): open, not calling`);
    this.name = 'CircuitOpenError';
  }
}

/**
 * Stops calling a dependency that keeps failing, so a dead service costs nothing per message; after a
 * pause one trial call decides whether to close again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private current: BreakerState = 'closed';
  private trialInFlight = false;

  constructor(private readonly name: string, private readonly options: CircuitBreakerOptions) {}

  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.resetAfterMs) return 'half-open';
    return this.current;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.trialInFlight)) throw new CircuitOpenError(this.name);
    const trial = state === 'half-open';
    if (trial) this.trialInFlight = true;
    try {
      const result = await call();
      this.failures = 0;
      this.current = 'closed';
      return result;
    } catch (error) {
      this.failures += 1;
      if (trial || this.failures >= this.options.failureThreshold) {
        this.current = 'open';
        this.openedAt = this.now();
      }
      throw error;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

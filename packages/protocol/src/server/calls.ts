/**
 * Book-keeping of in-flight calls: their abort controllers, the long-lived
 * streams to close on shutdown, and a way to wait until no work is running.
 * @internal
 */
/** A call in progress. */
export interface TrackedCall {
  /** Aborted on client cancellation or server shutdown. */
  readonly controller: AbortController;
  /** Marks the call finished; idempotent. */
  end(): void;
}

/** Tracks in-flight calls so shutdown can wait for them and cancel them. */
export class CallTracker {
  private readonly active = new Set<AbortController>();
  private readonly holders = new Set<() => void>();
  private idleWaiters: Array<() => void> = [];

  /** Number of calls in progress (long-lived service streams excluded). */
  get inFlight(): number {
    return this.active.size;
  }

  /** Starts tracking a call. */
  begin(): TrackedCall {
    const controller = new AbortController();
    this.active.add(controller);
    let ended = false;
    return {
      controller,
      end: () => {
        if (ended) return;
        ended = true;
        this.active.delete(controller);
        if (this.active.size === 0) this.notifyIdle();
      },
    };
  }

  /** Registers a long-lived stream (stdio, broker, health watch) to close on shutdown; returns an unregister function. */
  hold(close: () => void): () => void {
    this.holders.add(close);
    return () => this.holders.delete(close);
  }

  /** Closes every long-lived stream. */
  releaseHolders(): void {
    for (const close of [...this.holders]) {
      this.holders.delete(close);
      try {
        close();
      } catch {
        // a stream that is already gone
      }
    }
  }

  /** Aborts every call in progress. */
  abortAll(reason: unknown): void {
    for (const controller of this.active) controller.abort(reason);
  }

  /** Resolves once no call is in progress. */
  idle(): Promise<void> {
    if (this.active.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

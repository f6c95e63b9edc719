/**
 * Book-keeping of in-flight calls: their abort controllers, the long-lived
 * streams to close on shutdown, a way to wait until no work is running, and
 * which call an uncaught exception came from (its async context).
 * @internal
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** A call in progress. */
export interface TrackedCall {
  /** The RPC, e.g. `ApplyResourceChange`. */
  readonly rpc: string;
  /** Aborted on client cancellation or server shutdown. */
  readonly controller: AbortController;
  /** Resolves with the error given to {@link TrackedCall.fail}; never otherwise. */
  readonly failed: Promise<unknown>;
  /** Completes the call with an error, whatever its handler does (crash containment); idempotent. */
  fail(error: unknown): void;
  /** Marks the call finished; idempotent. */
  end(): void;
}

/** The call whose code is running: shared by every tracker of the process. */
const currentCall = new AsyncLocalStorage<{ readonly tracker: CallTracker; readonly call: TrackedCall }>();

/** Tracks in-flight calls so shutdown can wait for them and cancel them. */
export class CallTracker {
  private readonly active = new Set<TrackedCall>();
  private readonly holders = new Set<() => void>();
  private idleWaiters: Array<() => void> = [];

  /** Number of calls in progress (long-lived service streams excluded). */
  get inFlight(): number {
    return this.active.size;
  }

  /** Starts tracking a call of `rpc`. */
  begin(rpc = "call"): TrackedCall {
    const controller = new AbortController();
    let ended = false;
    let failWith: (error: unknown) => void = () => {};
    const failed = new Promise<unknown>((resolve) => {
      failWith = resolve;
    });
    const call: TrackedCall = {
      rpc,
      controller,
      failed,
      fail: (error) => failWith(error),
      end: () => {
        if (ended) return;
        ended = true;
        this.active.delete(call);
        if (this.active.size === 0) this.notifyIdle();
      },
    };
    this.active.add(call);
    return call;
  }

  /** Runs `fn` as code of `call`: an uncaught exception it causes later is traced back to it. */
  runIn<T>(call: TrackedCall, fn: () => T): T {
    return currentCall.run({ tracker: this, call }, fn);
  }

  /**
   * The calls an uncaught exception raised now belongs to: the call whose async context is
   * running, when it is one of this tracker's and still in flight; every call in flight when
   * the exception cannot be traced (another tracker's call: none).
   */
  culprits(): TrackedCall[] {
    const current = currentCall.getStore();
    if (current === undefined) return [...this.active];
    if (current.tracker !== this) return [];
    return this.active.has(current.call) ? [current.call] : [];
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
    for (const call of this.active) call.controller.abort(reason);
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

/**
 * Abort plumbing: the provider-wide stop signal (fired by Terraform's StopProvider) combined with
 * each request's own signal, and a race that returns as soon as the signal fires even when user
 * code ignores it.
 *
 * @module
 */

/** The reason given when StopProvider fires. */
export class StopError extends Error {
  /** @param reason why the provider was asked to stop */
  constructor(reason = "the provider was asked to stop") {
    super(reason);
    this.name = "AbortError";
  }
}

/**
 * Owns the provider's stop signal. `stop()` aborts every operation in flight; operations that start
 * afterwards get a fresh signal, so a provider that Terraform keeps using still works.
 */
export class StopController {
  #controller = new AbortController();
  #stops = 0;

  /** The signal of the operations started since the last stop. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** How many times `stop` was called. */
  get stopCount(): number {
    return this.#stops;
  }

  /** Aborts every operation in flight. */
  stop(reason?: string): void {
    const current = this.#controller;
    this.#controller = new AbortController();
    this.#stops++;
    current.abort(new StopError(reason));
  }

  /** A signal that fires on stop or when any of `others` fires. */
  signalFor(...others: readonly (AbortSignal | undefined)[]): AbortSignal {
    const signals = [this.signal, ...others.filter((s): s is AbortSignal => s !== undefined)];
    return signals.length === 1 ? signals[0]! : AbortSignal.any(signals);
  }
}

/** The reason an aborted signal gives, as an `AbortError` if it gave none. */
export function abortReasonOf(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted", "AbortError");
}

/** How long, by default, a handler may go on after its signal fired (10 s). */
export const DEFAULT_STOP_GRACE_PERIOD_MS = 10_000;

/**
 * The reason a call ends when its handler ignored the abort signal past the stop grace period.
 * Its `name` is `AbortError`, so it counts as a cancellation, but it says that the handler's
 * outcome is unknown: it may still complete after the answer was given.
 */
export class StopGracePeriodError extends Error {
  /**
   * @param where what was running, e.g. `resource kv_entry create`
   * @param gracePeriodMs the grace period that passed
   */
  constructor(
    readonly where: string,
    readonly gracePeriodMs: number,
  ) {
    super(`${where} did not finish within ${gracePeriodMs} ms after it was asked to stop`);
    this.name = "AbortError";
  }
}

/**
 * Resolves or rejects like `work`. When `signal` aborts first, `work` is still awaited, for at
 * most `gracePeriodMs` from the abort: if it settles in time its own result is the answer (what
 * the handler really did); otherwise the call rejects with `onExpiry()`'s error and `work` is
 * left to finish on its own (its rejection is caught). A grace period of 0 answers at once.
 */
export function settleWithinGrace<T>(
  work: Promise<T>,
  signal: AbortSignal,
  gracePeriodMs: number,
  onExpiry: () => unknown,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const expire = () => {
      if (done) return;
      done = true;
      work.catch(() => {});
      reject(onExpiry());
    };
    const onAbort = () => {
      if (gracePeriodMs <= 0) expire();
      else timer = setTimeout(expire, gracePeriodMs);
    };
    const finish = () => {
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    };
    work.then(
      (v) => {
        if (done) return;
        finish();
        resolve(v);
      },
      (e: unknown) => {
        if (done) return;
        finish();
        reject(e);
      },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Resolves like `promise`, or rejects with the signal's reason as soon as it aborts, whichever
 * comes first. The promise is not cancelled (user code should watch the signal), only abandoned:
 * use it only for reads (e.g. the next chunk of a stream), never around a write.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(abortReasonOf(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(abortReasonOf(signal));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

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

/**
 * Resolves like `promise`, or rejects with the signal's reason as soon as it aborts, whichever
 * comes first. The promise is not cancelled (user code should watch the signal), only abandoned.
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

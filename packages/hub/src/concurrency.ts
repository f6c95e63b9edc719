/**
 * Per-instance serialisation: operations on one resource instance run one after another, while
 * operations on different instances run concurrently. There is no global lock.
 *
 * @module
 */

import { abortReasonOf as abortReason } from "./abort.js";

/**
 * A lock per key. {@link KeyedLock.run} runs a task once every earlier task of the same key has
 * settled; tasks of different keys do not wait for each other. Keys with nothing queued are
 * forgotten, so the lock does not grow with the number of instances ever seen.
 */
export class KeyedLock {
  /** The tail of each key's queue: settles when the last queued task has settled. */
  readonly #tails = new Map<string, Promise<void>>();

  /** The number of keys with a running or queued task. */
  get activeKeys(): number {
    return this.#tails.size;
  }

  /** True if a task of this key is running or queued. */
  isBusy(key: string): boolean {
    return this.#tails.has(key);
  }

  /**
   * Runs `task` when it is this key's turn.
   * @param key the instance's key (see {@link instanceKey})
   * @param task the operation
   * @param signal if it aborts while waiting, the task is not run and the call rejects with its reason
   */
  async run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.#tails.set(key, tail);
    try {
      await waitOrAbort(previous, signal);
      return await task();
    } finally {
      release();
      // Forget the key once nothing is queued behind this task.
      void tail.then(() => {
        if (this.#tails.get(key) === tail) this.#tails.delete(key);
      });
    }
  }
}

function waitOrAbort(previous: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return previous;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    void previous.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}

/** Stable JSON rendering with sorted object keys, for keys built from identities. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "bigint") return value.toString();
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value instanceof Map) {
    const entries = [...value.entries()]
      .map(([k, v]) => [String(k), v] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
}

/**
 * The lock key of a resource instance: the resource type plus, in order of preference, an explicit
 * key from the caller, the identity, or the `id` attribute of a state or config. Returns undefined
 * when none is known (e.g. a create without an ID): such operations are not serialised.
 */
export function instanceKey(
  typeName: string,
  from: { readonly key?: string; readonly identity?: unknown; readonly values?: readonly unknown[] },
): string | undefined {
  if (from.key !== undefined) return `${typeName}\u0000key:${from.key}`;
  if (from.identity !== undefined && from.identity !== null)
    return `${typeName}\u0000identity:${stableJson(from.identity)}`;
  for (const v of from.values ?? []) {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const id = (v as Record<string, unknown>).id;
      if (typeof id === "string" || typeof id === "number") return `${typeName}\u0000id:${String(id)}`;
    }
  }
  return undefined;
}

/**
 * Private state: provider-owned JSON kept by Terraform next to a resource's state (or an
 * ephemeral resource's handle), never shown to users. Typed by the component's declared shape.
 *
 * On the wire it is bytes: a JSON object whose keys are the author's keys.
 *
 * @module
 */
import type { ExactJsonValue, JsonObject } from "./context.js";
import { PyviderError } from "./errors.js";

/** The shape of a component's private state: JSON values by key. */
export type PrivateShape = { [key: string]: ExactJsonValue };

/** Typed access to private state. */
export interface PrivateState<P extends PrivateShape = PrivateShape> {
  /** The value stored under `key`, or undefined. */
  get<K extends keyof P & string>(key: K): P[K] | undefined;
  /** Stores `value` under `key` (a JSON value; `undefined` removes the key). */
  set<K extends keyof P & string>(key: K, value: P[K] | undefined): void;
  /** Removes `key`. */
  delete<K extends keyof P & string>(key: K): void;
  /** True if `key` is stored. */
  has<K extends keyof P & string>(key: K): boolean;
  /** Every stored key. */
  keys(): (keyof P & string)[];
}

/** Read-only access to private state (e.g. the private state an earlier plan returned). */
export type ReadonlyPrivateState<P extends PrivateShape = PrivateShape> = Pick<
  PrivateState<P>,
  "get" | "has" | "keys"
>;

/** Private state that can be read and written as bytes by the framework. */
export class PrivateStore<P extends PrivateShape = PrivateShape> implements PrivateState<P> {
  readonly #data = new Map<string, ExactJsonValue>();

  /** @param initial the initial content */
  constructor(initial: JsonObject = {}) {
    for (const [k, v] of Object.entries(initial)) this.#data.set(k, v);
  }

  /**
   * Decodes private state bytes (UTF-8 JSON object). Empty or absent bytes give empty state.
   * @throws PyviderError if the bytes are not a JSON object
   */
  static fromBytes<P extends PrivateShape = PrivateShape>(
    bytes: Uint8Array | undefined | null,
  ): PrivateStore<P> {
    if (bytes === undefined || bytes === null || bytes.length === 0) return new PrivateStore<P>();
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch (e) {
      throw new PyviderError("Invalid private state", {
        detail: `The private state is not valid UTF-8 JSON: ${e instanceof Error ? e.message : String(e)}`,
        cause: e,
      });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new PyviderError("Invalid private state", { detail: "The private state is not a JSON object." });
    }
    return new PrivateStore<P>(parsed as JsonObject);
  }

  get<K extends keyof P & string>(key: K): P[K] | undefined {
    return structuredClone(this.#data.get(key)) as P[K] | undefined;
  }

  set<K extends keyof P & string>(key: K, value: P[K] | undefined): void {
    if (value === undefined) {
      this.#data.delete(key);
      return;
    }
    // Round-trip through JSON so what is stored is exactly what Terraform will give back.
    const text = JSON.stringify(value);
    if (text === undefined) throw new PyviderError(`Private state value for "${key}" is not JSON`);
    this.#data.set(key, JSON.parse(text) as ExactJsonValue);
  }

  delete<K extends keyof P & string>(key: K): void {
    this.#data.delete(key);
  }

  has<K extends keyof P & string>(key: K): boolean {
    return this.#data.has(key);
  }

  keys(): (keyof P & string)[] {
    return [...this.#data.keys()] as (keyof P & string)[];
  }

  /** The content as a JSON object. */
  toJSON(): JsonObject {
    return Object.fromEntries([...this.#data.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** The content as bytes for the wire; empty bytes when there is nothing stored. */
  toBytes(): Uint8Array {
    if (this.#data.size === 0) return new Uint8Array(0);
    return new TextEncoder().encode(JSON.stringify(this.toJSON()));
  }
}

/** Declares a component's private state shape (type-level only; see {@link privateState}). */
export interface PrivateStateDecl<P extends PrivateShape> {
  readonly kind: "privateState";
  /** Type-level only: the shape. Never set at runtime. */
  readonly __shape?: P;
}

/**
 * Declares the shape of a component's private state, so `ctx.private.get/set` are typed:
 *
 * ```ts
 * defineResource({ ..., privateState: privateState<{ etag: string }>(), ... })
 * ```
 */
export function privateState<P extends PrivateShape>(): PrivateStateDecl<P> {
  return Object.freeze({ kind: "privateState" as const });
}

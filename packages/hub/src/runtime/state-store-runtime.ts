/**
 * Invocation helpers of one state store type, for the protocol layer. State bytes stream in both
 * directions. Never throws.
 *
 * @module
 */
import { raceAbort } from "../abort.js";
import type { AnyStateStoreDefinition, ByteStream } from "../components/state-store.js";
import { makeContext } from "../context.js";
import { PyviderError } from "../errors.js";
import type { CallOptions, InvocationOutcome, Invoker, LooseHandlers, OperationLabel } from "./invoker.js";
import type { PlainObject } from "./resource-runtime.js";

type StoreHandlers = LooseHandlers<
  "listStates" | "deleteState" | "readState" | "writeState",
  "validate" | "configure" | "lock" | "unlock"
>;

/** The invocation helpers of one state store type. */
export class StateStoreRuntime {
  /**
   * @param definition the state store
   * @param invoker the provider's invoker
   */
  constructor(
    readonly definition: AnyStateStoreDefinition,
    private readonly invoker: Invoker,
  ) {}

  /** The handlers, loosely typed (the definition's own types are the author's). */
  get #handlers(): StoreHandlers {
    return this.definition.handlers as unknown as StoreHandlers;
  }

  /** The lock key that serialises reads, writes and deletes of one state. */
  #stateLane(stateId: string): string {
    return `${this.definition.name}\u0000state:${stateId}`;
  }

  #label(operation: string): OperationLabel {
    return { kind: "stateStore", typeName: this.definition.name, operation };
  }

  #ctx(parts: Parameters<Parameters<Invoker["run"]>[2]>[0], extra: object) {
    return makeContext(parts, { typeName: this.definition.name, ...extra });
  }

  /** Runs `validate` (no-op without one). */
  validate(req: { readonly config: PlainObject }, options?: CallOptions): Promise<InvocationOutcome<void>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("validate"), options, async (parts) => {
      await h.validate?.(this.#ctx(parts, { config: req.config }));
    });
  }

  /** Runs `configure` (no-op without one). */
  configure(req: { readonly config: PlainObject }, options?: CallOptions): Promise<InvocationOutcome<void>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("configure"), options, async (parts) => {
      await h.configure?.(this.#ctx(parts, { config: req.config }));
    });
  }

  /** Lists the stored states' IDs. */
  listStates(options?: CallOptions): Promise<InvocationOutcome<string[]>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("listStates"), options, async (parts) => {
      const ids = (await h.listStates(this.#ctx(parts, {}))) as Iterable<unknown>;
      return [...ids].map(String);
    });
  }

  /** Deletes a state. */
  deleteState(req: { readonly stateId: string }, options?: CallOptions): Promise<InvocationOutcome<void>> {
    const h = this.#handlers;
    return this.invoker.run(
      this.#label("deleteState"),
      options,
      async (parts) => {
        await h.deleteState(this.#ctx(parts, { stateId: req.stateId }));
      },
      this.#stateLane(req.stateId),
    );
  }

  /** Locks a state; the value is the lock ID (empty when the store does not lock). */
  lock(
    req: { readonly stateId: string; readonly operation: string },
    options?: CallOptions,
  ): Promise<InvocationOutcome<string>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("lock"), options, async (parts) => {
      if (h.lock === undefined) return "";
      return String(
        await h.lock(this.#ctx(parts, { stateId: req.stateId, info: { operation: req.operation } })),
      );
    });
  }

  /** Unlocks a state (no-op when the store does not lock). */
  unlock(
    req: { readonly stateId: string; readonly lockId: string },
    options?: CallOptions,
  ): Promise<InvocationOutcome<void>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("unlock"), options, async (parts) => {
      await h.unlock?.(this.#ctx(parts, { stateId: req.stateId, lockId: req.lockId }));
    });
  }

  /**
   * Reads a state's bytes, calling `onChunk` for each chunk (awaited). The value is the total
   * number of bytes; 0 for a state that does not exist.
   */
  readState(
    req: { readonly stateId: string },
    onChunk: (chunk: Uint8Array) => void | Promise<void>,
    options?: CallOptions,
  ): Promise<InvocationOutcome<number>> {
    const h = this.#handlers;
    return this.invoker.run(
      this.#label("readState"),
      options,
      async (parts) => {
        const data = await h.readState(this.#ctx(parts, { stateId: req.stateId }));
        if (data === null || data === undefined) return 0;
        if (data instanceof Uint8Array) {
          if (data.length > 0) await onChunk(data);
          return data.length;
        }
        if (typeof (data as ByteStream)[Symbol.asyncIterator] !== "function") {
          throw new PyviderError(
            `State store ${this.definition.name} readState returned neither bytes nor a byte stream`,
          );
        }
        const iterator = (data as ByteStream)[Symbol.asyncIterator]();
        let total = 0;
        for (;;) {
          const step = await raceAbort(iterator.next(), parts.signal);
          if (step.done === true) break;
          if (!(step.value instanceof Uint8Array)) {
            void Promise.resolve(iterator.return?.()).catch(() => {});
            throw new PyviderError(
              `State store ${this.definition.name} readState yielded a chunk that is not a Uint8Array`,
            );
          }
          total += step.value.length;
          await onChunk(step.value);
        }
        return total;
      },
      this.#stateLane(req.stateId),
    );
  }

  /** Writes a state's bytes from a stream of chunks. */
  writeState(
    req: { readonly stateId: string; readonly data: ByteStream },
    options?: CallOptions,
  ): Promise<InvocationOutcome<void>> {
    const h = this.#handlers;
    return this.invoker.run(
      this.#label("writeState"),
      options,
      async (parts) => {
        await h.writeState(this.#ctx(parts, { stateId: req.stateId, data: req.data }));
      },
      this.#stateLane(req.stateId),
    );
  }
}

/** Collects a byte stream into one buffer (for authors whose store writes whole objects). */
export async function collectBytes(stream: ByteStream): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    size += chunk.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

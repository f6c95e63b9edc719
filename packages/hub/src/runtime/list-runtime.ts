/**
 * Invocation helpers of one list resource type, for the protocol layer: results are handed to a
 * callback as the author's iterator yields them, up to the requested limit. Never throws.
 *
 * @module
 */
import { raceAbort } from "../abort.js";
import type { AnyListDefinition } from "../components/list.js";
import { makeContext } from "../context.js";
import { PyviderError } from "../errors.js";
import type { CallOptions, InvocationOutcome, Invoker, LooseHandlers, OperationLabel } from "./invoker.js";
import type { PlainObject } from "./resource-runtime.js";

/** One listed object, as the protocol sends it. */
export interface ListItem {
  /** The resource identity (native value). */
  readonly identity: PlainObject;
  /** The display name. */
  readonly displayName: string | undefined;
  /** The full object, when requested and provided. */
  readonly resource: PlainObject | undefined;
}

/** The invocation helpers of one list resource type. */
export class ListRuntime {
  /**
   * @param definition the list resource
   * @param invoker the provider's invoker
   */
  constructor(
    readonly definition: AnyListDefinition,
    private readonly invoker: Invoker,
  ) {}

  #label(operation: string): OperationLabel {
    return { kind: "list", typeName: this.definition.name, operation };
  }

  /** Runs `validate` (no-op without one). */
  validate(req: { readonly config: PlainObject }, options?: CallOptions): Promise<InvocationOutcome<void>> {
    const h = this.definition.handlers as unknown as LooseHandlers<"list", "validate">;
    return this.invoker.run(this.#label("validate"), options, async (parts) => {
      await h.validate?.(makeContext(parts, { typeName: this.definition.name, config: req.config }));
    });
  }

  /**
   * Iterates the author's results, calling `onResult` for each (awaited, so a slow consumer
   * slows the producer). Stops after `limit` results, on abort, or on the first error. Returns
   * the number of results delivered.
   */
  list(
    req: { readonly config: PlainObject; readonly includeResource: boolean; readonly limit?: number },
    onResult: (item: ListItem) => void | Promise<void>,
    options?: CallOptions,
  ): Promise<InvocationOutcome<number>> {
    const h = this.definition.handlers as unknown as LooseHandlers<"list", "validate">;
    const limit = req.limit === undefined || req.limit <= 0 ? Number.POSITIVE_INFINITY : req.limit;
    return this.invoker.run(this.#label("list"), options, async (parts) => {
      const ctx = makeContext(parts, {
        typeName: this.definition.name,
        config: req.config,
        includeResource: req.includeResource,
        limit: req.limit,
      });
      const source = h.list(ctx as never) as AsyncIterable<unknown> | Iterable<unknown>;
      const iterator: AsyncIterator<unknown> | Iterator<unknown> =
        Symbol.asyncIterator in source
          ? (source as AsyncIterable<unknown>)[Symbol.asyncIterator]()
          : (source as Iterable<unknown>)[Symbol.iterator]();
      let count = 0;
      let finished = false;
      try {
        while (count < limit) {
          const step = await raceAbort(Promise.resolve(iterator.next()), parts.signal);
          if (step.done === true) {
            finished = true;
            break;
          }
          const item = step.value as { identity?: unknown; displayName?: unknown; resource?: unknown } | null;
          if (
            item === null ||
            typeof item !== "object" ||
            item.identity === null ||
            typeof item.identity !== "object"
          ) {
            throw new PyviderError(
              `List resource ${this.definition.name} yielded a result without an identity`,
            );
          }
          await onResult({
            identity: item.identity as PlainObject,
            displayName: typeof item.displayName === "string" ? item.displayName : undefined,
            resource:
              req.includeResource && item.resource != null ? (item.resource as PlainObject) : undefined,
          });
          count++;
        }
      } finally {
        if (!finished) {
          // Let the author's generator run its finally blocks; don't wait for a hung one.
          void Promise.resolve(iterator.return?.()).catch(() => {});
        }
      }
      return count;
    });
  }
}

/**
 * Invocation helpers of one data source type, for the protocol layer. Never throws.
 *
 * @module
 */
import type { AnyDataSourceDefinition } from "../components/data-source.js";
import { type ClientCapabilities, makeContext } from "../context.js";
import { deferrableFields } from "../deferral.js";
import type { CallOptions, InvocationOutcome, Invoker, LooseHandlers } from "./invoker.js";
import { expectObject } from "./raw-state.js";
import type { PlainObject } from "./resource-runtime.js";

/** The invocation helpers of one data source type. */
export class DataSourceRuntime {
  /**
   * @param definition the data source
   * @param invoker the provider's invoker
   */
  constructor(
    readonly definition: AnyDataSourceDefinition,
    private readonly invoker: Invoker,
  ) {}

  /** Runs `validate` (no-op without one). */
  validate(req: { readonly config: PlainObject }, options?: CallOptions): Promise<InvocationOutcome<void>> {
    const h = this.definition.handlers as unknown as LooseHandlers<"read", "validate">;
    return this.invoker.run(
      { kind: "dataSource", typeName: this.definition.name, operation: "validate" },
      options,
      async (parts) => {
        await h.validate?.(makeContext(parts, { typeName: this.definition.name, config: req.config }));
      },
    );
  }

  /** Runs `read` and returns the state (or the reason, when it defers). */
  read(
    req: {
      readonly config: PlainObject;
      /** What the client can handle (for `ctx.clientCapabilities` and `ctx.defer`); default: nothing. */
      readonly clientCapabilities?: ClientCapabilities;
    },
    options?: CallOptions,
  ): Promise<InvocationOutcome<PlainObject>> {
    const h = this.definition.handlers as unknown as LooseHandlers<"read", "validate">;
    return this.invoker.run(
      {
        kind: "dataSource",
        typeName: this.definition.name,
        operation: "read",
        deferral: { allowed: req.clientCapabilities?.deferralAllowed === true },
      },
      options,
      async (parts) => {
        const state = await h.read(
          makeContext(parts, {
            typeName: this.definition.name,
            config: req.config,
            ...deferrableFields(req.clientCapabilities),
          }),
        );
        return expectObject(state, `data source ${this.definition.name} read`) as PlainObject;
      },
    );
  }
}

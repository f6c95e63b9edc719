/**
 * Invocation helpers of one ephemeral resource type, for the protocol layer. Never throws.
 *
 * @module
 */
import type { AnyEphemeralDefinition } from "../components/ephemeral.js";
import { type ClientCapabilities, makeContext } from "../context.js";
import { deferrableFields } from "../deferral.js";
import { PrivateStore } from "../private-state.js";
import type { CallOptions, InvocationOutcome, Invoker, LooseHandlers, OperationLabel } from "./invoker.js";
import { expectObject } from "./raw-state.js";
import type { PlainObject } from "./resource-runtime.js";

/** Result of `open`. */
export interface OpenResult {
  /** The ephemeral value. */
  readonly result: PlainObject;
  /** Private data for renew and close. */
  readonly private: Uint8Array;
  /** When to renew, if the handler asked. */
  readonly renewAt: Date | undefined;
}

/** Result of `renew`. */
export interface RenewResult {
  /** Private data for the next renew and close. */
  readonly private: Uint8Array;
  /** When to renew again, if the handler asked. */
  readonly renewAt: Date | undefined;
}

type EphemeralHandlers = LooseHandlers<"open", "validate" | "renew" | "close">;

/** The invocation helpers of one ephemeral resource type. */
export class EphemeralRuntime {
  /**
   * @param definition the ephemeral resource
   * @param invoker the provider's invoker
   */
  constructor(
    readonly definition: AnyEphemeralDefinition,
    private readonly invoker: Invoker,
  ) {}

  /** The handlers, loosely typed (the definition's own types are the author's). */
  get #handlers(): EphemeralHandlers {
    return this.definition.handlers as unknown as EphemeralHandlers;
  }

  #label(operation: string): OperationLabel {
    return { kind: "ephemeral", typeName: this.definition.name, operation };
  }

  /** Runs `validate` (no-op without one). */
  validate(req: { readonly config: PlainObject }, options?: CallOptions): Promise<InvocationOutcome<void>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("validate"), options, async (parts) => {
      await h.validate?.(makeContext(parts, { typeName: this.definition.name, config: req.config }));
    });
  }

  /** Runs `open` (the outcome carries the reason instead, when it defers). */
  open(
    req: {
      readonly config: PlainObject;
      /** What the client can handle (for `ctx.clientCapabilities` and `ctx.defer`); default: nothing. */
      readonly clientCapabilities?: ClientCapabilities;
    },
    options?: CallOptions,
  ): Promise<InvocationOutcome<OpenResult>> {
    const h = this.#handlers;
    const label = {
      ...this.#label("open"),
      deferral: { allowed: req.clientCapabilities?.deferralAllowed === true },
    };
    return this.invoker.run(label, options, async (parts) => {
      const priv = new PrivateStore();
      let renewAt: Date | undefined;
      const ctx = makeContext(parts, {
        typeName: this.definition.name,
        config: req.config,
        private: priv,
        ...deferrableFields(req.clientCapabilities),
        setRenewAt: (at: Date) => {
          renewAt = at;
        },
      });
      const result = expectObject(
        await h.open(ctx),
        `ephemeral resource ${this.definition.name} open`,
      ) as PlainObject;
      return { result, private: priv.toBytes(), renewAt };
    });
  }

  /** Runs `renew` (no-op without one). */
  renew(
    req: { readonly private?: Uint8Array | null },
    options?: CallOptions,
  ): Promise<InvocationOutcome<RenewResult>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("renew"), options, async (parts) => {
      const priv = PrivateStore.fromBytes(req.private);
      let renewAt: Date | undefined;
      const ctx = makeContext(parts, {
        typeName: this.definition.name,
        private: priv,
        setRenewAt: (at: Date) => {
          renewAt = at;
        },
      });
      await h.renew?.(ctx);
      return { private: priv.toBytes(), renewAt };
    });
  }

  /** Runs `close` (no-op without one). */
  close(
    req: { readonly private?: Uint8Array | null },
    options?: CallOptions,
  ): Promise<InvocationOutcome<void>> {
    const h = this.#handlers;
    return this.invoker.run(this.#label("close"), options, async (parts) => {
      const priv = PrivateStore.fromBytes(req.private);
      await h.close?.(makeContext(parts, { typeName: this.definition.name, private: priv }));
    });
  }
}

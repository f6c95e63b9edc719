/**
 * The provider itself: its configuration schema, validation, `configure` (whose result every
 * component receives as `ctx.provider`), meta schema, declared capabilities and services.
 *
 * @module
 */
import type { InferConfig, InferState, Schema } from "@pyvider/schema";
import type { Awaitable, ClientCapabilities, HandlerContext, PartlyUnknown } from "../context.js";
import type { ServiceContainer } from "../services.js";

/** The provider configuration schema. */
export type ProviderSchema = Schema<"provider">;
/** The provider meta schema (`provider_meta` blocks). */
export type ProviderMetaSchema = Schema<"providerMeta">;

/** Fields of provider handler contexts (the provider data does not exist yet). */
export interface ProviderContextBase extends Omit<HandlerContext<undefined>, "provider"> {
  /** The provider's name. */
  readonly providerName: string;
}

/** Context of the provider's `validate`. */
export interface ProviderValidateContext<S> extends ProviderContextBase {
  readonly config: PartlyUnknown<InferConfig<S>>;
}

/** Context of `configure`. */
export interface ConfigureContext<S> extends ProviderContextBase {
  /** The configuration; values may be unknown when they depend on resources not yet created. */
  readonly config: PartlyUnknown<InferConfig<S>>;
  /** The Terraform (or OpenTofu) version, e.g. `1.9.0`. */
  readonly terraformVersion: string;
  /** What the client said it supports (deferrals, write-only attributes). */
  readonly clientCapabilities: ClientCapabilities;
}

/** The provider as written by the author. */
export interface ProviderSpec<
  S extends ProviderSchema,
  PD,
  M extends ProviderMetaSchema | undefined = undefined,
> {
  /** The provider's name: `kv` for `acme/kv`; components are named `kv_*`. */
  readonly name: string;
  /** The provider configuration schema (`s.provider({...})`). */
  readonly schema: S;
  /** The `provider_meta` schema. */
  readonly metaSchema?: M;
  /** Capabilities the provider offers to its components (see `requires` on components). */
  readonly capabilities?: readonly string[];
  /**
   * How long (ms) a handler may go on after Terraform asked the provider to stop (StopProvider,
   * sent on Ctrl-C) or cancelled the request, before the framework stops waiting for it and
   * answers with a cancellation error. Within it, the handler's own result is reported: the new
   * state of a write that happened, or its error. Default 10 000 (10 s); `buildProvider`'s option
   * of the same name wins.
   */
  readonly stopGracePeriodMs?: number;
  /** Registers the provider's services; called once when the provider is built. */
  services?(container: ServiceContainer): void;
  /** Checks the configuration beyond what the schema says. */
  validate?(ctx: ProviderValidateContext<S>): Awaitable<void>;
  /** Configures the provider; what it returns is `ctx.provider` in every component. */
  configure?(ctx: ConfigureContext<S>): Awaitable<PD>;
}

/** The brand of provider definitions. */
export const PROVIDER_BRAND: unique symbol = Symbol.for("@pyvider/hub/provider");

/** A provider definition, made by {@link defineProvider}. */
export interface ProviderSpecDefinition<
  S extends ProviderSchema = ProviderSchema,
  PD = unknown,
  M extends ProviderMetaSchema | undefined = ProviderMetaSchema | undefined,
> {
  readonly [PROVIDER_BRAND]: true;
  readonly name: string;
  readonly schema: S;
  readonly metaSchema: M | undefined;
  readonly capabilities: readonly string[];
  readonly handlers: ProviderSpec<S, PD, M>;
}

/** The provider data type of a provider definition. */
export type ProviderDataOf<P> = P extends ProviderSpecDefinition<infer _S, infer PD, infer _M> ? PD : never;

/** The provider meta value type of a provider definition (what `provider_meta` holds). */
export type ProviderMetaOf<P> =
  P extends ProviderSpecDefinition<infer _S, infer _PD, infer M>
    ? M extends ProviderMetaSchema
      ? InferState<M>
      : never
    : never;

/** True if `value` is a provider definition. */
export function isProviderDefinition(value: unknown): value is ProviderSpecDefinition {
  return (
    typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[PROVIDER_BRAND] === true
  );
}

/**
 * Defines the provider. `configure`'s context is typed from `schema`; its result type is the
 * provider data every component receives.
 *
 * @example
 * ```ts
 * export const kv = defineProvider({
 *   name: "kv",
 *   schema: s.provider({ endpoint: a.str({ optional: true }) }),
 *   configure: (ctx) => new KvClient(ctx.config.endpoint ?? "memory:"),
 * });
 * ```
 */
export function defineProvider<
  S extends ProviderSchema,
  PD = undefined,
  M extends ProviderMetaSchema | undefined = undefined,
>(spec: ProviderSpec<S, PD, M>): ProviderSpecDefinition<S, PD, M> {
  return Object.freeze({
    [PROVIDER_BRAND]: true as const,
    name: spec.name,
    schema: spec.schema,
    metaSchema: spec.metaSchema,
    capabilities: Object.freeze([...(spec.capabilities ?? [])]),
    handlers: spec,
  });
}

/** Every provider handler context by handler name, for annotating class methods. */
export interface ProviderContexts<S> {
  readonly validate: ProviderValidateContext<S>;
  readonly configure: ConfigureContext<S>;
}

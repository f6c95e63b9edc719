/**
 * What every handler receives: the abort signal, the diagnostics collector, the provider's
 * configured data, the service container and a logger. Kind-specific contexts extend it.
 *
 * @module
 */
import type { CtyNum } from "@pyvider/cty";
import type { UnknownValue } from "@pyvider/schema";
import type { Logger } from "@pyvider/telemetry";
import type { Diagnostics } from "./diagnostics.js";
import type { PathInput } from "./path.js";
import type { ServiceContainer } from "./services.js";

/**
 * Register your provider's data type once, and every handler's `ctx.provider` is typed with it:
 *
 * ```ts
 * declare module "@pyvider/hub" {
 *   interface Register { providerData: KvClient }
 * }
 * ```
 *
 * Without it, `ctx.provider` is `unknown`; `forProvider<KvClient>()` types a set of `define*`
 * functions explicitly instead.
 */
// biome-ignore lint/suspicious/noEmptyInterface: augmented by provider authors
export interface Register {}

/** The provider data type registered in {@link Register}, else `unknown`. */
export type RegisteredProviderData = Register extends { readonly providerData: infer T } ? T : unknown;

/** A value or a promise of it: handlers may be sync or async. */
export type Awaitable<T> = T | Promise<T>;

/**
 * A JSON value. In stored JSON (the `raw` state of upgraders, the source state of movers), a
 * number that a JS `number` cannot hold exactly (2^53+1, 0.1000000000000000055511151231257827)
 * is an exact {@link CtyNum}; returning it unchanged keeps every digit.
 */
export type ExactJsonValue =
  | null
  | boolean
  | number
  | CtyNum
  | string
  | ExactJsonValue[]
  | { [key: string]: ExactJsonValue };

/** A JSON object, e.g. a raw prior state. */
export type JsonObject = { [key: string]: ExactJsonValue };

/**
 * A value in which any part may not be known yet (Terraform's unknown, cty's `Unknown` marker):
 * configurations during validation and provider configuration can hold them.
 */
export type WithUnknowns<T> =
  | UnknownValue
  | (T extends readonly (infer E)[]
      ? WithUnknowns<E>[]
      : T extends Record<string, unknown>
        ? { [K in keyof T]: WithUnknowns<T[K]> }
        : T);

/** An object whose attribute values may be unknown (the object itself is known). */
export type PartlyUnknown<T> = { [K in keyof T]: WithUnknowns<T[K]> };

/** What Terraform said it can handle (from the request's client capabilities). */
export interface ClientCapabilities {
  /** The client can defer actions (Terraform 1.9+ with deferrals enabled). */
  readonly deferralAllowed: boolean;
  /** The client supports write-only attributes. */
  readonly writeOnlyAttributesAllowed: boolean;
  /**
   * The client keeps the private state a plan returns and hands it back when it plans the same
   * change again (Terraform 1.16+, e.g. applying a saved plan): see the plan hook's
   * `ctx.plannedPrivate`. False for older clients and OpenTofu.
   */
  readonly storePlannedPrivate: boolean;
  /**
   * The client honours computed blocks (`b.list({...}, { computed: true })`, Terraform 1.16+).
   * Without it, planning a resource whose schema has computed blocks is refused with an error.
   */
  readonly computedBlocksAllowed: boolean;
}

/** Fields of every handler context. */
export interface HandlerContext<PD = RegisteredProviderData> {
  /** Fires when Terraform asks the provider to stop (StopProvider) or the request is cancelled. */
  readonly signal: AbortSignal;
  /** The diagnostics of this operation. */
  readonly diagnostics: Diagnostics;
  /** The provider's data: what its `configure` returned (e.g. an API client). */
  readonly provider: PD;
  /** The provider's services. */
  readonly services: ServiceContainer;
  /** A logger for this component. */
  readonly logger: Logger;
  /** Shortcut of `diagnostics.addError`. */
  addError(summary: string, detail?: string, path?: PathInput): void;
  /** Shortcut of `diagnostics.addWarning`. */
  addWarning(summary: string, detail?: string, path?: PathInput): void;
}

/**
 * Fields of the contexts of handlers that Terraform may call on a provider it has not configured
 * (a fresh provider process, ConfigureProvider not called yet): validation, state and identity
 * upgrades and state moves. Terraform does, e.g. for a `moved` block across resource types, and
 * terraform-plugin-framework gives no provider data to these requests either. So `ctx.provider`
 * may be undefined here: check it before use, or do without it.
 */
export interface UnconfiguredContext<PD = RegisteredProviderData>
  extends Omit<HandlerContext<PD>, "provider"> {
  /**
   * The provider's data (what `configure` returned) if the provider has been configured in this
   * process; undefined when Terraform calls this handler before ConfigureProvider.
   */
  readonly provider: PD | undefined;
}

/** The framework-supplied parts of a context, before the kind-specific fields are added. */
export interface BaseContextParts<PD> {
  readonly signal: AbortSignal;
  readonly diagnostics: Diagnostics;
  readonly provider: PD;
  readonly services: ServiceContainer;
  readonly logger: Logger;
}

/** Builds a {@link HandlerContext} with extra, kind-specific fields. */
export function makeContext<PD, X extends object>(
  base: BaseContextParts<PD>,
  extra: X,
): HandlerContext<PD> & X {
  const diagnostics = base.diagnostics;
  return {
    signal: base.signal,
    diagnostics,
    provider: base.provider,
    services: base.services,
    logger: base.logger,
    addError: (summary: string, detail?: string, path?: PathInput) =>
      diagnostics.addError(summary, detail, path),
    addWarning: (summary: string, detail?: string, path?: PathInput) =>
      diagnostics.addWarning(summary, detail, path),
    ...extra,
  };
}

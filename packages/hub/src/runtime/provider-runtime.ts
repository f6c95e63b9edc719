/**
 * `ProviderDefinition`: a provider and its components, checked and ready to serve. This is the
 * protocol layer's view of the hub: it lists the components and hands out per-kind invocation
 * helpers, which take plain values and return results with diagnostics, never throwing.
 *
 * @module
 */
import { createLogger, type Logger, type TelemetryTracer } from "@pyvider/telemetry";
import { DEFAULT_STOP_GRACE_PERIOD_MS, StopController } from "../abort.js";
import type { ProviderMetaSchema, ProviderSchema, ProviderSpecDefinition } from "../components/provider.js";
import { KeyedLock } from "../concurrency.js";
import { type ClientCapabilities, makeContext } from "../context.js";
import { discover } from "../discover.js";
import { SchemaRegistrationError } from "../errors.js";
import { type AnyComponentDefinition, buildRegistry, type ComponentListing } from "../registry.js";
import { ServiceContainer } from "../services.js";
import { ActionRuntime } from "./action-runtime.js";
import { DataSourceRuntime } from "./data-source-runtime.js";
import { EphemeralRuntime } from "./ephemeral-runtime.js";
import { FunctionRuntime } from "./function-runtime.js";
import { type CallOptions, type InvocationOutcome, Invoker } from "./invoker.js";
import { ListRuntime } from "./list-runtime.js";
import { type PlainObject, ResourceRuntime } from "./resource-runtime.js";
import { StateStoreRuntime } from "./state-store-runtime.js";

/** Options of {@link buildProvider}. */
export interface ProviderOptions {
  /** The logger (default: a @pyvider/telemetry logger named after the provider). */
  readonly logger?: Logger;
  /** The tracer (default: the current @pyvider/telemetry facade). */
  readonly tracer?: TelemetryTracer;
  /** The service container (default: a new one). */
  readonly services?: ServiceContainer;
  /**
   * The stop grace period in ms (default: the provider definition's `stopGracePeriodMs`, else
   * 10 000): how long a handler may go on after its `ctx.signal` fired before the call is
   * answered with a cancellation error.
   */
  readonly stopGracePeriodMs?: number;
}

function gracePeriodOf(provider: ProviderSpecDefinition, options: ProviderOptions): number {
  const ms = options.stopGracePeriodMs ?? provider.handlers.stopGracePeriodMs ?? DEFAULT_STOP_GRACE_PERIOD_MS;
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
    throw new SchemaRegistrationError(
      `stopGracePeriodMs must be a finite number of milliseconds, 0 or more (got ${String(ms)})`,
    );
  }
  return ms;
}

function runtimes<D, R>(map: ReadonlyMap<string, D>, make: (d: D) => R): ReadonlyMap<string, R> {
  return new Map([...map].map(([name, def]) => [name, make(def)]));
}

/** A provider and its components, checked and ready to serve. Build one with {@link buildProvider}. */
export class ProviderDefinition {
  /** The provider's name. */
  readonly name: string;
  /** The provider configuration schema. */
  readonly schema: ProviderSchema;
  /** The provider meta schema, if any. */
  readonly metaSchema: ProviderMetaSchema | undefined;
  /** The capabilities the provider declares. */
  readonly capabilities: readonly string[];
  /** The provider's services. */
  readonly services: ServiceContainer;
  /** The provider's logger. */
  readonly logger: Logger;
  /** The author's provider definition. */
  readonly spec: ProviderSpecDefinition;
  /** How long a handler may go on after its signal fired, in ms (see {@link ProviderOptions.stopGracePeriodMs}). */
  readonly stopGracePeriodMs: number;

  readonly #listing: ComponentListing;
  readonly #stop = new StopController();
  readonly #invoker: Invoker;
  #providerData: unknown = undefined;
  #configured = false;
  readonly #resources: ReadonlyMap<string, ResourceRuntime>;
  readonly #dataSources: ReadonlyMap<string, DataSourceRuntime>;
  readonly #functions: ReadonlyMap<string, FunctionRuntime>;
  readonly #ephemerals: ReadonlyMap<string, EphemeralRuntime>;
  readonly #lists: ReadonlyMap<string, ListRuntime>;
  readonly #actions: ReadonlyMap<string, ActionRuntime>;
  readonly #stateStores: ReadonlyMap<string, StateStoreRuntime>;

  /**
   * @param provider the provider definition
   * @param components its components
   * @param options logger, tracer, services
   * @throws SchemaRegistrationError, CapabilityError when the definitions are inconsistent
   */
  constructor(
    provider: ProviderSpecDefinition,
    components: Iterable<AnyComponentDefinition>,
    options: ProviderOptions = {},
  ) {
    this.spec = provider;
    this.name = provider.name;
    this.schema = provider.schema;
    this.metaSchema = provider.metaSchema;
    this.capabilities = provider.capabilities;
    this.#listing = buildRegistry(provider, components);
    this.stopGracePeriodMs = gracePeriodOf(provider, options);
    this.logger = options.logger ?? createLogger({ name: provider.name });
    this.services = options.services ?? new ServiceContainer();
    provider.handlers.services?.(this.services);
    this.#invoker = new Invoker({
      stop: this.#stop,
      lock: new KeyedLock(),
      services: this.services,
      logger: this.logger,
      ...(options.tracer === undefined ? {} : { tracer: options.tracer }),
      providerData: () => this.#providerData,
      stopGracePeriodMs: this.stopGracePeriodMs,
    });
    const inv = this.#invoker;
    this.#resources = runtimes(this.#listing.resources, (d) => new ResourceRuntime(d, inv));
    this.#dataSources = runtimes(this.#listing.dataSources, (d) => new DataSourceRuntime(d, inv));
    this.#functions = runtimes(this.#listing.functions, (d) => new FunctionRuntime(d, inv));
    this.#ephemerals = runtimes(this.#listing.ephemeralResources, (d) => new EphemeralRuntime(d, inv));
    this.#lists = runtimes(this.#listing.listResources, (d) => new ListRuntime(d, inv));
    this.#actions = runtimes(this.#listing.actions, (d) => new ActionRuntime(d, inv));
    this.#stateStores = runtimes(this.#listing.stateStores, (d) => new StateStoreRuntime(d, inv));
  }

  /** Every component, by kind and name (for GetProviderSchema, GetMetadata, docs). */
  components(): ComponentListing {
    return this.#listing;
  }

  /** The helpers of resource type `name`, or undefined if there is none. */
  resource(name: string): ResourceRuntime | undefined {
    return this.#resources.get(name);
  }
  /** The helpers of data source `name`. */
  dataSource(name: string): DataSourceRuntime | undefined {
    return this.#dataSources.get(name);
  }
  /** The helper of function `name`. */
  function(name: string): FunctionRuntime | undefined {
    return this.#functions.get(name);
  }
  /** The helpers of ephemeral resource `name`. */
  ephemeralResource(name: string): EphemeralRuntime | undefined {
    return this.#ephemerals.get(name);
  }
  /** The helpers of list resource `name`. */
  listResource(name: string): ListRuntime | undefined {
    return this.#lists.get(name);
  }
  /** The helpers of action `name`. */
  action(name: string): ActionRuntime | undefined {
    return this.#actions.get(name);
  }
  /** The helpers of state store `name`. */
  stateStore(name: string): StateStoreRuntime | undefined {
    return this.#stateStores.get(name);
  }

  /** True once `configure` succeeded. */
  get configured(): boolean {
    return this.#configured;
  }

  /** What `configure` returned (undefined before). */
  get providerData(): unknown {
    return this.#providerData;
  }

  /** Runs the provider's `validate` (no-op without one). */
  validateConfig(
    req: { readonly config: PlainObject },
    options?: CallOptions,
  ): Promise<InvocationOutcome<void>> {
    const h = this.spec.handlers;
    return this.#invoker.run(
      { kind: "provider", typeName: this.name, operation: "validate" },
      options,
      async (parts) => {
        await h.validate?.(
          makeContext(
            { ...parts, provider: undefined },
            { providerName: this.name, config: req.config },
          ) as never,
        );
      },
    );
  }

  /** Runs `configure`; on success its result becomes every component's `ctx.provider`. */
  async configure(
    req: {
      readonly config: PlainObject;
      readonly terraformVersion?: string;
      readonly clientCapabilities?: ClientCapabilities;
    },
    options?: CallOptions,
  ): Promise<InvocationOutcome<void>> {
    const h = this.spec.handlers;
    const outcome = await this.#invoker.run(
      { kind: "provider", typeName: this.name, operation: "configure" },
      options,
      async (parts) => {
        const ctx = makeContext(
          { ...parts, provider: undefined },
          {
            providerName: this.name,
            config: req.config,
            terraformVersion: req.terraformVersion ?? "",
            clientCapabilities: req.clientCapabilities ?? {
              deferralAllowed: false,
              writeOnlyAttributesAllowed: false,
              storePlannedPrivate: false,
              computedBlocksAllowed: false,
            },
          },
        );
        return h.configure === undefined ? undefined : await h.configure(ctx as never);
      },
    );
    if (outcome.ok) {
      this.#providerData = outcome.value;
      this.#configured = true;
    }
    return { ok: outcome.ok, value: undefined, diagnostics: outcome.diagnostics };
  }

  /**
   * StopProvider: aborts every operation in flight (their handlers' `ctx.signal` fires). Each is
   * still awaited for the stop grace period and answered with what its handler really did.
   */
  stop(reason?: string): void {
    this.#stop.stop(reason);
  }

  /** The signal of operations in flight (fires on {@link ProviderDefinition.stop}). */
  get stopSignal(): AbortSignal {
    return this.#stop.signal;
  }

  /** Stops operations in flight and disposes the services. */
  async dispose(): Promise<void> {
    this.#stop.stop("the provider is shutting down");
    await this.services.dispose();
  }
}

/**
 * Builds a provider from its definition and components, checking names, duplicates and
 * capabilities.
 * @throws SchemaRegistrationError, CapabilityError
 */
export function buildProvider(
  provider: ProviderSpecDefinition,
  components: Iterable<AnyComponentDefinition>,
  options?: ProviderOptions,
): ProviderDefinition {
  return new ProviderDefinition(provider, components, options);
}

/**
 * Discovers the provider and its components among the modules' exports and builds it.
 * @throws SchemaRegistrationError if no provider is exported, or the definitions are inconsistent
 */
export function discoverProvider(modules: readonly object[], options?: ProviderOptions): ProviderDefinition {
  const found = discover(...modules);
  if (found.provider === undefined) {
    throw new SchemaRegistrationError(
      "no provider found: export a defineProvider(...) or @registerProvider class",
    );
  }
  return new ProviderDefinition(found.provider, found.components, options);
}

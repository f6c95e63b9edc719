/**
 * The service container (pyvider's `ServiceProvider`): provider authors register services under
 * typed keys, with a singleton or transient lifetime, and get them back from any handler.
 *
 * It is built on Effect layers: each registration is a `Layer`, singletons are memoised in one
 * memo map, and finalizers run in the container's scope when it is disposed. Authors need no
 * Effect to use it; those who want Effect get each key's `Context` service ({@link ServiceKey.tag})
 * and a `Layer` providing every registered service ({@link ServiceContainer.layer}).
 *
 * @module
 */
import { Context, Effect, Exit, Layer, Scope } from "effect";
import { PyviderError } from "./errors.js";

/** A typed key naming a service. Create one with {@link serviceKey}. */
export interface ServiceKey<T> {
  /** The service's name (unique per container; used in error messages). */
  readonly name: string;
  /** The Effect `Context` key of the service, for authors who use Effect directly. */
  readonly tag: Context.Service<T, T>;
}

/**
 * Creates a typed service key.
 * @param name a unique, descriptive name, e.g. `"kv.httpClient"`
 * @example
 * ```ts
 * const HttpClient = serviceKey<Client>("kv.httpClient");
 * ```
 */
export function serviceKey<T>(name: string): ServiceKey<T> {
  return Object.freeze({ name, tag: Context.Service<T, T>(`@pyvider/hub/service/${name}`) });
}

/** How often a service's factory runs: once per container, or on every `get`. */
export type ServiceLifetime = "singleton" | "transient";

/** What a factory can use to resolve the services it depends on. */
export interface ServiceResolver {
  /** Gets another service. */
  get<T>(key: ServiceKey<T>): Promise<T>;
}

/** Builds a service; may be async and may get other services. */
export type ServiceFactory<T> = (services: ServiceResolver) => T | Promise<T>;

/** Options of {@link ServiceContainer.register}. */
export interface ServiceOptions<T> {
  /** `singleton` (the default): built once, on first use. `transient`: built on every `get`. */
  readonly lifetime?: ServiceLifetime;
  /** Releases an instance when the container is disposed (each transient instance too). */
  readonly dispose?: (value: T) => void | Promise<void>;
}

/** A service could not be resolved: not registered, or a dependency cycle. */
export class ServiceError extends PyviderError {}

interface Registration {
  readonly key: ServiceKey<unknown>;
  readonly lifetime: ServiceLifetime;
  readonly layer: (chain: readonly string[]) => Layer.Layer<unknown, unknown>;
  /** The memoised layer of a singleton (one object, so the memo map builds it once). */
  memo: Layer.Layer<unknown, unknown> | undefined;
}

/**
 * Holds services and their lifetimes.
 *
 * @example
 * ```ts
 * const services = new ServiceContainer()
 *   .register(Config, () => loadConfig())
 *   .register(HttpClient, async (s) => new Client(await s.get(Config)), { dispose: (c) => c.close() });
 * const client = await services.get(HttpClient);
 * ```
 */
export class ServiceContainer {
  readonly #registrations = new Map<string, Registration>();
  readonly #memoMap: Layer.MemoMap = Effect.runSync(Layer.makeMemoMap);
  readonly #scope: Scope.Closeable = Effect.runSync(Scope.make());
  #disposed = false;
  readonly #disposers: (() => void | Promise<void>)[] = [];

  /**
   * Registers a service built by a factory.
   * @param key the service's key
   * @param factory builds the service; it may get other services
   * @param options lifetime and disposal
   * @throws ServiceError if the key is already registered or the container is disposed
   */
  register<T>(key: ServiceKey<T>, factory: ServiceFactory<T>, options: ServiceOptions<T> = {}): this {
    const lifetime = options.lifetime ?? "singleton";
    const dispose = options.dispose;
    const build = (chain: readonly string[]): Layer.Layer<unknown, unknown> => {
      const acquire = Effect.tryPromise({
        try: async () => {
          const value = await factory(this.#resolver(chain));
          // Disposers run in reverse order of completed construction: dependents first.
          if (dispose !== undefined) this.#disposers.push(() => dispose(value));
          return value;
        },
        catch: (e) => e,
      });
      return Layer.effect(key.tag, acquire) as Layer.Layer<unknown, unknown>;
    };
    return this.#add({ key: key as ServiceKey<unknown>, lifetime, layer: build, memo: undefined });
  }

  /** Registers an existing value as a singleton. */
  registerValue<T>(key: ServiceKey<T>, value: T): this {
    return this.#add({
      key: key as ServiceKey<unknown>,
      lifetime: "singleton",
      layer: () => Layer.succeed(key.tag, value) as Layer.Layer<unknown, unknown>,
      memo: undefined,
    });
  }

  /**
   * Registers a service provided by an Effect `Layer` (for authors using Effect directly).
   * The layer must provide `key.tag` and need nothing else; it is built once (singleton).
   */
  registerLayer<T, E>(key: ServiceKey<T>, layer: Layer.Layer<T, E>): this {
    return this.#add({
      key: key as ServiceKey<unknown>,
      lifetime: "singleton",
      layer: () => layer as Layer.Layer<unknown, unknown>,
      memo: undefined,
    });
  }

  /** True if the key is registered. */
  has(key: ServiceKey<unknown>): boolean {
    return this.#registrations.has(key.name);
  }

  /** The registered keys' names. */
  get names(): readonly string[] {
    return [...this.#registrations.keys()];
  }

  /**
   * Gets a service, building it if needed (a singleton once, a transient every time).
   * @throws ServiceError if it is not registered or depends on itself; a factory's own error as is
   */
  get<T>(key: ServiceKey<T>): Promise<T> {
    return this.#get(key, []);
  }

  /**
   * A `Layer` providing every registered service, sharing this container's instances
   * (singletons stay single). Requirements are checked when the layer is built.
   */
  layer(): Layer.Layer<unknown, unknown> {
    const regs = () => [...this.#registrations.values()];
    const memoMap = this.#memoMap;
    const scope = this.#scope;
    const layerOf = (reg: Registration) => this.#layerOf(reg, []);
    return Layer.effectContext(
      Effect.gen(function* () {
        let context = Context.empty() as Context.Context<unknown>;
        for (const reg of regs()) {
          const built = yield* Layer.buildWithMemoMap(layerOf(reg), memoMap, scope);
          context = Context.merge(context, built);
        }
        return context;
      }),
    );
  }

  /** Runs an Effect with every registered service provided; resolves or rejects like a promise. */
  run<A, E>(effect: Effect.Effect<A, E, unknown>, options?: { readonly signal?: AbortSignal }): Promise<A> {
    const provided = Effect.provide(effect, this.layer()) as Effect.Effect<A, unknown>;
    return Effect.runPromise(provided, options);
  }

  /** Releases every built service (in reverse order of construction). The container is unusable afterwards. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const release of this.#disposers.splice(0).reverse()) {
      try {
        await release();
      } catch {
        // a failing disposer must not stop the others
      }
    }
    await Effect.runPromise(Scope.close(this.#scope, Exit.void));
  }

  #add(reg: Registration): this {
    if (this.#disposed)
      throw new ServiceError(`cannot register service "${reg.key.name}": the container is disposed`);
    if (this.#registrations.has(reg.key.name)) {
      throw new ServiceError(`service "${reg.key.name}" is already registered`);
    }
    this.#registrations.set(reg.key.name, reg);
    return this;
  }

  #layerOf(reg: Registration, chain: readonly string[]): Layer.Layer<unknown, unknown> {
    if (reg.lifetime === "transient") return Layer.fresh(reg.layer(chain));
    reg.memo ??= reg.layer(chain);
    return reg.memo;
  }

  #resolver(chain: readonly string[]): ServiceResolver {
    return { get: (key) => this.#get(key, chain) };
  }

  async #get<T>(key: ServiceKey<T>, chain: readonly string[]): Promise<T> {
    if (this.#disposed) throw new ServiceError(`cannot get service "${key.name}": the container is disposed`);
    const reg = this.#registrations.get(key.name);
    if (reg === undefined) throw new ServiceError(`service "${key.name}" is not registered`);
    if (chain.includes(key.name)) {
      throw new ServiceError(`service "${key.name}" depends on itself: ${[...chain, key.name].join(" -> ")}`);
    }
    const next = [...chain, key.name];
    // A singleton's memoised layer closes over the chain of its first resolution; cycles through
    // it are still caught there, because the same layer object is what recurses.
    const layer = this.#layerOf(reg, next);
    const build = Layer.buildWithMemoMap(layer, this.#memoMap, this.#scope);
    const context = await Effect.runPromise(build as Effect.Effect<Context.Context<unknown>, unknown>);
    return Context.get(context as Context.Context<T>, key.tag);
  }
}

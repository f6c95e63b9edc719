/**
 * The in-process harness: builds a provider from its definition and calls any component's
 * lifecycle directly with typed plain values. No gRPC, no processes: fast unit tests.
 *
 * @module
 */
import {
  type ActionDefinition,
  type ActionSchema,
  type AnyComponentDefinition,
  buildProvider,
  type DataSourceDefinition,
  type DataSourceSchema,
  type EphemeralDefinition,
  type EphemeralSchema,
  type IdentitySchema,
  type ListDefinition,
  type ListSchema,
  type ProviderDefinition,
  type ProviderOptions,
  type ProviderSpecDefinition,
  type ResourceDefinition,
  type ResourceSchema,
} from "@pyvider/hub";
import { type InferConfig, type Schema, validateConfig } from "@pyvider/schema";
import {
  ActionHarness,
  DataSourceHarness,
  EphemeralHarness,
  FunctionHarness,
  ListHarness,
} from "./components.js";
import { ResourceHarness } from "./resource.js";
import { HarnessError, type HarnessOutcome, isError } from "./result.js";
import { type ConfigInput, toCty, toPlain } from "./values.js";

/** Any provider definition made by `defineProvider` (kept loose so that checking it stays cheap). */
export interface AnyProviderSpec {
  readonly name: string;
  readonly schema: unknown;
  readonly handlers: unknown;
}

/** The provider configuration a test passes for provider definition `P`. */
export type ProviderConfigOf<P> = P extends { readonly schema: infer S }
  ? ConfigInput<InferConfig<S>>
  : never;

/** The argument tuple of a function definition. */
export type FunctionArgsOf<D> = D extends { readonly handlers: { run(ctx: any, ...args: infer A): unknown } }
  ? A
  : unknown[];
/** The result type of a function definition. */
export type FunctionResultOf<D> = D extends { readonly handlers: { run(ctx: any, ...args: any[]): infer R } }
  ? Awaited<R>
  : unknown;

/** Typed function call: the arguments and result of a function definition. */
export interface TypedFunctionHarness<A extends unknown[], R> extends FunctionHarness<R> {
  call(...args: A): ReturnType<FunctionHarness<R>["call"]>;
}

function nameOf(c: string | { readonly name: string }): string {
  return typeof c === "string" ? c : c.name;
}

/** The in-process harness of one provider. Create it with {@link createHarness}. */
export class Harness<P extends AnyProviderSpec = ProviderSpecDefinition> {
  /** @param provider the built provider */
  constructor(readonly provider: ProviderDefinition) {}

  #missing(kind: string, name: string): never {
    throw new HarnessError(`looking up ${kind} ${name}`, [
      { severity: "error", summary: `The provider ${this.provider.name} has no ${kind} named "${name}"` },
    ]);
  }

  /** Validates a provider configuration (schema rules and the `validate` handler) without configuring. */
  async validateProviderConfig(config: ProviderConfigOf<P>): Promise<HarnessOutcome> {
    const schema = this.provider.schema as Schema;
    const c = toCty(config, schema, "provider configuration");
    if (!c.ok) return { ok: false, diagnostics: [c.diagnostic] };
    const diagnostics = await validateConfig(schema, c.value);
    if (diagnostics.some(isError)) return { ok: false, diagnostics };
    const r = await this.provider.validateConfig({ config: toPlain(c.value) });
    const all = [...diagnostics, ...r.diagnostics];
    return { ok: !all.some(isError), diagnostics: all };
  }

  /** Validates the configuration, then configures the provider (components then see `ctx.provider`). */
  async configure(
    config: ProviderConfigOf<P>,
    options: { readonly terraformVersion?: string } = {},
  ): Promise<HarnessOutcome> {
    const v = await this.validateProviderConfig(config);
    if (!v.ok) return v;
    const c = toCty(config, this.provider.schema as Schema, "provider configuration");
    if (!c.ok) return { ok: false, diagnostics: [c.diagnostic] };
    const r = await this.provider.configure({
      config: toPlain(c.value),
      terraformVersion: options.terraformVersion ?? "1.12.0",
      clientCapabilities: {
        deferralAllowed: false,
        writeOnlyAttributesAllowed: true,
        storePlannedPrivate: true,
        computedBlocksAllowed: true,
      },
    });
    const diagnostics = [...v.diagnostics, ...r.diagnostics];
    return { ok: r.ok, diagnostics };
  }

  /** The harness of a resource, by definition (typed) or type name. */
  resource<S extends ResourceSchema, I extends IdentitySchema | undefined>(
    definition: ResourceDefinition<S, I, any, any>,
  ): ResourceHarness<S, I>;
  resource(name: string): ResourceHarness<Schema, unknown>;
  resource(def: string | { readonly name: string }): ResourceHarness<Schema, unknown> {
    const rt = this.provider.resource(nameOf(def));
    return rt === undefined ? this.#missing("resource", nameOf(def)) : new ResourceHarness(rt);
  }

  /** The harness of a data source. */
  dataSource<S extends DataSourceSchema>(
    definition: DataSourceDefinition<S, any> | string,
  ): DataSourceHarness<S> {
    const rt = this.provider.dataSource(nameOf(definition));
    return rt === undefined ? this.#missing("data source", nameOf(definition)) : new DataSourceHarness<S>(rt);
  }

  /** The harness of a provider function; typed from its definition. */
  function<D extends { readonly name: string; readonly handlers: { run: unknown } }>(
    definition: D,
  ): TypedFunctionHarness<FunctionArgsOf<D>, FunctionResultOf<D>>;
  function(name: string): FunctionHarness<unknown>;
  function(def: string | { readonly name: string }): FunctionHarness<unknown> {
    const rt = this.provider.function(nameOf(def));
    return rt === undefined ? this.#missing("function", nameOf(def)) : new FunctionHarness(rt);
  }

  /** The harness of an ephemeral resource. */
  ephemeral<S extends EphemeralSchema>(
    definition: EphemeralDefinition<S, any, any> | string,
  ): EphemeralHarness<S> {
    const rt = this.provider.ephemeralResource(nameOf(definition));
    return rt === undefined
      ? this.#missing("ephemeral resource", nameOf(definition))
      : new EphemeralHarness<S>(rt);
  }

  /** The harness of a list resource. */
  list<S extends ListSchema>(definition: ListDefinition<S, any, any> | string): ListHarness<S> {
    const rt = this.provider.listResource(nameOf(definition));
    return rt === undefined ? this.#missing("list resource", nameOf(definition)) : new ListHarness<S>(rt);
  }

  /** The harness of an action. */
  action<S extends ActionSchema>(definition: ActionDefinition<S, any> | string): ActionHarness<S> {
    const rt = this.provider.action(nameOf(definition));
    return rt === undefined ? this.#missing("action", nameOf(definition)) : new ActionHarness<S>(rt);
  }

  /** Stops operations in flight and disposes the provider's services. */
  dispose(): Promise<void> {
    return this.provider.dispose();
  }
}

/**
 * Builds the provider from its definition and components (or takes a built one) and returns
 * its in-process harness. Components are the values of `defineResource`, `defineFunction`, ...
 *
 * @example
 * ```ts
 * const h = createHarness(myProvider, [item, file]);
 * expectOk(await h.configure({ endpoint: "http://localhost" }));
 * const created = expectOk(await h.resource(item).create({ name: "a", content: "x" }));
 * expect(created.state?.revision).toBe(1);
 * ```
 */
export function createHarness<P extends AnyProviderSpec>(
  provider: P,
  components: Iterable<object>,
  options?: ProviderOptions,
): Harness<P>;
export function createHarness(provider: ProviderDefinition): Harness;
export function createHarness(
  provider: AnyProviderSpec | ProviderDefinition,
  components?: Iterable<object>,
  options?: ProviderOptions,
): Harness {
  if ("components" in provider && typeof provider.components === "function") return new Harness(provider);
  // Components are checked by buildProvider at run time (their brand and kind); the loose
  // parameter type keeps the compiler from comparing every component's full generic type.
  return new Harness(
    buildProvider(
      provider as ProviderSpecDefinition,
      (components ?? []) as Iterable<AnyComponentDefinition>,
      options,
    ),
  );
}

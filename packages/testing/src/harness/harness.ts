/**
 * The in-process harness: builds a provider from its definition and calls any component's
 * lifecycle directly with typed plain values. No gRPC, no processes: fast unit tests.
 *
 * @module
 */
import {
  type ActionDefinition,
  type ActionSchema,
  type DataSourceSchema,
  type EphemeralSchema,
  type ListSchema,
  type AnyComponentDefinition,
  type DataSourceDefinition,
  type EphemeralDefinition,
  type FunctionArgs,
  type IdentitySchema,
  type FunctionDefinition,
  type ListDefinition,
  type ParameterDef,
  type ParameterType,
  type ProviderDefinition,
  type ProviderOptions,
  type ProviderSpecDefinition,
  type ResourceDefinition,
  type ResourceSchema,
  type ReturnValue,
  buildProvider,
} from "@pyvider/hub";
import { type InferConfig, type Schema, validateConfig } from "@pyvider/schema";
import { ActionHarness, DataSourceHarness, EphemeralHarness, FunctionHarness, ListHarness } from "./components.js";
import { ResourceHarness } from "./resource.js";
import { HarnessError, type HarnessOutcome, isError } from "./result.js";
import { toCty, toPlain } from "./values.js";

/** Typed function call: the arguments and result of a function definition. */
export interface TypedFunctionHarness<A extends unknown[], R> extends FunctionHarness<R> {
  call(...args: A): ReturnType<FunctionHarness<R>["call"]>;
}

function nameOf(c: string | { readonly name: string }): string {
  return typeof c === "string" ? c : c.name;
}

/** The in-process harness of one provider. Create it with {@link createHarness}. */
export class Harness<P extends ProviderSpecDefinition = ProviderSpecDefinition> {
  /** @param provider the built provider */
  constructor(readonly provider: ProviderDefinition) {}

  #missing(kind: string, name: string): never {
    throw new HarnessError(`looking up ${kind} ${name}`, [
      { severity: "error", summary: `The provider ${this.provider.name} has no ${kind} named "${name}"` },
    ]);
  }

  /** Validates a provider configuration (schema rules and the `validate` handler) without configuring. */
  async validateProviderConfig(config: InferConfig<P["schema"]>): Promise<HarnessOutcome> {
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
    config: InferConfig<P["schema"]>,
    options: { readonly terraformVersion?: string } = {},
  ): Promise<HarnessOutcome> {
    const v = await this.validateProviderConfig(config);
    if (!v.ok) return v;
    const c = toCty(config, this.provider.schema as Schema, "provider configuration");
    if (!c.ok) return { ok: false, diagnostics: [c.diagnostic] };
    const r = await this.provider.configure({
      config: toPlain(c.value),
      terraformVersion: options.terraformVersion ?? "1.12.0",
      clientCapabilities: { deferralAllowed: false, writeOnlyAttributesAllowed: true },
    });
    const diagnostics = [...v.diagnostics, ...r.diagnostics];
    return { ok: r.ok, diagnostics };
  }

  /** The harness of a resource, by definition (typed) or type name. */
  resource<S extends ResourceSchema, I extends IdentitySchema | undefined>(
    // biome-ignore lint/suspicious/noExplicitAny: any private state shape and provider data
    definition: ResourceDefinition<S, I, any, any>,
  ): ResourceHarness<S, I>;
  resource(name: string): ResourceHarness<Schema, unknown>;
  resource(def: string | { readonly name: string }): ResourceHarness<Schema, unknown> {
    const rt = this.provider.resource(nameOf(def));
    return rt === undefined ? this.#missing("resource", nameOf(def)) : new ResourceHarness(rt);
  }

  /** The harness of a data source. */
  dataSource<S extends DataSourceSchema>(// biome-ignore lint/suspicious/noExplicitAny: any provider data
    definition: DataSourceDefinition<S, any> | string): DataSourceHarness<S> {
    const rt = this.provider.dataSource(nameOf(definition));
    return rt === undefined ? this.#missing("data source", nameOf(definition)) : new DataSourceHarness<S>(rt);
  }

  /** The harness of a provider function; typed from its definition. */
  function<Ps extends readonly ParameterDef[], V extends ParameterDef | undefined, R extends ParameterType>(
    definition: FunctionDefinition<Ps, V, R>,
  ): TypedFunctionHarness<FunctionArgs<Ps, V>, ReturnValue<R>>;
  function(name: string): FunctionHarness<unknown>;
  function(def: string | { readonly name: string }): FunctionHarness<unknown> {
    const rt = this.provider.function(nameOf(def));
    return rt === undefined ? this.#missing("function", nameOf(def)) : new FunctionHarness(rt);
  }

  /** The harness of an ephemeral resource. */
  ephemeral<S extends EphemeralSchema>(// biome-ignore lint/suspicious/noExplicitAny: any private state and provider data
    definition: EphemeralDefinition<S, any, any> | string): EphemeralHarness<S> {
    const rt = this.provider.ephemeralResource(nameOf(definition));
    return rt === undefined ? this.#missing("ephemeral resource", nameOf(definition)) : new EphemeralHarness<S>(rt);
  }

  /** The harness of a list resource. */
  list<S extends ListSchema>(// biome-ignore lint/suspicious/noExplicitAny: any listed resource and provider data
    definition: ListDefinition<S, any, any> | string): ListHarness<S> {
    const rt = this.provider.listResource(nameOf(definition));
    return rt === undefined ? this.#missing("list resource", nameOf(definition)) : new ListHarness<S>(rt);
  }

  /** The harness of an action. */
  action<S extends ActionSchema>(// biome-ignore lint/suspicious/noExplicitAny: any provider data
    definition: ActionDefinition<S, any> | string): ActionHarness<S> {
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
 * its in-process harness.
 *
 * @example
 * ```ts
 * const h = createHarness(myProvider, [item, file]);
 * expectOk(await h.configure({ endpoint: "http://localhost" }));
 * const created = expectOk(await h.resource(item).create({ name: "a", content: "x" }));
 * expect(created.state?.revision).toBe(1);
 * ```
 */
export function createHarness<P extends ProviderSpecDefinition>(
  provider: P,
  components: Iterable<AnyComponentDefinition>,
  options?: ProviderOptions,
): Harness<P>;
export function createHarness(provider: ProviderDefinition): Harness;
export function createHarness(
  provider: ProviderSpecDefinition | ProviderDefinition,
  components?: Iterable<AnyComponentDefinition>,
  options?: ProviderOptions,
): Harness {
  if ("components" in provider && typeof provider.components === "function") return new Harness(provider);
  return new Harness(buildProvider(provider as ProviderSpecDefinition, components ?? [], options));
}

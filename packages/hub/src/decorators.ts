/**
 * Standard (TC39) class decorators, the pyvider way of registering components:
 *
 * ```ts
 * @registerResource("kv_entry")
 * export class Entry {
 *   schema = entrySchema;
 *   async create(ctx: ResourceContexts<typeof entrySchema>["create"]) { ... }
 *   ...
 * }
 * ```
 *
 * A decorated class is instantiated (without arguments) when the provider is built; the instance
 * is the handler object, so methods may use `this`. Discovery finds decorated classes among a
 * module's exports.
 *
 * @module
 */
import { type ComponentKind, isComponentDefinition } from "./component.js";
import { type ActionSpec, defineAction } from "./components/action.js";
import { type DataSourceSpec, defineDataSource } from "./components/data-source.js";
import { defineEphemeralResource, type EphemeralSpec } from "./components/ephemeral.js";
import { defineFunction, type FunctionSpec } from "./components/function.js";
import { defineListResource, type ListSpec } from "./components/list.js";
import { defineProvider, type ProviderSpec, type ProviderSpecDefinition } from "./components/provider.js";
import { type AnyResourceDefinition, defineResource, type ResourceSpec } from "./components/resource.js";
import { defineStateStore, type StateStoreSpec } from "./components/state-store.js";
import { SchemaRegistrationError } from "./errors.js";
import type { AnyComponentDefinition } from "./registry.js";
import { describeThrown } from "./to-diagnostic.js";

/** Registration data recorded by a decorator. */
export interface DecoratedRegistration {
  /** `provider` or a component kind. */
  readonly kind: ComponentKind | "provider";
  /** The registered name. */
  readonly name: string;
  /** Capabilities the component requires. */
  readonly requires: readonly string[];
}

/** Options of the component decorators. */
export interface RegisterOptions {
  /** Capabilities the provider must declare for this component. */
  readonly requires?: readonly string[];
}

type AnyClass = abstract new (...args: any[]) => unknown;
type Loose = any;

const registrations = new WeakMap<AnyClass, DecoratedRegistration>();
const built = new WeakMap<AnyClass, AnyComponentDefinition | ProviderSpecDefinition>();

/** The registration recorded on a class by a decorator, if any. */
export function registrationOf(value: unknown): DecoratedRegistration | undefined {
  return typeof value === "function" ? registrations.get(value as AnyClass) : undefined;
}

function decorator(kind: DecoratedRegistration["kind"], name: string, options: RegisterOptions = {}) {
  return (target: AnyClass, context: ClassDecoratorContext): void => {
    if (context.kind !== "class")
      throw new TypeError(`@register* decorators apply to classes, not ${context.kind}s`);
    registrations.set(
      target,
      Object.freeze({ kind, name, requires: Object.freeze([...(options.requires ?? [])]) }),
    );
  };
}

/** Registers a class as the resource `name`. The class holds `schema` and the handlers of {@link ResourceSpec}. */
export function registerResource(name: string, options?: RegisterOptions) {
  return decorator("resource", name, options) as <
    C extends new () => Omit<ResourceSpec<Loose, Loose, Loose, Loose, Loose>, "name">,
  >(
    target: C,
    context: ClassDecoratorContext<C>,
  ) => void;
}

/** Registers a class as the data source `name`. */
export function registerDataSource(name: string, options?: RegisterOptions) {
  return decorator("dataSource", name, options) as <
    C extends new () => Omit<DataSourceSpec<Loose, Loose, Loose>, "name">,
  >(
    target: C,
    context: ClassDecoratorContext<C>,
  ) => void;
}

/** Registers a class as the function `name` (with `parameters`, `returns` and `run`). */
export function registerFunction(name: string, options?: RegisterOptions) {
  return decorator("function", name, options) as <
    C extends new () => Omit<FunctionSpec<Loose, Loose, Loose, Loose>, "name" | "run"> & {
      run(ctx: Loose, ...args: Loose[]): unknown;
    },
  >(
    target: C,
    context: ClassDecoratorContext<C>,
  ) => void;
}

/** Registers a class as the ephemeral resource `name`. */
export function registerEphemeralResource(name: string, options?: RegisterOptions) {
  return decorator("ephemeral", name, options) as <
    C extends new () => Omit<EphemeralSpec<Loose, Loose, Loose, Loose>, "name">,
  >(
    target: C,
    context: ClassDecoratorContext<C>,
  ) => void;
}

/** Registers a class as the list resource `name`; its `resource` is a resource definition or decorated class. */
export function registerListResource(name: string, options?: RegisterOptions) {
  return decorator("list", name, options) as <
    C extends new () => Omit<ListSpec<Loose, Loose, Loose, Loose>, "name" | "resource"> & {
      readonly resource: unknown;
    },
  >(
    target: C,
    context: ClassDecoratorContext<C>,
  ) => void;
}

/** Registers a class as the action `name`. */
export function registerAction(name: string, options?: RegisterOptions) {
  return decorator("action", name, options) as <C extends new () => Omit<ActionSpec<Loose, Loose>, "name">>(
    target: C,
    context: ClassDecoratorContext<C>,
  ) => void;
}

/** Registers a class as the state store `name`. */
export function registerStateStore(name: string, options?: RegisterOptions) {
  return decorator("stateStore", name, options) as <
    C extends new () => Omit<StateStoreSpec<Loose, Loose>, "name">,
  >(
    target: C,
    context: ClassDecoratorContext<C>,
  ) => void;
}

/** Registers a class as the provider `name` (with `schema`, `configure`, ...). */
export function registerProvider(name: string) {
  return decorator("provider", name) as <C extends new () => Omit<ProviderSpec<Loose, Loose, Loose>, "name">>(
    target: C,
    context: ClassDecoratorContext<C>,
  ) => void;
}

function instantiate(ctor: AnyClass, reg: DecoratedRegistration): Record<string, unknown> {
  let instance: unknown;
  try {
    instance = new (ctor as new () => unknown)();
  } catch (e) {
    throw new SchemaRegistrationError(
      `cannot instantiate the ${reg.kind} class registered as "${reg.name}"`,
      {
        schemaName: reg.name,
        detail: describeThrown(e),
        cause: e,
      },
    );
  }
  const obj = instance as Record<string, unknown>;
  Object.defineProperty(obj, "name", { value: reg.name, enumerable: true, configurable: true });
  if (reg.kind !== "provider") {
    Object.defineProperty(obj, "requires", { value: reg.requires, enumerable: true, configurable: true });
  }
  if (!("schema" in obj) && reg.kind !== "function") {
    throw new SchemaRegistrationError(`the ${reg.kind} class registered as "${reg.name}" has no schema`, {
      schemaName: reg.name,
    });
  }
  return obj;
}

/** Resolves a list resource's `resource`: a definition, or a class decorated with `@registerResource`. */
function resolveResource(value: unknown, listName: string): AnyResourceDefinition {
  if (isComponentDefinition(value) && value.kind === "resource") return value as AnyResourceDefinition;
  const def = fromDecoratedClass(value);
  if (def !== undefined && isComponentDefinition(def) && def.kind === "resource")
    return def as AnyResourceDefinition;
  throw new SchemaRegistrationError(
    `list resource "${listName}" must name a resource definition or @registerResource class`,
    {
      schemaName: listName,
    },
  );
}

/**
 * The definition of a decorated class (built once per class; later calls return the same
 * object), or undefined for anything else.
 */
export function fromDecoratedClass(
  value: unknown,
): AnyComponentDefinition | ProviderSpecDefinition | undefined {
  const reg = registrationOf(value);
  if (reg === undefined) return undefined;
  const ctor = value as AnyClass;
  const cached = built.get(ctor);
  if (cached !== undefined) return cached;
  const h: Loose = instantiate(ctor, reg);
  let def: AnyComponentDefinition | ProviderSpecDefinition;
  switch (reg.kind) {
    case "provider":
      def = (defineProvider as unknown as (spec: unknown) => ProviderSpecDefinition)(h);
      break;
    case "resource":
      def = (defineResource as unknown as (spec: unknown) => AnyComponentDefinition)(h);
      break;
    case "dataSource":
      def = (defineDataSource as unknown as (spec: unknown) => AnyComponentDefinition)(h);
      break;
    case "function":
      def = (defineFunction as unknown as (spec: unknown) => AnyComponentDefinition)(h);
      break;
    case "ephemeral":
      def = (defineEphemeralResource as unknown as (spec: unknown) => AnyComponentDefinition)(h);
      break;
    case "list":
      Object.defineProperty(h, "resource", {
        value: resolveResource(h.resource, reg.name),
        enumerable: true,
      });
      def = (defineListResource as unknown as (spec: unknown) => AnyComponentDefinition)(h);
      break;
    case "action":
      def = (defineAction as unknown as (spec: unknown) => AnyComponentDefinition)(h);
      break;
    case "stateStore":
      def = (defineStateStore as unknown as (spec: unknown) => AnyComponentDefinition)(h);
      break;
  }
  built.set(ctor, def);
  return def;
}

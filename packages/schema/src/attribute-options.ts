/**
 * Attribute options and how they become model fields and flag types.
 *
 * @module
 */
import type { CtyType, CtyValue } from "@pyvider/cty";
import type { NativeOf } from "./infer.js";
import type { AttributeCommon, Default, DefaultRequest, PlanModifier, Validator } from "./model.js";

/** A default: a native value of the attribute's type, a cty value, or a function of the config. */
export type DefaultOption<T extends CtyType> =
  | Exclude<NativeOf<T, "state">, null>
  | CtyValue
  | DefaultFunction;

/** A default computed from the configuration: return a native value of the attribute's type or a cty value. */
export type DefaultFunction = (req: DefaultRequest) => unknown;

/** The options as seen at runtime (the default's type erased). */
type AttributeOptionsRuntime = Omit<AttributeOptions<never>, "default"> & { readonly default?: unknown };

/**
 * Options for collection and structural attributes (`a.list`, `a.set`, `a.map`, `a.obj`, `a.tuple`):
 * the default is checked against the type when the schema is defined (at provider start) rather
 * than by the compiler, which keeps inference fast.
 */
export type CollectionOptions = Omit<AttributeOptions<never>, "default"> & { readonly default?: unknown };

/** Options shared by every attribute factory. */
export interface AttributeOptions<T extends CtyType = CtyType> {
  /** The attribute must be set in configuration. */
  readonly required?: boolean;
  /** The attribute may be set in configuration (the default unless required or computed). */
  readonly optional?: boolean;
  /** The provider sets the value. With `optional`, the provider sets it when the config does not. */
  readonly computed?: boolean;
  /** The value is hidden in Terraform's output. */
  readonly sensitive?: boolean;
  /** The value is only in configuration, never stored in plan or state (Terraform 1.11+). */
  readonly writeOnly?: boolean;
  /** Marks the attribute deprecated; a string is the message shown to users. */
  readonly deprecated?: boolean | string;
  /** Plain-text description. */
  readonly description?: string;
  /** Markdown description (preferred over `description` in protocol output). */
  readonly markdownDescription?: string;
  /** Value validators. */
  readonly validators?: readonly Validator[];
  /** Plan modifiers (resources only). */
  readonly planModifiers?: readonly PlanModifier[];
  /** A default for when the config leaves the attribute null. Implies `computed`. */
  readonly default?: DefaultOption<T>;
}

type IsTrue<X> = X extends true ? true : false;
type HasDefault<O> = O extends { readonly default: infer D } ? (undefined extends D ? false : true) : false;

/** The literal flag set an options object produces. */
export interface FlagsOf<O> {
  readonly required: O extends { readonly required: true } ? true : false;
  readonly optional: O extends { readonly required: true }
    ? false
    : O extends { readonly optional: true }
      ? true
      : O extends { readonly computed: true }
        ? false
        : true;
  readonly computed: O extends { readonly computed: true } ? true : HasDefault<O>;
  readonly writeOnly: IsTrue<O extends { readonly writeOnly: infer W } ? W : false>;
  readonly hasDefault: HasDefault<O>;
}

function toDefault(d: unknown): Default | undefined {
  if (d === undefined) return undefined;
  if (typeof d === "function") {
    return { kind: "computed", description: "computed from configuration", compute: d as Default & never };
  }
  return { kind: "static", value: d };
}

/** Turns options into the common model fields (flags derived as documented on {@link AttributeOptions}). */
export function commonFields(options?: object): AttributeCommon {
  const o = (options ?? {}) as AttributeOptionsRuntime;
  const required = o.required === true;
  const hasDefault = o.default !== undefined;
  const computed = o.computed === true || hasDefault;
  const optional = o.optional === true ? true : required ? false : o.computed !== true;
  return {
    required,
    optional,
    computed,
    writeOnly: o.writeOnly === true,
    sensitive: o.sensitive === true,
    deprecated: o.deprecated !== undefined && o.deprecated !== false,
    deprecationMessage: typeof o.deprecated === "string" ? o.deprecated : undefined,
    description: o.description,
    markdownDescription: o.markdownDescription,
    validators: Object.freeze([...(o.validators ?? [])]),
    planModifiers: Object.freeze([...(o.planModifiers ?? [])]),
    default: toDefault(o.default),
  };
}

/** True if the options set anything beyond the type (used to reject flags on collection elements). */
export function hasAnyFlag(c: AttributeCommon): boolean {
  return (
    c.required ||
    c.computed ||
    c.writeOnly ||
    c.sensitive ||
    c.deprecated ||
    c.description !== undefined ||
    c.markdownDescription !== undefined ||
    c.validators.length > 0 ||
    c.planModifiers.length > 0 ||
    c.default !== undefined
  );
}

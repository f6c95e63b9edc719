/**
 * The schema model: plain, immutable data describing attributes, nested attributes, blocks and
 * schemas. Every authoring style (factories, builder, decorators) produces exactly this model.
 *
 * Generic parameters only carry TypeScript information for type inference (see `infer.ts`);
 * they never change the runtime shape.
 *
 * @module
 */
import type { CtyPath, CtyType, CtyValue } from "@pyvider/cty";
import type { Diagnostic } from "./diagnostics.js";

/** The flags that decide where an attribute's value comes from, as literal types. */
export interface FlagSet {
  readonly required: boolean;
  readonly optional: boolean;
  readonly computed: boolean;
  readonly writeOnly: boolean;
  readonly hasDefault: boolean;
}

/** What a validator sees. */
export interface ValidatorRequest {
  /** The value being validated (never unknown: unknown values are not validated). */
  readonly value: CtyValue;
  /** Where the value is, from the schema's root. */
  readonly path: CtyPath;
  /** The whole configuration. */
  readonly config: CtyValue;
}

/** An attribute validator. Return (or resolve to) diagnostics; nothing means valid. */
export interface Validator {
  /** A plain-English description, used in docs. */
  readonly description: string;
  /** Checks one known, non-null value (null values are only seen if `validateNull` is set). */
  validate(
    req: ValidatorRequest,
  ): readonly Diagnostic[] | undefined | Promise<readonly Diagnostic[] | undefined>;
  /** When true, null values are passed to `validate` too (default: skipped). */
  readonly validateNull?: boolean;
}

/** What an object-level validator (conflicts-with, exactly-one-of, ...) sees. */
export interface ObjectValidatorRequest {
  /** The object (schema root, block or nested object) whose attributes are checked. Known and not null. */
  readonly value: CtyValue;
  /** The object's path from the schema's root. */
  readonly path: CtyPath;
  /** The whole configuration. */
  readonly config: CtyValue;
}

/** A validator attached to a schema, block or nested attribute object, seeing all of its attributes. */
export interface ObjectValidator {
  /** A plain-English description, used in docs. */
  readonly description: string;
  /** Checks the object. */
  validate(
    req: ObjectValidatorRequest,
  ): readonly Diagnostic[] | undefined | Promise<readonly Diagnostic[] | undefined>;
}

/** What a plan modifier sees. Values are null when there is no prior state or the resource is destroyed. */
export interface PlanModifierRequest {
  /** Where the attribute is. */
  readonly path: CtyPath;
  /** The attribute's configured value. */
  readonly config: CtyValue;
  /** The attribute's planned value so far. */
  readonly plan: CtyValue;
  /** The attribute's prior state value. */
  readonly state: CtyValue;
  /** The whole configuration. */
  readonly configRoot: CtyValue;
  /** The whole plan (null when the resource is being destroyed). */
  readonly planRoot: CtyValue;
  /** The whole prior state (null when the resource is being created). */
  readonly stateRoot: CtyValue;
  /**
   * Whether the object holding this attribute exists in the prior state (false on create, and for
   * a list, set or map element that is new). Tells a null prior value from a missing one.
   */
  readonly stateObjectExists: boolean;
}

/** What a plan modifier may change. */
export interface PlanModifierResponse {
  /** A new planned value for the attribute. */
  readonly plan?: CtyValue;
  /** True to require replacing the resource. */
  readonly requiresReplace?: boolean;
  /** Diagnostics to report. */
  readonly diagnostics?: readonly Diagnostic[];
}

/** A plan modifier: adjusts an attribute's planned value or asks for replacement. */
export interface PlanModifier {
  /** A plain-English description, used in docs. */
  readonly description: string;
  /** Identifies the built-in modifiers (`"requiresReplace"`, `"requiresReplaceIf"`, `"useStateForUnknown"`) for definition-time checks. */
  readonly kind?: string;
  /** Computes the modification. */
  modify(
    req: PlanModifierRequest,
  ): PlanModifierResponse | undefined | Promise<PlanModifierResponse | undefined>;
}

/** What a computed default sees. */
export interface DefaultRequest {
  /** Where the attribute is. */
  readonly path: CtyPath;
  /** The whole configuration. */
  readonly config: CtyValue;
}

/** A default: a static value (a cty value, or a native JS value converted to the attribute's type) or computed from the config. */
export type Default =
  | { readonly kind: "static"; readonly value: unknown }
  | {
      readonly kind: "computed";
      readonly description: string;
      readonly compute: (req: DefaultRequest) => unknown;
    };

/** Fields shared by plain and nested attributes. */
export interface AttributeCommon<F extends FlagSet = FlagSet> {
  readonly required: F["required"];
  readonly optional: F["optional"];
  readonly computed: F["computed"];
  readonly writeOnly: F["writeOnly"];
  readonly sensitive: boolean;
  readonly deprecated: boolean;
  readonly deprecationMessage: string | undefined;
  readonly description: string | undefined;
  readonly markdownDescription: string | undefined;
  readonly validators: readonly Validator[];
  readonly planModifiers: readonly PlanModifier[];
  readonly default: Default | undefined;
}

/** A plain attribute: a value of one cty type. */
export interface Attribute<T extends CtyType = CtyType, F extends FlagSet = FlagSet>
  extends AttributeCommon<F> {
  readonly kind: "attribute";
  readonly type: T;
}

/** How a nested attribute holds its objects. */
export type NestedNesting = "single" | "list" | "set" | "map";

/** A nested attribute: one or a collection of objects with attributes of their own. */
export interface NestedAttribute<
  N extends NestedNesting = NestedNesting,
  A extends AttributeFields = AttributeFields,
  F extends FlagSet = FlagSet,
> extends AttributeCommon<F> {
  readonly kind: "nested";
  readonly nesting: N;
  readonly attributes: Readonly<Record<string, AnyAttribute>>;
  /** Object-level validators, run on each object. */
  readonly objectValidators: readonly ObjectValidator[];
  /** Minimum number of objects (list, set, map); 0 = no minimum. */
  readonly minItems: number;
  /** Maximum number of objects (list, set, map); 0 = no maximum. */
  readonly maxItems: number;
  /** Type-level only: the field definitions. Never set at runtime. */
  readonly __fields?: A;
}

/** Any attribute. */
export type AnyAttribute =
  | Attribute<CtyType, FlagSet>
  | NestedAttribute<NestedNesting, AttributeFields, FlagSet>;

/** How a block repeats. `group` is a single block that is always present (its attributes may be null). */
export type BlockNesting = "single" | "list" | "set" | "group";

/** The contents of a block or schema: attributes and nested blocks, with documentation. */
export interface BlockBody {
  readonly attributes: Readonly<Record<string, AnyAttribute>>;
  readonly blocks: Readonly<Record<string, Block>>;
  readonly description: string | undefined;
  readonly markdownDescription: string | undefined;
  readonly deprecated: boolean;
  readonly deprecationMessage: string | undefined;
  /** Object-level validators (conflicts-with, exactly-one-of, ...). */
  readonly validators: readonly ObjectValidator[];
}

/** A nested block. */
export interface Block<N extends BlockNesting = BlockNesting, Fs extends Fields = Fields> extends BlockBody {
  readonly kind: "block";
  readonly nesting: N;
  /** Minimum number of blocks (list, set); 0 = no minimum. */
  readonly minItems: number;
  /** Maximum number of blocks (list, set); 0 = no maximum. */
  readonly maxItems: number;
  /** A computed block (set by the provider, Terraform 1.16+ clients). */
  readonly computed: boolean;
  /** Type-level only: the field definitions. Never set at runtime. */
  readonly __fields?: Fs;
}

/** Field definitions that may only be attributes (inside nested attributes). */
export type AttributeFields = { readonly [name: string]: AnyAttribute };
/** Field definitions of a schema or block: attributes and blocks, told apart by `kind`. */
export type Fields = { readonly [name: string]: AnyAttribute | Block };

/** The kinds of schema a provider declares. */
export type SchemaKind =
  | "provider"
  | "providerMeta"
  | "resource"
  | "dataSource"
  | "ephemeral"
  | "list"
  | "action"
  | "stateStore"
  | "identity";

/** A schema: a kind, a version and a root block. */
export interface Schema<K extends SchemaKind = SchemaKind, Fs extends Fields = Fields> {
  readonly kind: K;
  /** The schema version (resources and identities; 0 elsewhere). */
  readonly version: number;
  readonly block: BlockBody;
  /** Type-level only: the field definitions. Never set at runtime. */
  readonly __fields?: Fs;
}

/** A provider function parameter. */
export interface FunctionParameter {
  readonly name: string;
  readonly type: CtyType;
  /** Whether null may be passed. */
  readonly allowNull: boolean;
  /** Whether an unknown value may be passed (otherwise Terraform short-circuits to an unknown result). */
  readonly allowUnknown: boolean;
  readonly description: string | undefined;
  readonly markdownDescription: string | undefined;
}

/**
 * A provider function's signature. `Args` and `Result` only carry the TypeScript types of the
 * arguments and result (see `InferFunctionArgs`); they are never set at runtime.
 */
export interface FunctionSchema<Args extends readonly unknown[] = readonly unknown[], Result = unknown> {
  readonly kind: "function";
  readonly parameters: readonly FunctionParameter[];
  readonly variadicParameter: FunctionParameter | undefined;
  readonly returnType: CtyType;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly markdownDescription: string | undefined;
  readonly deprecationMessage: string | undefined;
  /** Type-level only: the native argument types. Never set at runtime. */
  readonly __args?: Args;
  /** Type-level only: the native result type. Never set at runtime. */
  readonly __result?: Result;
}

/** The top-level block of a schema; a block body is returned as it is. */
export function bodyOf(schema: Schema | BlockBody): BlockBody {
  return "kind" in schema && "block" in schema ? schema.block : schema;
}

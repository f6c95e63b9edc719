/**
 * A protocol-neutral description of a schema: plain, JSON-able data that the protocol package maps
 * to tfplugin6 messages and the CLI dumps. Attributes and blocks are sorted by name.
 *
 * @module
 */
import { type CtyType, compareUtf8 } from "@pyvider/cty";
import type {
  AnyAttribute,
  Block,
  BlockBody,
  FunctionParameter,
  FunctionSchema,
  Schema,
  SchemaKind,
} from "./model.js";

/** A cty type as type JSON (`"string"`, `["list","string"]`, `["object",{...},["opt"]]`, ...). */
export type TypeJson = string | readonly unknown[];

/** How a description is written. */
export type DescriptionKind = "plain" | "markdown";

/** A described attribute. */
export interface AttributeDescription {
  readonly name: string;
  /** The type, for plain attributes. */
  readonly type?: TypeJson;
  /** The nested object, for nested attributes. */
  readonly nestedType?: ObjectDescription;
  readonly description: string;
  readonly descriptionKind: DescriptionKind;
  readonly required: boolean;
  readonly optional: boolean;
  readonly computed: boolean;
  readonly sensitive: boolean;
  readonly writeOnly: boolean;
  readonly deprecated: boolean;
  readonly deprecationMessage?: string;
}

/** A described nested attribute object. */
export interface ObjectDescription {
  readonly nesting: "single" | "list" | "set" | "map";
  readonly attributes: readonly AttributeDescription[];
  readonly minItems: number;
  readonly maxItems: number;
}

/** A described block body. */
export interface BlockDescription {
  readonly attributes: readonly AttributeDescription[];
  readonly blockTypes: readonly NestedBlockDescription[];
  readonly description: string;
  readonly descriptionKind: DescriptionKind;
  readonly deprecated: boolean;
  readonly deprecationMessage?: string;
}

/** A described nested block. */
export interface NestedBlockDescription {
  readonly typeName: string;
  readonly nesting: "single" | "list" | "set" | "group";
  readonly block: BlockDescription;
  readonly minItems: number;
  readonly maxItems: number;
  /** Computed block (Terraform 1.16+). */
  readonly computed: boolean;
}

/** A described schema. */
export interface SchemaDescription {
  readonly kind: SchemaKind;
  readonly version: number;
  readonly block: BlockDescription;
}

/** A described function parameter. */
export interface ParameterDescription {
  readonly name: string;
  readonly type: TypeJson;
  readonly allowNullValue: boolean;
  readonly allowUnknownValues: boolean;
  readonly description: string;
  readonly descriptionKind: DescriptionKind;
}

/** A described function. */
export interface FunctionDescription {
  readonly parameters: readonly ParameterDescription[];
  readonly variadicParameter?: ParameterDescription;
  readonly returnType: TypeJson;
  readonly summary: string;
  readonly description: string;
  readonly descriptionKind: DescriptionKind;
  readonly deprecationMessage: string;
}

/** A cty type as type JSON data (go-cty's format, optional attributes as the third element). */
export function typeJson(t: CtyType): TypeJson {
  switch (t.kind) {
    case "string":
    case "number":
    case "bool":
    case "dynamic":
      return t.kind;
    case "list":
    case "set":
    case "map":
      return [t.kind, typeJson(t.element)];
    case "object": {
      const attrs: Record<string, TypeJson> = {};
      for (const n of t.names) attrs[n] = typeJson(t.attributes[n]!);
      return t.optional.length > 0 ? ["object", attrs, [...t.optional]] : ["object", attrs];
    }
    case "tuple":
      return ["tuple", t.elements.map(typeJson)];
    case "capsule":
      throw new TypeError(`capsule type "${t.name}" cannot appear in a schema description`);
  }
}

function text(d: { description: string | undefined; markdownDescription: string | undefined }) {
  return d.markdownDescription !== undefined
    ? { description: d.markdownDescription, descriptionKind: "markdown" as const }
    : { description: d.description ?? "", descriptionKind: "plain" as const };
}

function sortedNames(r: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(r).sort(compareUtf8);
}

function deprecation(d: { deprecated: boolean; deprecationMessage: string | undefined }) {
  return d.deprecationMessage !== undefined
    ? { deprecated: d.deprecated, deprecationMessage: d.deprecationMessage }
    : { deprecated: d.deprecated };
}

function describeAttribute(name: string, a: AnyAttribute): AttributeDescription {
  const base = {
    name,
    ...text(a),
    required: a.required,
    optional: a.optional,
    computed: a.computed,
    sensitive: a.sensitive,
    writeOnly: a.writeOnly,
    ...deprecation(a),
  };
  if (a.kind === "attribute") return { ...base, type: typeJson(a.type) };
  return {
    ...base,
    nestedType: {
      nesting: a.nesting,
      attributes: sortedNames(a.attributes).map((n) => describeAttribute(n, a.attributes[n]!)),
      minItems: a.minItems,
      maxItems: a.maxItems,
    },
  };
}

/** Describes a block body. */
export function describeBlock(body: BlockBody): BlockDescription {
  return {
    attributes: sortedNames(body.attributes).map((n) => describeAttribute(n, body.attributes[n]!)),
    blockTypes: sortedNames(body.blocks).map((n) => describeNestedBlock(n, body.blocks[n]!)),
    ...text(body),
    ...deprecation(body),
  };
}

function describeNestedBlock(name: string, b: Block): NestedBlockDescription {
  return {
    typeName: name,
    nesting: b.nesting,
    block: describeBlock(b),
    minItems: b.minItems,
    maxItems: b.maxItems,
    computed: b.computed,
  };
}

/** Describes a schema as plain data. */
export function describeSchema(schema: Schema): SchemaDescription {
  return { kind: schema.kind, version: schema.version, block: describeBlock(schema.block) };
}

function describeParameter(p: FunctionParameter): ParameterDescription {
  return {
    name: p.name,
    type: typeJson(p.type),
    allowNullValue: p.allowNull,
    allowUnknownValues: p.allowUnknown,
    ...text(p),
  };
}

/** Describes a function signature as plain data. */
export function describeFunction(fn: FunctionSchema<any, any>): FunctionDescription {
  const out = {
    parameters: fn.parameters.map(describeParameter),
    returnType: typeJson(fn.returnType),
    summary: fn.summary ?? "",
    ...text(fn),
    deprecationMessage: fn.deprecationMessage ?? "",
  };
  return fn.variadicParameter ? { ...out, variadicParameter: describeParameter(fn.variadicParameter) } : out;
}

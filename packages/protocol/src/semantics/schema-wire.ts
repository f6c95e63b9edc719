/**
 * Schemas on the wire: @pyvider/schema's protocol-neutral descriptions mapped to tfplugin6
 * `Schema`, `ResourceIdentitySchema` and `Function` messages.
 *
 * @module
 */
import {
  type AttributeDescription,
  type BlockDescription,
  type DescriptionKind,
  describeFunction,
  describeSchema,
  type FunctionDescription,
  type FunctionSchema,
  type NestedBlockDescription,
  type ParameterDescription,
  type Schema,
  type TypeJson,
} from "@pyvider/schema";
import {
  type Function_Parameter,
  type FunctionMessage,
  type ResourceIdentitySchema,
  type Schema_Attribute,
  type Schema_Block,
  type Schema_NestedBlock,
  Schema_NestedBlock_NestingMode,
  Schema_Object_NestingMode,
  StringKind,
  type Schema as WireSchema,
} from "../gen/tfplugin6.js";

const encoder = new TextEncoder();

/** Type JSON as the bytes tfplugin6 carries. */
export function typeBytes(t: TypeJson): Uint8Array {
  return encoder.encode(JSON.stringify(t));
}

function kind(k: DescriptionKind): StringKind {
  return k === "markdown" ? StringKind.MARKDOWN : StringKind.PLAIN;
}

const OBJECT_NESTING = {
  single: Schema_Object_NestingMode.SINGLE,
  list: Schema_Object_NestingMode.LIST,
  set: Schema_Object_NestingMode.SET,
  map: Schema_Object_NestingMode.MAP,
} as const;

const BLOCK_NESTING = {
  single: Schema_NestedBlock_NestingMode.SINGLE,
  list: Schema_NestedBlock_NestingMode.LIST,
  set: Schema_NestedBlock_NestingMode.SET,
  group: Schema_NestedBlock_NestingMode.GROUP,
} as const;

function attribute(a: AttributeDescription): Schema_Attribute {
  return {
    name: a.name,
    type: a.type === undefined ? new Uint8Array(0) : typeBytes(a.type),
    nestedType:
      a.nestedType === undefined
        ? undefined
        : {
            attributes: a.nestedType.attributes.map(attribute),
            nesting: OBJECT_NESTING[a.nestedType.nesting],
            minItems: a.nestedType.minItems,
            maxItems: a.nestedType.maxItems,
          },
    description: a.description,
    descriptionKind: kind(a.descriptionKind),
    required: a.required,
    optional: a.optional,
    computed: a.computed,
    sensitive: a.sensitive,
    deprecated: a.deprecated,
    deprecationMessage: a.deprecationMessage ?? "",
    writeOnly: a.writeOnly,
  };
}

/** A block body; `computed` is the nested block's flag (tfplugin6 carries it on the body). */
function block(b: BlockDescription, computed = false): Schema_Block {
  return {
    version: 0,
    attributes: b.attributes.map(attribute),
    blockTypes: b.blockTypes.map(nestedBlock),
    description: b.description,
    descriptionKind: kind(b.descriptionKind),
    deprecated: b.deprecated,
    deprecationMessage: b.deprecationMessage ?? "",
    computed,
  };
}

function nestedBlock(n: NestedBlockDescription): Schema_NestedBlock {
  return {
    typeName: n.typeName,
    block: block(n.block, n.computed),
    nesting: BLOCK_NESTING[n.nesting],
    minItems: n.minItems,
    maxItems: n.maxItems,
  };
}

/** A schema as its tfplugin6 message. */
export function schemaToWire(schema: Schema): WireSchema {
  const d = describeSchema(schema);
  return { version: d.version, block: block(d.block) };
}

/** An identity schema as its tfplugin6 message (required attributes are required for import). */
export function identitySchemaToWire(schema: Schema): ResourceIdentitySchema {
  const d = describeSchema(schema);
  return {
    version: d.version,
    identityAttributes: d.block.attributes.map((a) => ({
      name: a.name,
      type: typeBytes(a.type ?? "dynamic"),
      requiredForImport: a.required,
      optionalForImport: !a.required,
      description: a.description,
    })),
  };
}

function parameter(p: ParameterDescription): Function_Parameter {
  return {
    name: p.name,
    type: typeBytes(p.type),
    allowNullValue: p.allowNullValue,
    allowUnknownValues: p.allowUnknownValues,
    description: p.description,
    descriptionKind: kind(p.descriptionKind),
  };
}

/** A function signature as its tfplugin6 message. */
export function functionToWire(fn: FunctionSchema): FunctionMessage {
  const d: FunctionDescription = describeFunction(fn);
  return {
    parameters: d.parameters.map(parameter),
    variadicParameter: d.variadicParameter === undefined ? undefined : parameter(d.variadicParameter),
    return: { type: typeBytes(d.returnType) },
    summary: d.summary,
    description: d.description,
    descriptionKind: kind(d.descriptionKind),
    deprecationMessage: d.deprecationMessage,
  };
}

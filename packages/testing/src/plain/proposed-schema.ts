/**
 * Schema look-ups for the proposed new state, on the wire schema (`tfplugin6.Schema_Block`): the
 * attribute or nested block a value path lands on (with Terraform's exact rules, which skip
 * index steps), and the "empty value" of a block (what decoding an empty block gives).
 *
 * @module
 */
import {
  CtyDynamic,
  type CtyPath,
  type CtyType,
  type CtyValue,
  emptyObjectVal,
  emptyTupleVal,
  hasDynamicTypes,
  listVal,
  mapVal,
  nullVal,
  objectVal,
  setVal,
} from "@pyvider/cty";
import { tfplugin6 } from "@pyvider/protocol";
import { wireAttributeType, wireBlockType } from "./schema-types.js";

/** A wire attribute. */
export type WireAttribute = tfplugin6.Schema_Attribute;
/** A wire block. */
export type WireBlock = tfplugin6.Schema_Block;
/** A wire nested block type. */
export type WireNestedBlock = tfplugin6.Schema_NestedBlock;
/** A wire nested attribute type. */
export type WireObject = tfplugin6.Schema_Object;

/** The schema of one element of a nested block or nested attribute: a block, or an object. */
export type ElementSchema =
  | { readonly kind: "block"; readonly block: WireBlock }
  | { readonly kind: "object"; readonly object: WireObject };

/** Block nesting modes (`tfplugin6.Schema_NestedBlock_NestingMode`). */
export const BlockNesting = tfplugin6.Schema_NestedBlock_NestingMode;
/** Nested attribute nesting modes (`tfplugin6.Schema_Object_NestingMode`). */
export const ObjectNesting = tfplugin6.Schema_Object_NestingMode;

/** A block with nothing in it, for a missing schema. */
export const EMPTY_BLOCK: WireBlock = {
  version: 0,
  attributes: [],
  blockTypes: [],
  description: "",
  descriptionKind: 0,
  deprecated: false,
  deprecationMessage: "",
  computed: false,
};

/** The block of a nested block type (an empty block when the message leaves it out). */
export function innerBlock(nb: WireNestedBlock): WireBlock {
  return nb.block ?? EMPTY_BLOCK;
}

/** The attribute named `name` of a list of attributes. */
function attributeNamed(attrs: readonly WireAttribute[], name: string): WireAttribute | undefined {
  return attrs.find((a) => a.name === name);
}

/** The nested block type named `name` of a block. */
function blockNamed(block: WireBlock, name: string): WireNestedBlock | undefined {
  return block.blockTypes.find((b) => b.typeName === name);
}

/**
 * The attribute at `path` inside a nested attribute type. Index steps are skipped and unknown
 * names are passed over, as Terraform's `Object.AttributeByPath` does.
 */
function objectAttributeByPath(object: WireObject, path: CtyPath): WireAttribute | undefined {
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    if (step.kind !== "attr") continue;
    const attr = attributeNamed(object.attributes, step.name);
    if (attr === undefined) continue;
    const more = i < path.length - 1;
    if (more && attr.nestedType !== undefined)
      return objectAttributeByPath(attr.nestedType, path.slice(i + 1));
    return more ? undefined : attr;
  }
  return undefined;
}

/**
 * The attribute at `path` inside a block (through nested blocks and nested attribute types),
 * or undefined when the path does not end on an attribute: Terraform's `AttributeByPath`.
 */
function blockAttributeByPath(start: WireBlock, path: CtyPath): WireAttribute | undefined {
  let block = start;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    if (step.kind !== "attr") continue;
    const attr = attributeNamed(block.attributes, step.name);
    if (attr !== undefined) {
      const more = i < path.length - 1;
      if (more && attr.nestedType !== undefined)
        return objectAttributeByPath(attr.nestedType, path.slice(i + 1));
      return more ? undefined : attr;
    }
    const nb = blockNamed(block, step.name);
    if (nb === undefined) return undefined;
    block = innerBlock(nb);
  }
  return undefined;
}

/** The attribute at `path` (relative to one element) of an element schema. */
export function attributeByPath(schema: ElementSchema, path: CtyPath): WireAttribute | undefined {
  return schema.kind === "block"
    ? blockAttributeByPath(schema.block, path)
    : objectAttributeByPath(schema.object, path);
}

/**
 * The nested block type whose value is exactly at `path`, or undefined: Terraform's
 * `NestedBlockByPath` (index steps skipped, other names passed over).
 */
export function nestedBlockByPath(block: WireBlock, path: CtyPath): WireNestedBlock | undefined {
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    if (step.kind !== "attr") continue;
    const nb = blockNamed(block, step.name);
    if (nb === undefined) continue;
    const more = i < path.length - 1;
    if (more && innerBlock(nb).blockTypes.length > 0)
      return nestedBlockByPath(innerBlock(nb), path.slice(i + 1));
    return more ? undefined : nb;
  }
  return undefined;
}

/** True if the block has a computed nested block type at any depth. */
export function containsComputedBlocks(block: WireBlock): boolean {
  return block.blockTypes.some((nb) => innerBlock(nb).computed || containsComputedBlocks(innerBlock(nb)));
}

/** The value of a nested block type when no block of it is written. */
function emptyNestedValue(nb: WireNestedBlock): CtyValue {
  const inner = innerBlock(nb);
  const t: CtyType = wireBlockType(inner);
  switch (nb.nesting) {
    case BlockNesting.SINGLE:
      return nullVal(t);
    case BlockNesting.GROUP:
      return emptyBlockValue(inner);
    case BlockNesting.LIST:
      return hasDynamicTypes(t) ? emptyTupleVal : listVal([], t);
    case BlockNesting.MAP:
      return hasDynamicTypes(t) ? emptyObjectVal : mapVal({}, t);
    case BlockNesting.SET:
      return setVal([], t);
    default:
      return nullVal(CtyDynamic);
  }
}

/**
 * A block's empty value: every attribute null, every nested block type empty (null for single
 * nesting, an empty collection otherwise, a group's own empty value).
 */
export function emptyBlockValue(block: WireBlock): CtyValue {
  // once per block: every unmatched element of a large set needs it (values are immutable)
  let v = emptyValues.get(block);
  if (v === undefined) {
    const out = new Map<string, CtyValue>();
    for (const a of block.attributes) out.set(a.name, nullVal(wireAttributeType(a)));
    for (const nb of block.blockTypes) out.set(nb.typeName, emptyNestedValue(nb));
    v = objectVal(out);
    emptyValues.set(block, v);
  }
  return v;
}

/** The empty value of each block seen, by block. */
const emptyValues = new WeakMap<WireBlock, CtyValue>();

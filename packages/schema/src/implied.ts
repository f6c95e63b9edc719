/**
 * The implied cty type of a schema: the type of the values Terraform sends for it. Blocks and
 * nested attributes become objects (inside lists, sets and maps as their nesting says).
 *
 * @module
 */
import { CtyList, CtyMap, CtyObject, type CtyObjectType, CtySet, type CtyType } from "@pyvider/cty";
import type { AnyAttribute, Block, BlockBody, NestedAttribute, Schema } from "./model.js";

/** Options for {@link schemaImpliedType}. */
export interface ImpliedTypeOptions {
  /**
   * Mark attributes that are not required as optional in the object types (a type constraint,
   * `["object",{...},["a"]]`), as Terraform does for nested attribute objects. Default `true`.
   * Pass `false` for the plain type of decoded values.
   */
  readonly markOptional?: boolean;
}

const caches = {
  marked: new WeakMap<object, CtyType>(),
  plain: new WeakMap<object, CtyType>(),
  blockMarked: new WeakMap<object, CtyType>(),
  blockPlain: new WeakMap<object, CtyType>(),
};

function cached<T extends CtyType>(
  key: object,
  options: ImpliedTypeOptions,
  make: () => T,
  block = false,
): T {
  const plain = options.markOptional === false;
  const cache = block
    ? plain
      ? caches.blockPlain
      : caches.blockMarked
    : plain
      ? caches.plain
      : caches.marked;
  const hit = cache.get(key);
  if (hit !== undefined) return hit as T;
  const t = make();
  cache.set(key, t);
  return t;
}

/** The cty type of one attribute's value. */
export function attributeType(attr: AnyAttribute, options: ImpliedTypeOptions = {}): CtyType {
  if (attr.kind === "attribute") return attr.type;
  return cached(attr, options, () => nestedAttributeType(attr, options));
}

/** The object type of one element of a nested attribute. */
export function nestedObjectType(attr: NestedAttribute, options: ImpliedTypeOptions = {}): CtyObjectType {
  return cached(attr.attributes, options, () => makeNestedObjectType(attr, options));
}

function makeNestedObjectType(attr: NestedAttribute, options: ImpliedTypeOptions): CtyObjectType {
  const mark = options.markOptional !== false;
  const types: Record<string, CtyType> = {};
  const optional: string[] = [];
  for (const name of Object.keys(attr.attributes)) {
    const inner = attr.attributes[name]!;
    types[name] = attributeType(inner, options);
    if (mark && !inner.required) optional.push(name);
  }
  return CtyObject(types, optional);
}

function nestedAttributeType(attr: NestedAttribute, options: ImpliedTypeOptions): CtyType {
  const o = nestedObjectType(attr, options);
  switch (attr.nesting) {
    case "single":
      return o;
    case "list":
      return CtyList(o);
    case "set":
      return CtySet(o);
    case "map":
      return CtyMap(o);
  }
}

/** The object type of a block body (a schema's root or one block). */
export function bodyType(body: BlockBody, options: ImpliedTypeOptions = {}): CtyObjectType {
  return cached(body, options, () => makeBodyType(body, options));
}

function makeBodyType(body: BlockBody, options: ImpliedTypeOptions): CtyObjectType {
  const mark = options.markOptional !== false;
  const types: Record<string, CtyType> = {};
  const optional: string[] = [];
  for (const name of Object.keys(body.attributes)) {
    const attr = body.attributes[name]!;
    types[name] = attributeType(attr, options);
    if (mark && !attr.required) optional.push(name);
  }
  for (const name of Object.keys(body.blocks)) types[name] = blockType(body.blocks[name]!, options);
  return CtyObject(types, optional);
}

/** The cty type of a block's value: an object, or a list or set of objects. */
export function blockType(blk: Block, options: ImpliedTypeOptions = {}): CtyType {
  const o = bodyType(blk, options);
  if (blk.nesting === "list") return cached(blk, options, () => CtyList(o), true);
  if (blk.nesting === "set") return cached(blk, options, () => CtySet(o), true);
  return o;
}

/**
 * The implied cty type of a schema: an object of its attributes and blocks. By default,
 * attributes that are not required are marked optional (a type constraint); pass
 * `{ markOptional: false }` for the plain type values are decoded with.
 */
export function schemaImpliedType(
  schema: Schema | BlockBody,
  options: ImpliedTypeOptions = {},
): CtyObjectType {
  return bodyType(
    "block" in schema && !("attributes" in schema) ? schema.block : (schema as BlockBody),
    options,
  );
}

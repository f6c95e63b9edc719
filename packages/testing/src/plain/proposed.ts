/**
 * Terraform's "proposed new state" (v1.16 `objchange.ProposedNew`), what PlanResourceChange
 * receives, and the preparation of the configuration before it (`PrepareComputedBlocks`), at
 * every depth:
 *
 * - A computed attribute the configuration leaves null takes its prior value (null on create:
 *   the provider marks it unknown in its plan), except an optional one whose prior value holds a
 *   non-computed nested attribute (the configuration removed it, so it stays null).
 * - Everything else comes from the configuration, write-only values included; nested attribute
 *   types and nested blocks are merged element by element with their prior elements: single and
 *   group blocks directly, lists by index, maps by key, sets by finding a prior element that
 *   differs from the configured one only at computed attributes the configuration leaves null.
 *   A list element with no prior element is taken from the configuration as written.
 * - Unknown configuration values (a `dynamic` block with an unknown `for_each`, an unknown
 *   nested attribute) stay unknown.
 *
 * A null configuration (a destroy) proposes null, as Terraform sends it.
 *
 * @module
 */
import {
  attributes,
  CtyDynamic,
  type CtyType,
  CtyValue,
  elements,
  getAttr,
  index,
  lengthOf,
  listVal,
  mapEntries,
  mapVal,
  nullVal,
  ObjectAttrs,
  objectVal,
  setVal,
  tupleVal,
  typeEquals,
  typeString,
  unknownVal,
} from "@pyvider/cty";
import type { tfplugin6 } from "@pyvider/protocol";
import { PriorElementIndex } from "./proposed-index.js";
import { optionalValueNotComputable } from "./proposed-match.js";
import {
  BlockNesting,
  type ElementSchema,
  EMPTY_BLOCK,
  emptyBlockValue,
  innerBlock,
  ObjectNesting,
  type WireAttribute,
  type WireBlock,
  type WireNestedBlock,
  type WireObject,
} from "./proposed-schema.js";

export { prepareComputedBlocks } from "./proposed-computed-blocks.js";

/**
 * The proposed new state of a resource from its prior state and its (prepared) configuration,
 * as Terraform v1.16 computes it: see the module documentation.
 *
 * @param block the resource's schema block (undefined: a schema with nothing in it)
 * @param prior the prior state (null on create)
 * @param config the configuration, after {@link prepareComputedBlocks} (null for a destroy)
 * @returns what Terraform sends as `proposed_new_state`
 */
export function proposedNewState(
  block: tfplugin6.Schema_Block | undefined,
  prior: CtyValue,
  config: CtyValue,
): CtyValue {
  if (config.isNull) return config;
  return proposeBlock(block ?? EMPTY_BLOCK, prior, config);
}

/** The type of attribute `name` of an object-typed (or dynamic) value. */
function attributeTypeOf(v: CtyValue, name: string): CtyType {
  if (v.type.kind === "dynamic") return CtyDynamic;
  if (v.type.kind !== "object")
    throw new TypeError(`proposed new state: expected an object, got ${typeString(v.type)}`);
  const t = v.type.attributes[name];
  if (t === undefined) throw new TypeError(`proposed new state: the value has no attribute "${name}"`);
  return t;
}

/** Attribute `name` of a prior object: null of its type when the object is null, unknown when unknown. */
function priorAttribute(prior: CtyValue, name: string): CtyValue {
  if (prior.isNull) return nullVal(attributeTypeOf(prior, name));
  if (!prior.isKnown) return unknownVal(attributeTypeOf(prior, name));
  return getAttr(prior, name);
}

/** Attribute `name` of a known, non-null configuration object. */
function configAttribute(config: CtyValue, name: string): CtyValue {
  attributeTypeOf(config, name);
  return getAttr(config, name);
}

/** A block's proposed value; a null prior stands for the block's empty value. */
function proposeBlock(block: WireBlock, prior: CtyValue, config: CtyValue): CtyValue {
  if (config.isNull && prior.isNull) return prior;
  return mergeBlock(block, prior.isNull ? emptyBlockValue(block) : prior, config);
}

/** A block's attributes and nested blocks merged with a non-null prior; a null or unknown config gives the prior. */
function mergeBlock(block: WireBlock, prior: CtyValue, config: CtyValue): CtyValue {
  if (config.isNull || !config.isKnown) return prior;
  if (config.type.kind !== "object")
    throw new TypeError(
      `proposed new state: a block's value must be an object, got ${typeString(config.type)}`,
    );
  const out = mergeAttributes(block.attributes, prior, config);
  for (const nb of block.blockTypes) {
    out.set(
      nb.typeName,
      mergeNestedBlock(nb, priorAttribute(prior, nb.typeName), configAttribute(config, nb.typeName)),
    );
  }
  return objectLike(config, out);
}

/**
 * `objectVal(merged)` for a non-null configuration object whose attributes `merged`
 * replaces. When every merged value has the type of the configured attribute it replaces (the
 * usual case), the result has the configuration's own object type, so no object type is built
 * and compared again for every element of a large set; the configuration itself when nothing
 * changed.
 */
function objectLike(config: CtyValue, merged: ReadonlyMap<string, CtyValue>): CtyValue {
  const t = config.type;
  if (t.kind !== "object" || t.optional.length > 0 || t.names.length !== merged.size || !config.isKnown)
    return objectVal(merged);
  const before = attributes(config);
  const values: CtyValue[] = [];
  let same = config.marks.size === 0;
  for (const name of t.names) {
    const v = merged.get(name);
    const want = t.attributes[name]!;
    if (v === undefined || (v.type !== want && !typeEquals(v.type, want))) return objectVal(merged);
    if (v !== before.get(name)) same = false;
    values.push(v);
  }
  // objectVal's result, without rebuilding the type: the names, in the type's order, with these values
  return same ? config : new CtyValue(t, ObjectAttrs.of(t, values));
}

/** The attributes of a known, non-null configuration object merged with the prior object's. */
function mergeAttributes(
  attrs: readonly WireAttribute[],
  prior: CtyValue,
  config: CtyValue,
): Map<string, CtyValue> {
  const out = new Map<string, CtyValue>();
  for (const a of attrs) {
    const p = priorAttribute(prior, a.name);
    const c = configAttribute(config, a.name);
    if (a.computed && c.isNull) out.set(a.name, optionalValueNotComputable(a, p) ? c : p);
    else if (a.nestedType !== undefined) out.set(a.name, mergeNestedType(a.nestedType, p, c));
    else out.set(a.name, c);
  }
  return out;
}

/** One object of a nested attribute type; a null configuration stays null. */
function mergeObject(object: WireObject, prior: CtyValue, config: CtyValue): CtyValue {
  if (config.isNull) return config;
  return objectLike(config, mergeAttributes(object.attributes, prior, config));
}

/** One element of a nested block or nested attribute type. */
function mergeElement(schema: ElementSchema, prior: CtyValue, config: CtyValue): CtyValue {
  return schema.kind === "block"
    ? proposeBlock(schema.block, prior, config)
    : mergeObject(schema.object, prior, config);
}

/** A nested block type's value, by nesting mode. */
function mergeNestedBlock(nb: WireNestedBlock, prior: CtyValue, config: CtyValue): CtyValue {
  if (!config.isKnown) return config;
  const schema: ElementSchema = { kind: "block", block: innerBlock(nb) };
  switch (nb.nesting) {
    case BlockNesting.SINGLE:
      return config.isNull ? config : proposeBlock(schema.block, prior, config);
    case BlockNesting.GROUP:
      return proposeBlock(schema.block, prior, config);
    case BlockNesting.LIST:
      return mergeList(schema, prior, config);
    case BlockNesting.MAP:
      return mergeMap(schema, prior, config);
    case BlockNesting.SET:
      return mergeSet(schema, prior, config);
    default:
      throw new TypeError(
        `proposed new state: block type "${nb.typeName}" has an unsupported nesting mode ${nb.nesting}`,
      );
  }
}

/** A nested attribute type's value, by nesting mode. */
function mergeNestedType(object: WireObject, prior: CtyValue, config: CtyValue): CtyValue {
  if (!config.isKnown) return config;
  const schema: ElementSchema = { kind: "object", object };
  switch (object.nesting) {
    case ObjectNesting.SINGLE:
      return mergeObject(object, prior, config);
    case ObjectNesting.LIST:
      return mergeList(schema, prior, config);
    case ObjectNesting.MAP:
      return mergeMap(schema, prior, config);
    case ObjectNesting.SET:
      return mergeSet(schema, prior, config);
    default:
      throw new TypeError(
        `proposed new state: a nested attribute type has an unsupported nesting mode ${object.nesting}`,
      );
  }
}

/** Whether a known, non-null list or tuple has an element at `i`. */
function hasIndex(v: CtyValue, i: number): boolean {
  return i < elements(v).length;
}

/** A list (or tuple) merged by index; configured elements past the prior's are taken as written. */
function mergeList(schema: ElementSchema, prior: CtyValue, config: CtyValue): CtyValue {
  if (config.isNull || lengthOf(config) === 0) return config;
  const merged = elements(config).map((c, i) => {
    if (prior.isKnown && (prior.isNull || !hasIndex(prior, i))) return c;
    return mergeElement(schema, index(prior, i), c);
  });
  return config.type.kind === "tuple" ? tupleVal(merged) : listVal(merged);
}

/** The entries of a map (or of an object standing for one). */
function entriesOf(v: CtyValue): ReadonlyMap<string, CtyValue> {
  return v.type.kind === "object" ? attributes(v) : mapEntries(v);
}

/** A map (or object) merged by key; a key the prior lacks merges with a null (unknown) prior. */
function mergeMap(schema: ElementSchema, prior: CtyValue, config: CtyValue): CtyValue {
  if (config.isNull || !config.isKnown || lengthOf(config) === 0) return config;
  const before = !prior.isNull && prior.isKnown && lengthOf(prior) > 0 ? entriesOf(prior) : new Map();
  const out = new Map<string, CtyValue>();
  for (const [key, c] of entriesOf(config)) {
    const p = before.get(key) ?? (prior.isKnown ? nullVal(c.type) : unknownVal(c.type));
    out.set(key, mergeElement(schema, p, c));
  }
  return config.type.kind === "object" ? objectVal(out) : mapVal(out);
}

/**
 * A set merged element by element with the first unused prior element each could have come from
 * (found through an index of the prior elements, not a scan: linear in the set's size).
 */
function mergeSet(schema: ElementSchema, prior: CtyValue, config: CtyValue): CtyValue {
  if (config.type.kind !== "set")
    throw new TypeError(
      `proposed new state: a set-nested value must be a set, got ${typeString(config.type)}`,
    );
  if (!config.isKnown || config.isNull || lengthOf(config) === 0) return config;
  const element = config.type.element;
  const priorElements = new PriorElementIndex(schema, prior.isKnown && !prior.isNull ? elements(prior) : []);
  const merged = elements(config).map((c) =>
    mergeElement(schema, priorElements.take(c) ?? nullVal(element), c),
  );
  return setVal(merged);
}

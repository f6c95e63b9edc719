/**
 * Matching set elements between config, plan and state in linear time. Set elements have no
 * identity of their own; we identify a nested object by the values of the attributes the
 * configuration controls (everything but computed attributes), which plan and config share.
 * (terraform-plugin-framework compares whole elements pairwise, which is quadratic.)
 *
 * @module
 */
import type { CtyValue } from "@pyvider/cty";
import type { AnyAttribute, Block, NestedAttribute } from "./model.js";
import { attrOf, elementsOf, entriesOf, valueKey } from "./values.js";

/** The attributes and blocks of one object. */
export interface ObjectShape {
  readonly attributes: Readonly<Record<string, AnyAttribute>>;
  readonly blocks: Readonly<Record<string, Block>>;
}

const NONE: Readonly<Record<string, Block>> = Object.freeze({});
const shapes = new WeakMap<NestedAttribute, ObjectShape>();

/** The (stable, cached) object shape of a nested attribute's objects. */
export function nestedShape(attr: NestedAttribute): ObjectShape {
  let shape = shapes.get(attr);
  if (shape === undefined) {
    shape = { attributes: attr.attributes, blocks: NONE };
    shapes.set(attr, shape);
  }
  return shape;
}

// Values are immutable, so keys are cached per shape and value (config and state sets are indexed
// by several engine passes).
const keyCache = new WeakMap<ObjectShape, WeakMap<CtyValue, string>>();

/** A key for an object made of its configurable parts (computed attributes skipped, at every depth). */
export function configKey(shape: ObjectShape, obj: CtyValue): string {
  if (!obj.isKnown) return "?";
  if (obj.isNull) return "~";
  let cache = keyCache.get(shape);
  if (cache === undefined) {
    cache = new WeakMap();
    keyCache.set(shape, cache);
  }
  const hit = cache.get(obj);
  if (hit !== undefined) return hit;
  const key = computeKey(shape, obj);
  cache.set(obj, key);
  return key;
}

function computeKey(shape: ObjectShape, obj: CtyValue): string {
  const parts: string[] = [];
  for (const name of Object.keys(shape.attributes)) {
    const attr = shape.attributes[name]!;
    if (attr.computed) continue;
    const v = attrOf(obj, name, obj.type);
    parts.push(
      `${name}=${attr.kind === "nested" ? nestedKey(attr.nesting, nestedShape(attr), v) : valueKey(v)}`,
    );
  }
  for (const name of Object.keys(shape.blocks)) {
    const blk = shape.blocks[name]!;
    if (blk.computed) continue;
    parts.push(`${name}=${nestedKey(blk.nesting, blk, attrOf(obj, name, obj.type))}`);
  }
  return `{${parts.join(",")}}`;
}

function nestedKey(nesting: string, shape: ObjectShape, v: CtyValue): string {
  if (!v.isKnown) return "?";
  if (v.isNull) return "~";
  switch (nesting) {
    case "single":
    case "group":
      return configKey(shape, v);
    case "list":
      return `[${elementsOf(v)
        .map((e) => configKey(shape, e))
        .join(",")}]`;
    case "set":
      // Plan and config may order set elements differently: sort the keys.
      return `<${elementsOf(v)
        .map((e) => configKey(shape, e))
        .sort()
        .join(",")}>`;
    default: {
      const parts: string[] = [];
      for (const [k, e] of entriesOf(v)) parts.push(`${JSON.stringify(k)}:${configKey(shape, e)}`);
      return `{${parts.join(",")}}`;
    }
  }
}

/** Indexes set elements by {@link configKey} (first element wins on a collision). */
export function indexByConfigKey(shape: ObjectShape, set: CtyValue): Map<string, CtyValue> {
  const out = new Map<string, CtyValue>();
  for (const e of elementsOf(set)) {
    const k = configKey(shape, e);
    if (!out.has(k)) out.set(k, e);
  }
  return out;
}

/** What an engine pass looks for. */
export type Pass = "default" | "planModifier" | "computed" | "plan";

const passCache: Record<Pass, WeakMap<ObjectShape, { attrs: string[]; blocks: string[] }>> = {
  default: new WeakMap(),
  planModifier: new WeakMap(),
  computed: new WeakMap(),
  plan: new WeakMap(),
};

function attrHits(attr: AnyAttribute, pass: Pass): boolean {
  switch (pass) {
    case "default":
      return attr.default !== undefined;
    case "planModifier":
      return attr.planModifiers.length > 0;
    case "computed":
      return attr.computed;
    case "plan":
      return attr.computed || attr.default !== undefined || attr.planModifiers.length > 0;
  }
}

/**
 * The attributes and blocks of a shape that a pass must visit: those the pass acts on, and those
 * containing such an attribute at any depth. Everything else is skipped (cached per shape).
 */
export function relevant(shape: ObjectShape, pass: Pass): { attrs: string[]; blocks: string[] } {
  const cache = passCache[pass];
  const hit = cache.get(shape);
  if (hit !== undefined) return hit;
  const attrs = Object.keys(shape.attributes).filter((n) => {
    const a = shape.attributes[n]!;
    if (attrHits(a, pass)) return true;
    if (a.kind !== "nested") return false;
    const inner = relevant(nestedShape(a), pass);
    return inner.attrs.length > 0 || inner.blocks.length > 0;
  });
  const blocks = Object.keys(shape.blocks).filter((n) => {
    // A computed block is itself marked unknown by the "computed" and "plan" passes.
    if (shape.blocks[n]!.computed && (pass === "computed" || pass === "plan")) return true;
    const inner = relevant(shape.blocks[n]!, pass);
    return inner.attrs.length > 0 || inner.blocks.length > 0;
  });
  const out = { attrs, blocks };
  cache.set(shape, out);
  return out;
}

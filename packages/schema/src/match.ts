/**
 * Matching set elements between config, plan and state in linear time. Set elements have no
 * identity of their own; we identify a nested object by the values of the attributes the
 * configuration controls (everything but computed attributes), which plan and config share.
 * (terraform-plugin-framework compares whole elements pairwise, which is quadratic.)
 *
 * @module
 */
import type { CtyValue } from "@pyvider/cty";
import type { AnyAttribute, Block } from "./model.js";
import { attrOf, elementsOf, entriesOf, valueKey } from "./values.js";

/** The attributes and blocks of one object. */
export interface ObjectShape {
  readonly attributes: Readonly<Record<string, AnyAttribute>>;
  readonly blocks: Readonly<Record<string, Block>>;
}

const NONE: Readonly<Record<string, Block>> = Object.freeze({});

/** A key for an object made of its configurable parts (computed attributes skipped, at every depth). */
export function configKey(shape: ObjectShape, obj: CtyValue): string {
  if (!obj.isKnown) return "?";
  if (obj.isNull) return "~";
  const parts: string[] = [];
  for (const name of Object.keys(shape.attributes)) {
    const attr = shape.attributes[name]!;
    if (attr.computed) continue;
    const v = attrOf(obj, name, obj.type);
    parts.push(
      `${name}=${attr.kind === "nested" ? nestedKey(attr.nesting, { attributes: attr.attributes, blocks: NONE }, v) : valueKey(v)}`,
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

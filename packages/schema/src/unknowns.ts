/**
 * Marking computed values unknown: when a resource changes, every computed attribute the
 * configuration leaves null may get a new value, so its planned value becomes unknown (as
 * terraform-plugin-framework's "mark computed nils as unknown"); so does a computed block the
 * configuration leaves out. Run it before `applyDefaults`
 * (defaults then fill what they can) and `runPlanModifiers` (e.g. use-state-for-unknown).
 *
 * @module
 */
import { type CtyValue, unknownVal } from "@pyvider/cty";
import { attributeType, blockType } from "./implied.js";
import { nestedShape, type ObjectShape, relevant } from "./match.js";
import { type BlockBody, bodyOf, type Schema } from "./model.js";
import { attrOf, withAttrs } from "./values.js";
import { walkNested } from "./walk.js";

function walkObject(shape: ObjectShape, config: CtyValue, plan: CtyValue): CtyValue {
  if (!plan.isKnown || plan.isNull) return plan;
  const changes = new Map<string, CtyValue>();
  const visit = relevant(shape, "computed");
  for (const name of visit.attrs) {
    const attr = shape.attributes[name]!;
    const type = attributeType(attr, { markOptional: false });
    const p = attrOf(plan, name, type);
    const c = attrOf(config, name, type);
    let next = p;
    if (attr.computed && !attr.writeOnly && c.isKnown && c.isNull) {
      if (p.isKnown) next = unknownVal(type);
    } else if (attr.kind === "nested") {
      next = walkCollection(attr.nesting, nestedShape(attr), c, p);
    }
    if (next !== p) changes.set(name, next);
  }
  for (const name of visit.blocks) {
    const blk = shape.blocks[name]!;
    const type = blockType(blk, { markOptional: false });
    const p = attrOf(plan, name, type);
    const c = attrOf(config, name, type);
    // A computed block the configuration leaves out is the provider's to set, like a computed attribute.
    const next =
      blk.computed && c.isKnown && c.isNull
        ? p.isKnown
          ? unknownVal(type)
          : p
        : walkCollection(blk.nesting, blk, c, p);
    if (next !== p) changes.set(name, next);
  }
  return withAttrs(plan, changes);
}

function walkCollection(nesting: string, shape: ObjectShape, config: CtyValue, plan: CtyValue): CtyValue {
  return walkNested(nesting, shape, config, plan, (o) => walkObject(shape, o.config, o.plan));
}

/**
 * Returns the plan with every computed attribute whose configuration is null made unknown
 * (write-only attributes excepted), and every computed block the configuration leaves out. Call it only when the resource is changing (the plan differs
 * from the prior state); an unchanged resource keeps its state values.
 */
export function markComputedUnknown(schema: Schema | BlockBody, config: CtyValue, plan: CtyValue): CtyValue {
  const body = bodyOf(schema);
  return walkObject(body, config, plan);
}

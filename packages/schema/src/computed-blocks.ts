/**
 * Computed blocks (`b.list({...}, { computed: true })`, tfplugin6 6.11, Terraform 1.16+): blocks
 * whose value the provider may set when the configuration leaves them out.
 *
 * Terraform's rules, which planning here follows:
 * - a computed block absent from the configuration reaches the provider as null, both in the
 *   configuration and in the proposed new state (Terraform turns an empty list or set into null);
 * - the provider may then plan any value of the block's type for it: like a computed attribute,
 *   it keeps the prior state's value ({@link keepComputedBlocks}) and becomes unknown when the
 *   resource changes (`markComputedUnknown`);
 * - a configured computed block is planned like any other block;
 * - older clients ignore the flag, so a provider must refuse such resources itself when the
 *   client lacks the `computed_blocks_allowed` capability ({@link computedBlockPaths} names them).
 *
 * @module
 */
import { type CtyValue, nullVal } from "@pyvider/cty";
import { blockType } from "./implied.js";
import { type Block, type BlockBody, bodyOf, type Schema } from "./model.js";
import { attrOf, withAttrs } from "./values.js";
import { walkNested } from "./walk.js";

const pathCache = new WeakMap<BlockBody, readonly string[]>();

/**
 * The dotted paths of a schema's computed blocks (e.g. `["network", "rule.match"]`), outermost
 * first. Blocks inside a computed block (which must themselves be computed) are not listed again.
 */
export function computedBlockPaths(schema: Schema | BlockBody): string[] {
  const body = bodyOf(schema);
  const hit = pathCache.get(body);
  if (hit !== undefined) return [...hit];
  const out: string[] = [];
  const walk = (body: BlockBody, prefix: string) => {
    for (const name of Object.keys(body.blocks).sort()) {
      const blk = body.blocks[name]!;
      const path = prefix === "" ? name : `${prefix}.${name}`;
      if (blk.computed) out.push(path);
      else walk(blk, path);
    }
  };
  walk(body, "");
  pathCache.set(body, Object.freeze(out));
  return [...out];
}

/** True when the schema has a computed block at any depth. */
export function containsComputedBlocks(schema: Schema | BlockBody): boolean {
  return computedBlockPaths(schema).length > 0;
}

function walkObject(body: BlockBody, config: CtyValue, plan: CtyValue, prior: CtyValue): CtyValue {
  if (!plan.isKnown || plan.isNull) return plan;
  const changes = new Map<string, CtyValue>();
  for (const name of Object.keys(body.blocks)) {
    const blk = body.blocks[name]!;
    const type = blockType(blk, { markOptional: false });
    const p = attrOf(plan, name, type);
    const c = attrOf(config, name, type);
    const st = attrOf(prior, name, type);
    let next = p;
    if (blk.computed && c.isKnown && c.isNull) {
      // Left out of the configuration: the provider's value so far stands.
      if (p.isKnown && p.isNull && !st.isNull) next = st;
    } else if (c.isKnown && !c.isNull) {
      next = walkBlock(blk, c, p, st);
    }
    if (next !== p) changes.set(name, next);
  }
  return withAttrs(plan, changes);
}

function walkBlock(blk: Block, config: CtyValue, plan: CtyValue, prior: CtyValue): CtyValue {
  // Set elements cannot be matched with prior ones before planning; they are left as they are.
  if (blk.nesting === "set") return plan;
  return walkNested(
    blk.nesting,
    blk,
    config,
    plan,
    (o) => walkObject(blk, o.config, o.plan, o.state ?? nullVal(o.plan.type)),
    prior,
  );
}

/**
 * Gives computed blocks that the configuration leaves out (null in `config` and in `proposed`)
 * the prior state's value, as Terraform's proposed new state does for computed attributes; an
 * unchanged resource then plans no diff. Descends into configured single, group and list blocks
 * (list elements matched by index); set elements are left as proposed.
 */
export function keepComputedBlocks(
  schema: Schema | BlockBody,
  config: CtyValue,
  proposed: CtyValue,
  prior: CtyValue,
): CtyValue {
  const body = bodyOf(schema);
  if (!containsComputedBlocks(body)) return proposed;
  return walkObject(body, config, proposed, prior);
}

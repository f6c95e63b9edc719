/**
 * A simplified version of Terraform's "proposed new state" (objchange.ProposedNew): what
 * PlanResourceChange receives. Top-level attributes only: a computed attribute the configuration
 * leaves null keeps its prior value (unknown on create); everything else comes from the
 * configuration (so a computed block left out stays null, as Terraform proposes it). Good enough
 * for protocol tests; pass `proposed` explicitly for anything subtler.
 *
 * @module
 */
import { attributes, type CtyValue, lengthOf, nullVal, objectVal, unknownVal } from "@pyvider/cty";
import type { tfplugin6 } from "@pyvider/protocol";

/** The proposed new state of a resource from its prior state and configuration. */
export function proposedNewState(
  block: tfplugin6.Schema_Block | undefined,
  prior: CtyValue,
  config: CtyValue,
): CtyValue {
  if (config.isNull) return config;
  const cfg = attributes(config);
  const old = prior.isNull || !prior.isKnown ? undefined : attributes(prior);
  const out = new Map(cfg);
  for (const a of block?.attributes ?? []) {
    const c = cfg.get(a.name);
    if (c === undefined || !a.computed || !c.isNull) continue;
    if (a.writeOnly) {
      out.set(a.name, nullVal(c.type));
      continue;
    }
    out.set(a.name, old?.get(a.name) ?? unknownVal(c.type));
  }
  return objectVal(out);
}

/**
 * What Terraform 1.16 does to a configuration before planning (objchange.PrepareComputedBlocks),
 * for top-level blocks: a computed list or set block written with no blocks becomes null, which
 * tells the provider it may set the block.
 */
export function prepareComputedBlocks(block: tfplugin6.Schema_Block | undefined, config: CtyValue): CtyValue {
  if (config.isNull || !config.isKnown) return config;
  const cfg = attributes(config);
  let out: Map<string, CtyValue> | undefined;
  for (const nb of block?.blockTypes ?? []) {
    const c = cfg.get(nb.typeName);
    if (c === undefined || nb.block?.computed !== true || c.isNull || !c.isKnown) continue;
    if (c.type.kind !== "list" && c.type.kind !== "set" && c.type.kind !== "map") continue;
    if (lengthOf(c) !== 0) continue;
    out ??= new Map(cfg);
    out.set(nb.typeName, nullVal(c.type));
  }
  return out === undefined ? config : objectVal(out);
}

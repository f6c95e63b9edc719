/**
 * A simplified version of Terraform's "proposed new state" (objchange.ProposedNew): what
 * PlanResourceChange receives. Top-level attributes only: a computed attribute the configuration
 * leaves null keeps its prior value (unknown on create); everything else comes from the
 * configuration. Good enough for protocol tests; pass `proposed` explicitly for anything subtler.
 *
 * @module
 */
import { attributes, type CtyValue, nullVal, objectVal, unknownVal } from "@pyvider/cty";
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

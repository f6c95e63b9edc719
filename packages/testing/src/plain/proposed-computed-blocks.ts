/**
 * What Terraform v1.16 does to a configuration before planning (`objchange.PrepareComputedBlocks`):
 * a computed list, set or map block written with no blocks becomes null, at any depth, which
 * tells the provider it may set the block.
 *
 * @module
 */
import {
  attributes,
  attrStep,
  type CtyPath,
  type CtyValue,
  elementStep,
  elements,
  indexStep,
  keyStep,
  lengthOf,
  listVal,
  mapEntries,
  mapVal,
  nullVal,
  objectVal,
  setVal,
  tupleVal,
} from "@pyvider/cty";
import type { tfplugin6 } from "@pyvider/protocol";
import {
  BlockNesting,
  containsComputedBlocks,
  innerBlock,
  nestedBlockByPath,
  type WireBlock,
} from "./proposed-schema.js";

/** `v` with `f` applied to what is inside it (rebuilt only when something changed). */
function mapChildren(v: CtyValue, path: CtyPath, f: (path: CtyPath, c: CtyValue) => CtyValue): CtyValue {
  const t = v.type;
  let changed = false;
  const track = (p: CtyPath, c: CtyValue): CtyValue => {
    const n = f(p, c);
    if (n !== c) changed = true;
    return n;
  };
  switch (t.kind) {
    case "object": {
      const out = new Map([...attributes(v)].map(([k, c]) => [k, track([...path, attrStep(k)], c)] as const));
      return changed ? objectVal(out) : v;
    }
    case "map": {
      const out = new Map([...mapEntries(v)].map(([k, c]) => [k, track([...path, keyStep(k)], c)] as const));
      return changed ? mapVal(out, t.element) : v;
    }
    case "list":
    case "tuple": {
      const out = elements(v).map((c, i) => track([...path, indexStep(i)], c));
      if (!changed) return v;
      return t.kind === "list" ? listVal(out, t.element) : tupleVal(out);
    }
    case "set": {
      const out = elements(v).map((c) => track([...path, elementStep(c)], c));
      return changed ? setVal(out, t.element) : v;
    }
    default:
      return v;
  }
}

/** Children first, then the value itself (go-cty's post-order `Transform`). */
function transform(block: WireBlock, path: CtyPath, v: CtyValue): CtyValue {
  if (v.isNull || !v.isKnown) return v;
  const inner = mapChildren(v, path, (p, c) => transform(block, p, c));
  const nb = nestedBlockByPath(block, path);
  if (nb === undefined || !innerBlock(nb).computed) return inner;
  if (nb.nesting === BlockNesting.SINGLE || nb.nesting === BlockNesting.GROUP) return inner;
  return lengthOf(inner) === 0 ? nullVal(inner.type) : inner;
}

/**
 * The configuration as Terraform v1.16 sends it to PlanResourceChange: every computed list, set
 * or map block (at any depth) written with no blocks becomes null. Unknown and null values are
 * left as they are.
 *
 * @param block the resource's schema block (undefined: nothing to change)
 * @param config the configuration
 * @returns the prepared configuration (the same value when nothing changed)
 */
export function prepareComputedBlocks(block: tfplugin6.Schema_Block | undefined, config: CtyValue): CtyValue {
  if (block === undefined || !containsComputedBlocks(block)) return config;
  return transform(block, [], config);
}

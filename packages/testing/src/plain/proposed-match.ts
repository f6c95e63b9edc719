/**
 * The two value walks behind Terraform's proposed new state: whether a prior set element could
 * have come from a configured one (only computed attributes the configuration leaves null may
 * differ), and whether a null optional+computed nested attribute was configured before (its
 * prior value holds a non-computed attribute).
 *
 * @module
 */
import {
  asNum,
  asString,
  attributes,
  attrStep,
  type CtyPath,
  type CtyValue,
  DynamicVal,
  elementStep,
  elements,
  getAttr,
  index,
  indexStep,
  keyStep,
  listVal,
  mapEntries,
  mapVal,
  objectVal,
  type PathStep,
  rawEquals,
  setVal,
  tupleVal,
  unknownVal,
} from "@pyvider/cty";
import { attributeByPath, type ElementSchema, type WireAttribute } from "./proposed-schema.js";

/** The children of a known, non-null value with the step to each (go-cty's walk order). */
function children(v: CtyValue): [PathStep, CtyValue][] {
  switch (v.type.kind) {
    case "object":
      return [...attributes(v)].map(([n, c]) => [attrStep(n), c]);
    case "list":
    case "tuple":
      return elements(v).map((c, i) => [indexStep(i), c]);
    case "map":
      return [...mapEntries(v)].map(([k, c]) => [keyStep(k), c]);
    case "set":
      return elements(v).map((c) => [elementStep(c), c]);
    default:
      return [];
  }
}

/**
 * Visits `v` and, where `visit` says so, what is inside it, depth first (go-cty `Walk`: nulls
 * and unknowns have nothing inside). `visit` returns false to stay out of a value.
 */
function walk(v: CtyValue, path: CtyPath, visit: (path: CtyPath, v: CtyValue) => boolean): void {
  if (!visit(path, v) || v.isNull || !v.isKnown) return;
  for (const [step, c] of children(v)) walk(c, [...path, step], visit);
}

/**
 * True if the optional attribute's prior value holds a non-null value at a non-computed nested
 * attribute: the configuration must have set it, so a null configuration now means "remove".
 */
export function optionalValueNotComputable(attr: WireAttribute, prior: CtyValue): boolean {
  const nested = attr.nestedType;
  if (!attr.optional || nested === undefined) return false;
  let found = false;
  walk(prior, [], (path, v) => {
    if (found) return false;
    if (v.isNull) return true;
    const at = attributeByPath({ kind: "object", object: nested }, path);
    if (at === undefined || at.computed) return true;
    found = true;
    return false;
  });
  return found;
}

/** A copy of `v` without refinements on its unknowns (Terraform compares set elements so). */
function unrefined(v: CtyValue): CtyValue {
  if (!v.isKnown) return v.refinements === undefined ? v : unknownVal(v.type);
  if (v.isNull) return v;
  const t = v.type;
  switch (t.kind) {
    case "list":
      return listVal(elements(v).map(unrefined), t.element);
    case "set":
      return setVal(elements(v).map(unrefined), t.element);
    case "tuple":
      return tupleVal(elements(v).map(unrefined));
    case "map":
      return mapVal(new Map([...mapEntries(v)].map(([k, c]) => [k, unrefined(c)] as const)), t.element);
    case "object":
      return objectVal(new Map([...attributes(v)].map(([k, c]) => [k, unrefined(c)] as const)));
    default:
      return v;
  }
}

/** Equal once refinements are dropped. */
function sameUnrefined(a: CtyValue, b: CtyValue): boolean {
  return rawEquals(unrefined(a), unrefined(b));
}

/** One step into a configuration value as go-cty's `Path.Apply` takes it; undefined where it fails. */
function stepInto(config: CtyValue, step: PathStep): CtyValue | undefined {
  if (config.isNull) return undefined;
  const t = config.type;
  switch (step.kind) {
    case "attr":
      if (t.kind !== "object" || !(step.name in t.attributes)) return undefined;
      return getAttr(config, step.name);
    case "index":
      if (t.kind !== "list" && t.kind !== "tuple") return undefined;
      if (!config.isKnown) return t.kind === "list" ? unknownVal(t.element) : DynamicVal;
      return step.index < elements(config).length ? index(config, step.index) : undefined;
    case "key":
      if (t.kind !== "map") return undefined;
      if (!config.isKnown) return unknownVal(t.element);
      return mapEntries(config).get(step.key);
    case "element": {
      // A set element as a key: a number or string indexes a list or a map; anything else fails.
      const k = step.value;
      if (!k.isKnown || k.isNull) return undefined;
      if (k.type.kind === "number" && (t.kind === "list" || t.kind === "tuple")) {
        const i = Number(asNum(k).toString());
        return Number.isSafeInteger(i) && i >= 0 ? stepInto(config, indexStep(i)) : undefined;
      }
      if (k.type.kind === "string" && t.kind === "map") return stepInto(config, keyStep(asString(k)));
      return undefined;
    }
  }
}

/**
 * True if the prior set element could have been planned from the configured one: equal, or
 * differing only at computed attributes the configuration leaves null (nested attribute types
 * compared attribute by attribute; nested sets must be equal as a whole).
 */
export function validPriorFromConfig(schema: ElementSchema, prior: CtyValue, config: CtyValue): boolean {
  const check = (path: CtyPath, p: CtyValue, c: CtyValue): boolean => {
    if (sameUnrefined(c, p)) return true;
    if (c.type.kind === "set") return false;
    const attr = attributeByPath(schema, path);
    if (attr !== undefined && attr.nestedType === undefined) return attr.computed && c.isNull;
    if (p.isNull || !p.isKnown) return true;
    for (const [step, pc] of children(p)) {
      const cc = stepInto(c, step);
      if (cc === undefined || !check([...path, step], pc, cc)) return false;
    }
    return true;
  };
  return check([], prior, config);
}

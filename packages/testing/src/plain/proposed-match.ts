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
  setHashString,
  setVal,
  tupleVal,
  unknownVal,
} from "@pyvider/cty";
import { attributeByPath, type ElementSchema, type WireAttribute } from "./proposed-schema.js";

/**
 * The names of an element schema's top-level attributes that {@link validPriorFromConfig} only
 * accepts when prior and configured values are equal: neither computed nor nested.
 */
function exactAttributeNames(schema: ElementSchema): string[] {
  const attrs = schema.kind === "block" ? schema.block.attributes : schema.object.attributes;
  return attrs.filter((a) => !a.computed && a.nestedType === undefined).map((a) => a.name);
}

/**
 * A key of a set element such that a prior element can only have come from a configured one
 * with the same key: its exact attributes' known strings, or go-cty set hash strings for the
 * rest (equal values, once refinements are dropped, give equal keys). Undefined for a value that is not a known, non-null
 * object holding every one of them.
 */
function matchKey(names: readonly string[], v: CtyValue): string | undefined {
  if (v.isNull || !v.isKnown || v.type.kind !== "object") return undefined;
  let key = "";
  for (const n of names) {
    if (!(n in v.type.attributes)) return undefined;
    const a = getAttr(v, n);
    // a known string by length and content (cheaper than its quoted hash string); anything else by hash string
    key +=
      a.type.kind === "string" && a.isKnown && !a.isNull
        ? `${asString(a).length}:${asString(a)};`
        : `${setHashString(a)};`;
  }
  return key;
}

/**
 * Finds, for configured set elements one after the other, the first prior element not yet used
 * that {@link validPriorFromConfig} accepts, without scanning every prior element: the prior
 * elements are indexed by {@link matchKey}, and only those with the configured element's key
 * (plus the few without a key, which can match anything) are checked. Same answer as a scan in
 * prior order.
 */
export class PriorElementIndex {
  readonly #schema: ElementSchema;
  readonly #names: readonly string[];
  readonly #candidates: readonly CtyValue[];
  readonly #used: boolean[];
  readonly #byKey = new Map<string, number[]>();
  readonly #unkeyed: number[] = [];

  /**
   * @param schema the schema of one element
   * @param candidates the prior set's elements, in order
   */
  constructor(schema: ElementSchema, candidates: readonly CtyValue[]) {
    this.#schema = schema;
    this.#names = exactAttributeNames(schema);
    this.#candidates = candidates;
    this.#used = candidates.map(() => false);
    candidates.forEach((p, j) => {
      const key = matchKey(this.#names, p);
      if (key === undefined) {
        this.#unkeyed.push(j);
        return;
      }
      const bucket = this.#byKey.get(key);
      if (bucket === undefined) this.#byKey.set(key, [j]);
      else bucket.push(j);
    });
  }

  /** The first unused valid index in `indices` (ascending), or -1. */
  #first(indices: readonly number[], config: CtyValue): number {
    for (const j of indices) {
      if (!this.#used[j] && validPriorFromConfig(this.#schema, this.#candidates[j]!, config)) return j;
    }
    return -1;
  }

  /**
   * Takes the prior element the configured element `config` merges with, marking it used.
   *
   * @returns the prior element, or undefined when none could have come from `config`
   */
  take(config: CtyValue): CtyValue | undefined {
    const key = matchKey(this.#names, config);
    let i: number;
    if (key === undefined) {
      i = this.#candidates.findIndex(
        (p, j) => !this.#used[j] && validPriorFromConfig(this.#schema, p, config),
      );
    } else {
      const a = this.#first(this.#byKey.get(key) ?? [], config);
      const b = this.#first(this.#unkeyed, config);
      i = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
    if (i < 0) return undefined;
    this.#used[i] = true;
    return this.#candidates[i];
  }
}

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

/** True if `v` holds a refined unknown at any depth. */
function hasRefinements(v: CtyValue): boolean {
  if (!v.isKnown) return v.refinements !== undefined;
  if (v.isNull) return false;
  switch (v.type.kind) {
    case "list":
    case "set":
    case "tuple":
      return elements(v).some(hasRefinements);
    case "map":
      for (const c of mapEntries(v).values()) if (hasRefinements(c)) return true;
      return false;
    case "object":
      for (const c of attributes(v).values()) if (hasRefinements(c)) return true;
      return false;
    default:
      return false;
  }
}

/** A copy of `v` without refinements on its unknowns (Terraform compares set elements so); `v` itself when it has none. */
function unrefined(v: CtyValue): CtyValue {
  if (!hasRefinements(v)) return v;
  if (!v.isKnown) return unknownVal(v.type);
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

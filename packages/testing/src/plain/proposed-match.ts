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

/** True for the kinds {@link PriorCheck} walks into: object, list, tuple and map. */
function walksInto(v: CtyValue): boolean {
  const k = v.type.kind;
  return k === "object" || k === "list" || k === "tuple" || k === "map";
}

/**
 * Whether a prior set element could have been planned from a configured one (Terraform's
 * `validPriorFromConfig`): equal, or differing only at computed attributes the configuration
 * leaves null (nested attribute types compared attribute by attribute; nested sets must be
 * equal as a whole). One checker serves every element of one set: it keeps the schema look-ups
 * of the element's own attributes.
 *
 * Terraform compares the two values whole at every step of its walk before it looks further in.
 * Where the walk goes on into a known object, list, tuple or map anyway, that comparison is left
 * out: equal values are accepted by the walk below them too (every child is compared in its
 * turn), so the answer is the same, without comparing each element's values twice.
 */
export class PriorCheck {
  readonly #schema: ElementSchema;
  /** The path of the value being checked, extended and shortened as the walk goes. */
  readonly #path: PathStep[] = [];
  /** The attribute step of each top-level name, and the schema attribute there (if any). */
  readonly #top = new Map<string, { step: PathStep; attr: WireAttribute | undefined }>();

  /** @param schema the schema of one element */
  constructor(schema: ElementSchema) {
    this.#schema = schema;
  }

  /** True if `prior` could have been planned from `config`. */
  valid(prior: CtyValue, config: CtyValue): boolean {
    this.#path.length = 0;
    return this.#check(prior, config, undefined);
  }

  /** The top-level attribute step named `name`, with the schema attribute at it. */
  #topLevel(name: string): { step: PathStep; attr: WireAttribute | undefined } {
    let t = this.#top.get(name);
    if (t === undefined) {
      const step = attrStep(name);
      t = { step, attr: attributeByPath(this.#schema, [step]) };
      this.#top.set(name, t);
    }
    return t;
  }

  /** Checks child `p` of the prior value at `step` against the configuration's child there. */
  #at(step: PathStep, attr: WireAttribute | undefined, p: CtyValue, c: CtyValue): boolean {
    const cc = stepInto(c, step);
    if (cc === undefined) return false;
    this.#path.push(step);
    const ok = this.#check(p, cc, attr);
    this.#path.pop();
    return ok;
  }

  /** Checks `p` against `c` at the current path, whose schema attribute is `known` when given. */
  #check(p: CtyValue, c: CtyValue, known: WireAttribute | undefined): boolean {
    const path = this.#path;
    const set = c.type.kind === "set";
    const attr = known ?? (path.length === 0 ? undefined : attributeByPath(this.#schema, path));
    const leaf = attr !== undefined && attr.nestedType === undefined;
    if (set || leaf || p.isNull || !p.isKnown || !walksInto(p)) {
      if (sameUnrefined(c, p)) return true;
      if (set) return false;
      if (leaf) return attr.computed && c.isNull;
      if (p.isNull || !p.isKnown) return true;
    }
    if (p.type.kind === "object") {
      const attrs = attributes(p);
      for (const name of p.type.names) {
        const pc = attrs.get(name)!;
        if (path.length === 0) {
          const { step, attr: a } = this.#topLevel(name);
          // an undefined attribute here is a nested block: looked up again below it
          if (!this.#at(step, a, pc, c)) return false;
        } else if (!this.#at(attrStep(name), undefined, pc, c)) return false;
      }
      return true;
    }
    for (const [step, pc] of children(p)) if (!this.#at(step, undefined, pc, c)) return false;
    return true;
  }
}

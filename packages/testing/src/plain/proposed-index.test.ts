/**
 * The set matching behind `proposedNewState`, cross-checked on random elements against a plain
 * transcription of Terraform's `validPriorFromConfig` (the two values compared whole at every
 * step of the walk) and against a scan of the prior elements in order.
 */
import {
  attributes,
  attrStep,
  type CtyPath,
  type CtyValue,
  elements,
  indexStep,
  keyStep,
  listVal,
  mapEntries,
  mapVal,
  objectVal,
  type PathStep,
  rawEquals,
  refine,
  setVal,
  Unknown,
  unknownVal,
} from "@pyvider/cty";
import { tfplugin6 } from "@pyvider/protocol";
import { describe, expect, it } from "vitest";
import { PriorElementIndex } from "./proposed-index.js";
import { PriorCheck } from "./proposed-match.js";
import { attributeByPath, type ElementSchema } from "./proposed-schema.js";
import { wireBlockType } from "./schema-types.js";
import { toValue } from "./values.js";

const N = tfplugin6.Schema_NestedBlock_NestingMode;
const O = tfplugin6.Schema_Object_NestingMode;
type Flags = { computed?: boolean; optional?: boolean; required?: boolean };
const attr = (name: string, type: unknown, flags: Flags = { optional: true }) =>
  tfplugin6.Schema_Attribute.fromPartial({
    name,
    type: new TextEncoder().encode(JSON.stringify(type)),
    ...flags,
  });
const ac = () => [attr("a", "string"), attr("c", "string", { computed: true })];

/** One set element's block: exact attributes of three kinds, computed ones, nested types and a nested block. */
const element = tfplugin6.Schema_Block.fromPartial({
  attributes: [
    attr("k", "string"),
    attr("n", "number"),
    attr("tags", ["set", "string"]),
    attr("c", "string", { computed: true }),
    attr("oc", "string", { optional: true, computed: true }),
    tfplugin6.Schema_Attribute.fromPartial({
      name: "na",
      nestedType: { nesting: O.LIST, attributes: ac() },
      optional: true,
    }),
    tfplugin6.Schema_Attribute.fromPartial({
      name: "nm",
      nestedType: { nesting: O.MAP, attributes: ac() },
      optional: true,
    }),
  ],
  blockTypes: [
    tfplugin6.Schema_NestedBlock.fromPartial({
      typeName: "inner",
      nesting: N.LIST,
      block: { attributes: ac() },
    }),
  ],
});
const schema: ElementSchema = { kind: "block", block: element };
/** The same element with no exact attribute: every prior element is a candidate. */
const computedOnly: ElementSchema = {
  kind: "block",
  block: tfplugin6.Schema_Block.fromPartial({
    attributes: [
      attr("c", "string", { computed: true }),
      attr("oc", "string", { optional: true, computed: true }),
    ],
  }),
};

/** A small deterministic PRNG (mulberry32), so that a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random plain elements from small domains, so that elements often share values. */
function generator(seed: number) {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const ac = () => ({ a: pick(["x", "y", null]), c: pick(["c", null]) });
  const some = <T>(f: () => T, max: number): T[] => Array.from({ length: Math.floor(rand() * (max + 1)) }, f);
  return {
    rand,
    pick,
    full: () => ({
      k: pick(["a", "b", null, Unknown]),
      n: pick([1, 2, null]),
      tags: pick([null, [], ["t1"], ["t1", "t2"]]),
      c: pick(["c1", "c2", null]),
      oc: pick(["o1", null]),
      na: pick([null, "list"]) === null ? null : some(ac, 2),
      nm: pick([null, "map"]) === null ? null : Object.fromEntries(some(() => [pick(["p", "q"]), ac()], 2)),
      inner: some(ac, 1),
    }),
    computed: () => ({ c: pick(["c1", "c2", null]), oc: pick(["o1", null]) }),
  };
}

/** `v` with every refinement dropped, at any depth. */
function unrefined(v: CtyValue): CtyValue {
  if (!v.isKnown) return unknownVal(v.type);
  if (v.isNull) return v;
  const t = v.type;
  if (t.kind === "list") return listVal(elements(v).map(unrefined), t.element);
  if (t.kind === "set") return setVal(elements(v).map(unrefined), t.element);
  if (t.kind === "map")
    return mapVal(new Map([...mapEntries(v)].map(([k, c]) => [k, unrefined(c)])), t.element);
  if (t.kind === "object") return objectVal(new Map([...attributes(v)].map(([k, c]) => [k, unrefined(c)])));
  return v;
}

/**
 * Terraform's `validPriorFromConfig`, transcribed plainly: at every step of a walk over the
 * prior value, the configured value at the same path compared whole first.
 */
function terraformValid(s: ElementSchema, prior: CtyValue, config: CtyValue): boolean {
  const apply = (c: CtyValue, step: PathStep): CtyValue | undefined => {
    // go-cty's Path.Apply on the shapes generated here: a step into null fails, into unknown gives unknown
    const t = c.type;
    if (c.isNull) return undefined;
    if (!c.isKnown) {
      if (step.kind === "attr" && t.kind === "object") return unknownVal(t.attributes[step.name]!);
      if ((step.kind === "index" && t.kind === "list") || (step.kind === "key" && t.kind === "map"))
        return unknownVal(t.element);
      return undefined;
    }
    if (step.kind === "attr") return attributes(c).get(step.name);
    if (step.kind === "index") return elements(c)[step.index];
    if (step.kind === "key") return mapEntries(c).get(step.key);
    return undefined;
  };
  const check = (path: CtyPath, p: CtyValue, c: CtyValue): boolean => {
    if (rawEquals(unrefined(c), unrefined(p))) return true;
    if (c.type.kind === "set") return false;
    const a = attributeByPath(s, path);
    if (a !== undefined && a.nestedType === undefined) return a.computed && c.isNull;
    if (p.isNull || !p.isKnown) return true;
    const t = p.type.kind;
    const kids: [PathStep, CtyValue][] =
      t === "object"
        ? [...attributes(p)].map(([n, x]) => [attrStep(n), x])
        : t === "list"
          ? elements(p).map((x, i) => [indexStep(i), x])
          : t === "map"
            ? [...mapEntries(p)].map(([k, x]) => [keyStep(k), x])
            : [];
    return kids.every(([step, pc]) => {
      const cc = apply(c, step);
      return cc !== undefined && check([...path, step], pc, cc);
    });
  };
  return check([], prior, config);
}

const elementType = wireBlockType(element);
const computedOnlyType = wireBlockType((computedOnly as { block: tfplugin6.Schema_Block }).block);

describe("PriorCheck", () => {
  it("answers as Terraform's walk does, on random element pairs", () => {
    const g = generator(7);
    const counts = { valid: 0, invalid: 0 };
    const check = new PriorCheck(schema);
    for (let i = 0; i < 3000; i++) {
      const prior = g.full();
      // half the configurations come from the prior element: computed values dropped, some refined or changed
      let config: Record<string, unknown> = prior;
      if (g.rand() < 0.5) {
        config = { ...prior, c: null, oc: g.pick([prior.oc, null]) };
        if (g.rand() < 0.3) config.k = g.pick(["a", Unknown]);
        if (g.rand() < 0.3 && Array.isArray(prior.inner))
          config.inner = prior.inner.map((e) => ({ ...e, c: g.pick([e.c, null]) }));
      } else config = g.full();
      let p = toValue(prior, elementType);
      let c = toValue(config, elementType);
      if (g.rand() < 0.1) {
        // a refined unknown key, which matching ignores
        const refined = refine(unknownVal(elementType.attributes.k!)).notNull().newValue();
        c = objectVal(new Map([...attributes(c)].map(([k, x]) => [k, k === "k" ? refined : x])));
        if (g.rand() < 0.5)
          p = objectVal(new Map([...attributes(p)].map(([k, x]) => [k, k === "k" ? unknownVal(x.type) : x])));
      }
      const want = terraformValid(schema, p, c);
      expect(check.valid(p, c), `pair ${i}: ${JSON.stringify({ prior, config })}`).toBe(want);
      counts[want ? "valid" : "invalid"]++;
    }
    // both answers are exercised often
    expect(counts.valid).toBeGreaterThan(300);
    expect(counts.invalid).toBeGreaterThan(300);
  });
});

describe("PriorElementIndex", () => {
  /** The prior element a scan in prior order takes for each configured element, by index. */
  function scan(s: ElementSchema, prior: readonly CtyValue[], config: readonly CtyValue[]): number[] {
    const used = prior.map(() => false);
    return config.map((c) => {
      const i = prior.findIndex((p, j) => !used[j] && terraformValid(s, p, c));
      if (i >= 0) used[i] = true;
      return i;
    });
  }

  /** What the index takes for each configured element, by index. */
  function indexed(s: ElementSchema, prior: readonly CtyValue[], config: readonly CtyValue[]): number[] {
    const index = new PriorElementIndex(s, prior);
    return config.map((c) => {
      const p = index.take(c);
      return p === undefined ? -1 : prior.indexOf(p);
    });
  }

  it("takes what a scan of the prior elements in order takes, on random sets with shared values", () => {
    const g = generator(11);
    let matched = 0;
    for (let round = 0; round < 150; round++) {
      const priorJs = Array.from({ length: Math.floor(g.rand() * 25) }, g.full);
      // a few null prior elements, which match any configured element
      const prior = priorJs.map((e) => toValue(g.rand() < 0.05 ? null : e, elementType));
      // configured elements: most from prior ones (computed values dropped), a few unknown, the rest random
      const config = Array.from({ length: Math.floor(g.rand() * 25) }, () => {
        if (g.rand() < 0.05) return toValue(Unknown, elementType);
        const from = priorJs.length > 0 && g.rand() < 0.7 ? g.pick(priorJs) : g.full();
        return toValue({ ...from, c: null, oc: g.pick([from.oc, null]) }, elementType);
      });
      const want = scan(schema, prior, config);
      expect(indexed(schema, prior, config), `round ${round}`).toEqual(want);
      matched += want.filter((i) => i >= 0).length;
    }
    expect(matched).toBeGreaterThan(500);
  });

  it("takes the first unused prior element when no attribute is exact", () => {
    const g = generator(13);
    for (let round = 0; round < 50; round++) {
      const prior = Array.from({ length: Math.floor(g.rand() * 20) }, () =>
        toValue(g.computed(), computedOnlyType),
      );
      const config = Array.from({ length: Math.floor(g.rand() * 20) }, () =>
        toValue({ c: null, oc: g.pick(["o1", null]) }, computedOnlyType),
      );
      expect(indexed(computedOnly, prior, config), `round ${round}`).toEqual(
        scan(computedOnly, prior, config),
      );
    }
  });
});

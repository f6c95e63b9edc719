/**
 * `equals` and `rawEquals` against go-cty's `Value.Equals` / `Value.RawEquals` (oracle-num):
 * random values with nulls, unknowns and refinements, compared with near-copies of themselves.
 * Both sides travel as msgpack so that Go and TypeScript hold the same values; the Equals results
 * are compared as msgpack bytes, so refinements of unknown results count too. Where go-cty's
 * answer depends on Go's random map iteration order, ours must be one of the answers it gives.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  boolVal,
  listVal,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  setVal,
  stringVal,
  tupleVal,
  unknownVal,
} from "./constructors.js";
import { equals, rawEquals } from "./equality.js";
import { decodeMsgpack } from "./msgpack-decode.js";
import { encodeMsgpack } from "./msgpack-encode.js";
import { CtyNum } from "./number.js";
import { askOracle, buildOracle, hasGo, requireGoInCI } from "./oracle-num.testutil.js";
import type { Refinements } from "./refinement.js";
import { typeToJSON } from "./type-json.js";
import {
  CtyBool,
  CtyList,
  CtyMap,
  CtyNumber,
  CtyObject,
  CtySet,
  CtyString,
  CtyTuple,
  type CtyType,
} from "./types.js";
import type { CtyValue } from "./value.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** A seeded random source (mulberry32), so one fast-check integer drives a whole case. */
class Rand {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)]!;
  }
}

const TEXTS = ["", "a", "b", "ab", "é", "x y", "\u{1F600}"];
const NUMS = ["0", "-0", "1", "2", "0.1", "0.5", "-3", "1e3", "123456789012345678901"];
const KEYS = ["a", "b", "c", "é", ""];

function genType(r: Rand, depth = 0): CtyType {
  const leaf = r.pick([CtyString, CtyNumber, CtyBool]);
  if (depth > 2 || r.chance(0.4)) return leaf;
  switch (r.int(0, 4)) {
    case 0:
      return CtyList(genType(r, depth + 1));
    case 1:
      return CtySet(genType(r, depth + 1));
    case 2:
      return CtyMap(genType(r, depth + 1));
    case 3: {
      const attrs: Record<string, CtyType> = {};
      for (let i = r.int(0, 3); i > 0; i--) attrs[r.pick(KEYS)] = genType(r, depth + 1);
      return CtyObject(attrs);
    }
    default:
      return CtyTuple(Array.from({ length: r.int(0, 3) }, () => genType(r, depth + 1)));
  }
}

function genRefinements(t: CtyType, r: Rand): Refinements {
  const out: { -readonly [K in keyof Refinements]: Refinements[K] } = {};
  if (r.chance(0.6)) out.notNull = true;
  if (t.kind === "string" && r.chance(0.5)) out.stringPrefix = r.pick(["a", "b", "x"]);
  if (t.kind === "number") {
    if (r.chance(0.5))
      out.numberLower = { value: CtyNum.fromInt64(BigInt(r.int(-2, 1))), inclusive: r.chance(0.5) };
    if (r.chance(0.5))
      out.numberUpper = { value: CtyNum.fromInt64(BigInt(r.int(2, 5))), inclusive: r.chance(0.5) };
  }
  if (t.kind === "list" || t.kind === "set" || t.kind === "map") {
    if (r.chance(0.5)) out.lengthLower = r.int(0, 2);
    if (r.chance(0.5)) out.lengthUpper = r.int(2, 4);
  }
  return out;
}

function genValue(t: CtyType, r: Rand, depth = 0): CtyValue {
  if (r.chance(0.08)) return nullVal(t);
  if (r.chance(0.1)) return unknownVal(t, r.chance(0.6) ? genRefinements(t, r) : undefined);
  const n = depth > 2 ? r.int(0, 1) : r.int(0, 3);
  const elems = (e: CtyType) => Array.from({ length: n }, () => genValue(e, r, depth + 1));
  switch (t.kind) {
    case "string":
      return stringVal(r.pick(TEXTS));
    case "number":
      return numberVal(r.pick(NUMS));
    case "bool":
      return boolVal(r.chance(0.5));
    case "list":
      return listVal(elems(t.element), t.element);
    case "set":
      return setVal(elems(t.element), t.element);
    case "map":
      return mapVal(
        elems(t.element).map((v) => [r.pick(KEYS), v] as const),
        t.element,
      );
    case "object":
      return objectVal(t.names.map((k) => [k, genValue(t.attributes[k]!, r, depth + 1)] as const));
    case "tuple":
      return tupleVal(t.elements.map((e) => genValue(e, r, depth + 1)));
    default:
      throw new Error(`no generator for ${t.kind}`);
  }
}

/** A near-copy of `v`: some parts replaced by unknowns, nulls or fresh values. */
function variant(v: CtyValue, r: Rand, depth = 0): CtyValue {
  const t = v.type;
  const roll = r.int(0, 99);
  if (roll < 6) return unknownVal(t, r.chance(0.5) ? { notNull: true } : undefined);
  if (roll < 9) return nullVal(t);
  if (roll < 14) return genValue(t, r, depth + 2);
  if (!v.isKnown || v.isNull) return v;
  const raw = v.raw;
  switch (t.kind) {
    case "list":
      return listVal(
        (raw as CtyValue[]).map((e) => variant(e, r, depth + 1)),
        t.element,
      );
    case "set":
      return setVal(
        (raw as CtyValue[]).map((e) => variant(e, r, depth + 1)),
        t.element,
      );
    case "tuple":
      return tupleVal((raw as CtyValue[]).map((e) => variant(e, r, depth + 1)));
    case "map":
      return mapVal(
        [...(raw as Map<string, CtyValue>)].map(([k, e]) => [k, variant(e, r, depth + 1)] as const),
        t.element,
      );
    case "object":
      return objectVal(
        [...(raw as Map<string, CtyValue>)].map(([k, e]) => [k, variant(e, r, depth + 1)] as const),
      );
    default:
      return v;
  }
}

requireGoInCI("equality");

describe.skipIf(!hasGo)("equals agrees with go-cty (oracle-num)", () => {
  beforeAll(buildOracle, 300_000);

  it("gives the same Equals and RawEquals results as go-cty", () => {
    const cases = fc.sample(fc.integer(), { numRuns: 1000, seed: 99 }).map((seed) => {
      const r = new Rand(seed);
      const t = genType(r);
      const a = genValue(t, r);
      const b = r.chance(0.2) ? a : variant(a, r);
      // Go's view of the values is what msgpack carries: let ours be the same.
      const rt = (v: CtyValue, ty: CtyType) => decodeMsgpack(encodeMsgpack(v, ty), ty);
      return { t, a: rt(a, t), b: rt(b, t) };
    });
    const answers = askOracle(
      cases.map(
        ({ t, a, b }) => `equals ${hex(encodeMsgpack(a, t))} ${hex(encodeMsgpack(b, t))} ${typeToJSON(t)}`,
      ),
    );
    let unknownResults = 0;
    let falseResults = 0;
    let orderGaps = 0;
    cases.forEach(({ t, a, b }, i) => {
      const want = answers[i]!;
      const label = `${typeToJSON(t)}: ${hex(encodeMsgpack(a, t))} vs ${hex(encodeMsgpack(b, t))}`;
      expect(want.err, label).toBeUndefined();
      const got = equals(a, b);
      if (!got.isKnown) unknownResults++;
      else if (got.raw === false) falseResults++;
      // Go may give several answers (map iteration order); ours must be one of them.
      const mine = hex(encodeMsgpack(got, CtyBool));
      const goAnswers = want.q?.split(",") ?? [];
      if (!goAnswers.includes(mine)) {
        // go-cty reaches "false" only when its random order visits an unequal pair first; with
        // deep nesting 200 runs may not hit it. Ours prefers false: allow exactly that gap.
        expect({ mine, goAnswers }, label).toEqual({ mine: "c2", goAnswers: ["c7030c8101c2"] });
        orderGaps++;
      }
      expect(rawEquals(a, b), label).toBe(want.eq);
    });
    // the generator must exercise all three outcomes
    expect(unknownResults).toBeGreaterThan(50);
    expect(falseResults).toBeGreaterThan(30);
    expect(orderGaps, "cases where Go never produced our (false) answer").toBeLessThan(cases.length / 100);
    console.info(
      `equals oracle: ${cases.length} cases, ${unknownResults} unknown, ${falseResults} false, ${orderGaps} order gaps`,
    );
  }, 180_000);
});

/**
 * `equals` and `rawEquals` against go-cty's `Value.Equals` / `Value.RawEquals` (oracle-num):
 * random values with nulls, unknowns and refinements, compared with near-copies of themselves.
 * Both sides travel as msgpack so that Go and TypeScript hold the same values; the Equals results
 * are compared as msgpack bytes, so refinements of unknown results count too. Where go-cty's
 * answer depends on Go's random map iteration order, ours must be one of the answers it gives.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { genValue, type Rand, randArb, typeArb } from "../test/arbitraries.js";
import { listVal, mapVal, nullVal, objectVal, setVal, tupleVal, unknownVal } from "./constructors.js";
import { equals, rawEquals } from "./equality.js";
import { decodeMsgpack } from "./msgpack-decode.js";
import { encodeMsgpack } from "./msgpack-encode.js";
import { askOracle, buildOracle, hasGo } from "./oracle-num.testutil.js";
import { typeToJSON } from "./type-json.js";
import { CtyBool, type CtyType } from "./types.js";
import type { CtyValue } from "./value.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** A near-copy of `v`: some parts replaced by unknowns, nulls or fresh values. */
function variant(v: CtyValue, r: Rand, depth = 0): CtyValue {
  const t = v.type;
  const roll = r.int(0, 99);
  if (roll < 6) return unknownVal(t, r.chance(0.5) ? { notNull: true } : undefined);
  if (roll < 9) return nullVal(t);
  if (roll < 14) return genValue(t, r, { nulls: 0.1, unknowns: 0.1 }, depth + 2);
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

describe.skipIf(!hasGo)("equals agrees with go-cty (oracle-num)", () => {
  beforeAll(buildOracle, 300_000);

  it("gives the same Equals and RawEquals results as go-cty", () => {
    const cases = fc
      .sample(fc.tuple(typeArb({ dynamic: false }), randArb()), { numRuns: 1000, seed: 99 })
      .map(([t, r]) => {
        const a = genValue(t, r, { nulls: 0.1, unknowns: 0.12 });
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

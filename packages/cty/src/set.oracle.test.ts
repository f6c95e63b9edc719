/**
 * Set identity and canonical order against go-cty itself (oracle-num): Go's `%q`, the set hash,
 * and `cty.SetVal(...)` element order for generated element lists of many types.
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
} from "./constructors.js";
import { rawEquals } from "./equality.js";
import { CtyNum } from "./number.js";
import { askOracle, buildOracle, hasGo, requireGoInCI } from "./oracle-num.testutil.js";
import { goQuote, setHash } from "./set.js";
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

/** A generated element: its JSON for go-cty's cty/json decoder and the same value built here. */
interface Gen {
  json: string;
  value: CtyValue;
}

const str = fc.oneof(
  fc.constantFrom("a", "b", "A", "", "é", "e\u0301", "\u00e9x", "z", "aa", "\t"),
  fc.string({ unit: "binary", maxLength: 5 }),
);
const dec = fc.oneof(
  fc.integer({ min: -4, max: 4 }).map(String),
  fc.constantFrom("0.1", "0.5", "-0", "1e3", "1000", "123456789012345678901234567890", "3.14159"),
  fc
    .tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: -30, max: 30 }))
    .map(([m, e]) => `${m}e${e}`),
);

const genString: fc.Arbitrary<Gen> = str.map((s) => ({ json: JSON.stringify(s), value: stringVal(s) }));
const genNumber: fc.Arbitrary<Gen> = dec.map((d) => ({
  json: JSON.stringify(d),
  value: numberVal(CtyNum.parse(d)),
}));
const genBool: fc.Arbitrary<Gen> = fc.boolean().map((b) => ({ json: String(b), value: boolVal(b) }));

function nullable(t: CtyType, g: fc.Arbitrary<Gen>): fc.Arbitrary<Gen> {
  return fc.oneof(
    { weight: 6, arbitrary: g },
    { weight: 1, arbitrary: fc.constant({ json: "null", value: nullVal(t) }) },
  );
}

const objT = CtyObject({ a: CtyString, b: CtyNumber });
const genObject: fc.Arbitrary<Gen> = fc
  .tuple(nullable(CtyString, genString), nullable(CtyNumber, genNumber))
  .map(([a, b]) => ({
    json: `{"a":${a.json},"b":${b.json}}`,
    value: objectVal({ a: a.value, b: b.value }),
  }));
const genList: fc.Arbitrary<Gen> = fc.array(genString, { maxLength: 3 }).map((xs) => ({
  json: `[${xs.map((x) => x.json).join(",")}]`,
  value: listVal(
    xs.map((x) => x.value),
    CtyString,
  ),
}));
const genMap: fc.Arbitrary<Gen> = fc
  .dictionary(fc.constantFrom("k", "l", "m", "é"), genNumber, { maxKeys: 3 })
  .map((d) => ({
    json: `{${Object.entries(d)
      .map(([k, v]) => `${JSON.stringify(k)}:${v.json}`)
      .join(",")}}`,
    value: mapVal(
      Object.entries(d).map(([k, v]) => [k, v.value] as const),
      CtyNumber,
    ),
  }));
const genTuple: fc.Arbitrary<Gen> = fc.tuple(genString, genBool).map(([s, b]) => ({
  json: `[${s.json},${b.json}]`,
  value: tupleVal([s.value, b.value]),
}));
const genSet: fc.Arbitrary<Gen> = fc.array(genBool, { maxLength: 3 }).map((xs) => ({
  json: `[${xs.map((x) => x.json).join(",")}]`,
  value: setVal(
    xs.map((x) => x.value),
    CtyBool,
  ),
}));

const cases: [string, string, CtyType, fc.Arbitrary<Gen>][] = [
  ["string", '"string"', CtyString, genString],
  ["number", '"number"', CtyNumber, genNumber],
  ["bool", '"bool"', CtyBool, genBool],
  ["object", '["object",{"a":"string","b":"number"}]', objT, genObject],
  ["list", '["list","string"]', CtyList(CtyString), genList],
  ["map", '["map","number"]', CtyMap(CtyNumber), genMap],
  ["tuple", '["tuple",["string","bool"]]', CtyTuple([CtyString, CtyBool]), genTuple],
  ["set", '["set","bool"]', CtySet(CtyBool), genSet],
];

requireGoInCI("sets");

describe.skipIf(!hasGo)("sets agree with go-cty (oracle-num)", () => {
  beforeAll(buildOracle, 300_000);

  it("quotes strings like Go's %q and hashes them like Value.Hash", () => {
    const strings = fc.sample(fc.string({ unit: "binary", maxLength: 12 }), { numRuns: 1500, seed: 1 });
    strings.push(
      "",
      'a"b\\c',
      "\x00\x07\x08\x0c\n\r\t\x0b\x7f",
      "\u00ad\u200b\u2028\ufeff",
      "😀\u{10ffff}",
      "\u0378",
    );
    const normalized = strings.map((s) => s.normalize("NFC"));
    const answers = askOracle(normalized.map((s) => `quote ${JSON.stringify(s)}`));
    normalized.forEach((s, i) => {
      expect(goQuote(s), JSON.stringify(s)).toBe(answers[i]!.q);
      expect(setHash(stringVal(s)), JSON.stringify(s)).toBe(answers[i]!.hash);
    });
  });

  for (const [name, typeJson, type, gen] of cases) {
    it(`orders and de-duplicates sets of ${name} like cty.SetVal`, () => {
      const lists = fc.sample(fc.array(nullable(type, gen), { minLength: 1, maxLength: 12 }), {
        numRuns: 150,
        seed: name.length,
      });
      const answers = askOracle(lists.map((l) => `set ${typeJson} [${l.map((g) => g.json).join(",")}]`));
      lists.forEach((l, i) => {
        const a = answers[i]!;
        expect(a.err, l.map((g) => g.json).join(",")).toBeUndefined();
        const values = l.map((g) => g.value);
        const mine = (setVal(values, type).raw as readonly CtyValue[]).map((e) =>
          values.findIndex((v) => rawEquals(v, e)),
        );
        expect(mine, `[${l.map((g) => g.json).join(",")}]`).toEqual(a.order ?? []);
      });
    });
  }
});

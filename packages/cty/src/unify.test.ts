import { describe, expect, it } from "vitest";
import { DynamicVal, listVal, mapVal, numberVal, objectVal, stringVal, tupleVal } from "./constructors.js";
import { rawEquals } from "./equality.js";
import type { CtyType } from "./types.js";
import {
  CtyBool,
  CtyDynamic,
  CtyList,
  CtyMap,
  CtyNumber,
  CtyObject,
  CtySet,
  CtyString,
  CtyTuple,
  typeEquals,
  typeString,
} from "./types.js";
import { unify, unifyUnsafe } from "./unify.js";
import { compareTypes, sortTypes } from "./unify-sort.js";

const Obj = (a: Record<string, CtyType>) => CtyObject(a);
const Tup = (...e: CtyType[]) => CtyTuple(e);

/** [input types, wanted type (undefined: none), which inputs need a conversion] */
const cases: [CtyType[], CtyType | undefined, boolean[]][] = [
  [[], undefined, []],
  [[CtyString], CtyString, [false]],
  [[CtyNumber, CtyNumber], CtyNumber, [false, false]],
  [[CtyNumber, CtyString], CtyString, [true, false]],
  [[CtyString, CtyNumber], CtyString, [false, true]],
  [[CtyBool, CtyString, CtyNumber], CtyString, [true, false, true]],
  [[CtyBool, CtyNumber], undefined, []],
  [[Obj({ foo: CtyString }), Obj({ foo: CtyString })], Obj({ foo: CtyString }), [false, false]],
  [[Obj({ foo: CtyString }), Obj({ foo: CtyNumber })], Obj({ foo: CtyString }), [false, true]],
  [[Obj({ foo: CtyString }), Obj({ bar: CtyNumber })], CtyMap(CtyString), [true, true]],
  [[Obj({ foo: CtyString }), Obj({})], CtyMap(CtyString), [true, true]],
  [[Obj({ foo: CtyBool }), Obj({ bar: CtyNumber })], undefined, []],
  [[Obj({ foo: CtyBool }), Obj({ foo: CtyNumber })], undefined, []],
  [[Tup(CtyString), Tup(CtyString)], Tup(CtyString), [false, false]],
  [[Tup(CtyString), Tup(CtyNumber)], Tup(CtyString), [false, true]],
  [[Tup(CtyString), Tup(CtyString, CtyNumber)], CtyList(CtyString), [true, true]],
  [[Tup(CtyString), Tup()], CtyList(CtyString), [true, true]],
  [[Tup(CtyBool), Tup(CtyNumber)], undefined, []],
  [
    [Tup(Obj({ a: CtyString }), Obj({ a: CtyString })), Tup(Obj({ a: CtyString, b: CtyString }))],
    CtyList(CtyMap(CtyString)),
    [true, true],
  ],
  [[Tup(Obj({ a: CtyString }), CtyDynamic), CtyList(CtyDynamic)], undefined, []],
  [
    [
      CtyList(Obj({ a: CtyString })),
      Tup(Obj({ a: CtyString, b: CtyString })),
      Tup(Obj({ a: CtyString, b: CtyString }), Obj({ c: CtyString, d: CtyString })),
    ],
    CtyList(CtyMap(CtyString)),
    [true, true, true],
  ],
  [
    [
      CtyList(Obj({ a: CtyString })),
      CtyList(CtyMap(CtyString)),
      Tup(CtyMap(CtyString), Obj({ a: CtyString, b: CtyString })),
    ],
    CtyList(CtyMap(CtyString)),
    [true, false, true],
  ],
  [
    [
      Tup(Obj({ a: CtyString, b: CtyNumber }), Obj({ a: CtyString, b: CtyNumber })),
      Tup(Obj({ a: CtyString })),
    ],
    CtyList(CtyMap(CtyString)),
    [true, true],
  ],
  [
    [Tup(Obj({ a: CtyString, b: CtyNumber })), Tup(Obj({ a: CtyString }))],
    Tup(CtyMap(CtyString)),
    [true, true],
  ],
  [
    [CtyList(Obj({ a: CtyNumber, b: CtyString })), Tup(Obj({ a: CtyString }))],
    CtyList(CtyMap(CtyString)),
    [true, true],
  ],
  [
    [CtyList(Obj({ a: CtyNumber, b: CtyString })), CtyList(Obj({ a: CtyString }))],
    CtyList(CtyMap(CtyString)),
    [true, true],
  ],
  [
    [
      CtyList(Obj({ a: Obj({ a: CtyString }), b: Obj({ a: CtyString, b: CtyString }) })),
      CtyList(CtyMap(Obj({ a: CtyString, b: CtyString }))),
    ],
    CtyList(CtyMap(CtyMap(CtyString))),
    [true, true],
  ],
  [
    [Obj({ a: Obj({ a: CtyString }) }), Obj({ a: Obj({ a: CtyString, b: CtyString }) })],
    Obj({ a: CtyMap(CtyString) }),
    [true, true],
  ],
  [
    [
      Obj({ a: Obj({ a: CtyString }), b: Obj({ a: CtyString, b: CtyString }) }),
      CtyMap(Obj({ a: CtyString, b: CtyString })),
    ],
    CtyMap(CtyMap(CtyString)),
    [true, true],
  ],
  [
    [
      Obj({ a: Obj({ a: CtyList(CtyString) }), b: Obj({ a: Tup(CtyString), b: CtyList(CtyString) }) }),
      CtyMap(Obj({ a: CtyList(CtyString), b: CtyList(CtyString) })),
    ],
    CtyMap(CtyMap(CtyList(CtyString))),
    [true, true],
  ],
  [
    [Obj({ a: Obj({ a: CtyString }), b: Obj({ a: CtyString }) }), CtyMap(Obj({ a: CtyString }))],
    CtyMap(Obj({ a: CtyString })),
    [true, false],
  ],
  [
    [
      Obj({ a: Obj({ a: CtyString }), b: Obj({ a: CtyString }) }),
      CtyMap(CtyDynamic),
      CtyMap(Obj({ a: CtyString })),
    ],
    CtyMap(CtyDynamic),
    [true, false, true],
  ],
  [
    [
      Obj({ a: Obj({ a: Obj({ a: CtyString }) }), b: Obj({ c: Obj({ d: CtyString }) }) }),
      CtyMap(CtyMap(CtyMap(CtyString))),
    ],
    CtyMap(CtyMap(CtyMap(CtyString))),
    [true, false],
  ],
  [
    [
      CtyMap(CtyMap(CtyMap(CtyString))),
      Obj({ a: Obj({ a: Obj({ a: CtyString }), b: CtyMap(CtyString) }), b: CtyMap(CtyMap(CtyString)) }),
    ],
    CtyMap(CtyMap(CtyMap(CtyString))),
    [false, true],
  ],
  [[CtyDynamic, Tup(CtyNumber)], CtyDynamic, [true, true]],
  [[CtyDynamic, Obj({ num: CtyNumber })], CtyDynamic, [true, true]],
  [[Tup(CtyNumber), CtyDynamic, Obj({ num: CtyNumber })], undefined, []],
  [[CtyList(CtyNumber), CtyList(CtyString)], CtyList(CtyString), [true, false]],
  [[CtySet(CtyNumber), CtySet(CtyBool)], undefined, []],
  [[CtySet(CtyNumber), CtyList(CtyNumber)], CtyList(CtyNumber), [true, false]],
  [[CtyDynamic, CtyDynamic], CtyDynamic, [false, false]],
  // safe unification can't convert from dynamic, so dynamic wins over string
  [[CtyString, CtyDynamic], CtyDynamic, [true, false]],
];

describe("unify", () => {
  it.each(cases.map((c, i) => [i, ...c] as const))("case %i", (_, types, want, convs) => {
    const r = unify(types);
    expect(r.type === undefined ? "none" : typeString(r.type)).toBe(
      want === undefined ? "none" : typeString(want),
    );
    if (r.type !== undefined && want !== undefined) expect(typeEquals(r.type, want)).toBe(true);
    expect(r.conversions.map((c) => c !== undefined)).toEqual(convs);
  });

  it("unsafe unification lets string win over dynamic and number", () => {
    const r = unifyUnsafe([CtyString, CtyDynamic]);
    expect(r.type).toEqual(CtyString);
    expect(r.conversions.map((c) => c !== undefined)).toEqual([false, true]);
    expect(rawEquals(r.conversions[1]!(numberVal(3)), stringVal("3"))).toBe(true);
  });

  it("returns working conversions", () => {
    const r = unify([Obj({ foo: CtyString }), Obj({ bar: CtyNumber })]);
    expect(
      rawEquals(r.conversions[1]!(objectVal({ bar: numberVal(2) })), mapVal({ bar: stringVal("2") })),
    ).toBe(true);
    const l = unify([CtyList(CtyString), Tup(CtyNumber)]);
    expect(typeString(l.type!)).toBe("list(string)");
    expect(rawEquals(l.conversions[1]!(tupleVal([numberVal(5)])), listVal([stringVal("5")]))).toBe(true);
  });

  it("rejects what isn't a list of types", () => {
    expect(() => unify("string" as never)).toThrow("unify expects an array of cty types");
    expect(() => unify([CtyString, 3 as never])).toThrow(/type 1 must be a cty type/);
  });

  it("with dynamic among same-kind types every conversion yields DynamicVal", () => {
    const r = unify([CtyDynamic, CtyList(CtyString)]);
    expect(r.type).toEqual(CtyDynamic);
    expect(rawEquals(r.conversions[1]!(listVal([stringVal("x")])), DynamicVal)).toBe(true);
  });
});

describe("type preference order", () => {
  it("dynamic last, string before other primitives, lists before sets, collections before structures", () => {
    expect(compareTypes(CtyString, CtyDynamic)).toBe(-1);
    expect(compareTypes(CtyDynamic, CtyString)).toBe(1);
    expect(compareTypes(CtyString, CtyNumber)).toBe(-1);
    expect(compareTypes(CtyNumber, CtyBool)).toBe(0);
    expect(compareTypes(CtyList(CtyString), Tup(CtyString))).toBe(-1);
    expect(compareTypes(Tup(CtyString), CtyList(CtyString))).toBe(1);
    expect(compareTypes(CtyMap(CtyString), Obj({}))).toBe(-1);
    expect(compareTypes(CtySet(CtyString), CtyList(CtyString))).toBe(1);
    expect(compareTypes(CtyList(CtyString), CtySet(CtyString))).toBe(-1);
    expect(compareTypes(Obj({ a: CtyString }), Obj({ a: CtyNumber }))).toBe(-1);
    expect(compareTypes(Obj({ a: CtyString, b: CtyNumber }), Obj({ a: CtyNumber, b: CtyString }))).toBe(0);
    expect(sortTypes([CtyDynamic, CtyNumber, CtyString])).toEqual([2, 1, 0]);
  });
});

import { describe, expect, expectTypeOf, it } from "vitest";
import { getAttr } from "./accessors.js";
import {
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
import { rawEquals } from "./equality.js";
import { fromNative, isUnknown, NativeConversionError, toNative, Unknown } from "./native.js";
import type { CtyNative } from "./native-types.js";
import { CtyNum } from "./number.js";
import {
  CtyBool,
  CtyCapsule,
  CtyDynamic,
  CtyList,
  CtyMap,
  CtyNumber,
  CtyObject,
  CtySet,
  CtyString,
  CtyTuple,
  typeString,
} from "./types.js";

const Rule = CtyObject(
  { name: CtyString, port: CtyNumber, tags: CtyMap(CtyString), on: CtyBool, cidrs: CtySet(CtyString) },
  ["tags"],
);

describe("fromNative", () => {
  it("converts plain JS to a value of the given type", () => {
    const v = fromNative({ name: "web", port: 443, on: true, cidrs: ["10.0.0.0/8", "10.0.0.0/8"] }, Rule);
    expect(typeString(v.type)).toBe(
      "object({cidrs=set(string),name=string,on=bool,port=number,tags=map(string)})",
    );
    expect(getAttr(v, "tags").isNull).toBe(true);
    expect((getAttr(v, "cidrs").raw as unknown[]).length).toBe(1);
    expect(
      rawEquals(
        fromNative(["a", 1n], CtyTuple([CtyString, CtyNumber])),
        tupleVal([stringVal("a"), numberVal(1n)]),
      ),
    ).toBe(true);
    expect(
      rawEquals(fromNative(new Map([["k", "v"]]), CtyMap(CtyString)), mapVal({ k: stringVal("v") })),
    ).toBe(true);
    expect(rawEquals(fromNative(new Set(["a"]), CtySet(CtyString)), setVal([stringVal("a")]))).toBe(true);
    expect(rawEquals(fromNative(CtyNum.parse("0.1"), CtyNumber), numberVal("0.1"))).toBe(true);
  });

  it("maps null, undefined and Unknown", () => {
    expect(fromNative(null, CtyString).isNull).toBe(true);
    expect(fromNative({ a: undefined }, CtyObject({ a: CtyString })).isKnown).toBe(true);
    const u = fromNative({ a: Unknown }, CtyObject({ a: CtyList(CtyString) }));
    expect(getAttr(u, "a").isKnown).toBe(false);
    expect(fromNative(Unknown, CtyDynamic).type).toBe(CtyDynamic);
    expect(isUnknown(Unknown)).toBe(true);
    expect(isUnknown(null)).toBe(false);
  });

  it("infers types for dynamic", () => {
    const v = fromNative({ a: [1, "x", true], b: { c: null } }, CtyDynamic);
    expect(typeString(v.type)).toBe("object({a=tuple([number,string,bool]),b=object({c=any})})");
    expect(fromNative(stringVal("x"), CtyDynamic).type).toBe(CtyString);
    expect(() => fromNative(() => 1, CtyDynamic)).toThrow(/cannot infer a cty type for function/);
  });

  it("reports mismatches with their path", () => {
    expect(() => fromNative({ name: "a", port: "80", on: true, cidrs: [] }, Rule)).toThrow(
      "port: expected number, got string",
    );
    expect(() => fromNative({ name: "a", port: 1, on: true, cidrs: [1] }, Rule)).toThrow(
      "cidrs[0]: expected string, got number",
    );
    expect(() => fromNative({ name: "a", port: 1, on: true }, Rule)).toThrow(
      'missing required attribute "cidrs"',
    );
    expect(() => fromNative({ name: "a", port: 1, on: true, cidrs: [], x: 1 }, Rule)).toThrow(
      'unexpected attribute "x"',
    );
    expect(() => fromNative([1], CtyTuple([CtyNumber, CtyNumber]))).toThrow(
      "expected a tuple of 2 elements, got 1",
    );
    expect(() => fromNative(Number.NaN, CtyNumber)).toThrow(NativeConversionError);
    expect(() => fromNative(numberVal(1), CtyString)).toThrow(/got a cty value of type number/);
  });

  it("wraps capsule payloads", () => {
    const T = CtyCapsule<Date>("date");
    const d = new Date(0);
    expect(fromNative(d, T).raw).toBe(d);
  });
});

describe("toNative", () => {
  const v = objectVal({
    n: numberVal("9007199254740993"),
    f: numberVal("0.5"),
    l: listVal([stringVal("a")]),
    m: mapVal([["__proto__", stringVal("p")]]),
    u: unknownVal(CtyString),
    z: nullVal(CtyBool),
  });

  it("converts to plain JS with a choice of number form", () => {
    expect(toNative(v)).toEqual({
      n: 9007199254740992,
      f: 0.5,
      l: ["a"],
      m: { ["__proto__"]: "p" },
      u: Unknown,
      z: null,
    });
    const exact = toNative(v, { numbers: "bigint-when-int" }) as { n: bigint; f: number };
    expect(exact.n).toBe(9007199254740993n);
    expect(exact.f).toBe(0.5);
    const nums = toNative(v, { numbers: "num" }) as { n: CtyNum };
    expect(nums.n.text()).toBe("9007199254740993");
    expect(Object.getPrototypeOf((toNative(v) as { m: object }).m)).toBe(Object.prototype);
  });

  it("round-trips through fromNative", () => {
    const t = CtyObject({ a: CtyList(CtyNumber), b: CtyMap(CtyBool) });
    const js = { a: [1, 2.5], b: { x: true } };
    expect(toNative(fromNative(js, t))).toEqual(js);
  });
});

describe("CtyNative", () => {
  it("maps cty types to plain JS types", () => {
    expectTypeOf<CtyNative<typeof CtyString>>().toEqualTypeOf<string>();
    expectTypeOf<CtyNative<typeof CtyNumber>>().toEqualTypeOf<number>();
    expectTypeOf<CtyNative<typeof CtyBool>>().toEqualTypeOf<boolean>();
    const L = CtyList(CtyString);
    expectTypeOf<CtyNative<typeof L>>().toEqualTypeOf<string[]>();
    const S = CtySet(CtyNumber);
    expectTypeOf<CtyNative<typeof S>>().toEqualTypeOf<number[]>();
    const M = CtyMap(CtyBool);
    expectTypeOf<CtyNative<typeof M>>().toEqualTypeOf<Record<string, boolean>>();
    const O = CtyObject({ a: CtyString, b: CtyList(CtyNumber) });
    expectTypeOf<CtyNative<typeof O>>().toEqualTypeOf<{ a: string; b: number[] }>();
    const T = CtyTuple([CtyString, CtyBool]);
    expectTypeOf<CtyNative<typeof T>>().toEqualTypeOf<[string, boolean]>();
    expectTypeOf<CtyNative<typeof CtyDynamic>>().toEqualTypeOf<unknown>();
    const C = CtyCapsule<Date>("date");
    expectTypeOf<CtyNative<typeof C>>().toEqualTypeOf<Date>();
  });
});

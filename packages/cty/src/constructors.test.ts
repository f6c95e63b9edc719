import { describe, expect, it } from "vitest";
import {
  asBool,
  asNum,
  asString,
  attributes,
  capsuleValue,
  elements,
  getAttr,
  index,
  isWhollyKnown,
  lengthOf,
  mapEntries,
} from "./accessors.js";
import {
  boolVal,
  capsuleVal,
  DynamicVal,
  emptyObjectVal,
  emptyTupleVal,
  False,
  listVal,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  setVal,
  stringVal,
  True,
  tupleVal,
  unknownVal,
} from "./constructors.js";
import { mark } from "./marks.js";
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
  typeEquals,
  typeString,
} from "./types.js";
import { Sensitive } from "./value.js";

describe("primitive constructors", () => {
  it("NFC-normalises strings", () => {
    expect(asString(stringVal("e\u0301"))).toBe("\u00e9");
  });
  it("makes numbers from JS numbers, bigints, strings and CtyNum", () => {
    expect(asNum(numberVal(3)).precision).toBe(64);
    expect(asNum(numberVal(0.5)).precision).toBe(53);
    expect(asNum(numberVal("0.1")).text()).toBe("0.1");
    expect(asNum(numberVal(2n ** 80n)).text()).toBe("1208925819614629174706176");
    const n = CtyNum.parse("2");
    expect(asNum(numberVal(n))).toBe(n);
    expect(() => numberVal("x")).toThrow(/a number is required/);
    expect(() => numberVal({} as never)).toThrow(TypeError);
  });
  it("has shared bool values", () => {
    expect(boolVal(true)).toBe(True);
    expect(boolVal(false)).toBe(False);
    expect(asBool(True)).toBe(true);
    expect(() => boolVal(1 as never)).toThrow(/boolVal expects a boolean/);
  });
});

describe("collections", () => {
  it("infers the list element type and requires one when empty", () => {
    const l = listVal([stringVal("a"), stringVal("b")]);
    expect(typeString(l.type)).toBe("list(string)");
    expect(elements(l).map(asString)).toEqual(["a", "b"]);
    expect(typeString(listVal([], CtyNumber).type)).toBe("list(number)");
    expect(() => listVal([])).toThrow(/empty list needs an element type/);
  });
  it("rejects inconsistent element types, including different object types", () => {
    expect(() => listVal([stringVal("a"), numberVal(1)])).toThrow(/inconsistent list element types/);
    expect(() => listVal([objectVal({ a: stringVal("x") }), objectVal({ b: stringVal("y") })])).toThrow(
      /element 0 has type object\(\{a=string\}\) but element 1 has type object\(\{b=string\}\)/,
    );
    expect(() => listVal([stringVal("a")], CtyNumber)).toThrow(
      /list of number cannot hold an element of type string/,
    );
    expect(() => listVal(["a"] as never)).toThrow(/not a CtyValue/);
  });
  it("gives dynamic nulls and DynamicVal the element type", () => {
    const l = listVal([stringVal("a"), DynamicVal, nullVal(CtyDynamic)]);
    expect(typeString(l.type)).toBe("list(string)");
    expect(elements(l)[1]!.type).toBe(CtyString);
    expect(elements(l)[1]!.isKnown).toBe(false);
    expect(elements(l)[2]!.isNull).toBe(true);
    expect(typeString(listVal([DynamicVal]).type)).toBe("list(any)");
  });
  it("lets a declared type with dynamic parts take the concrete element type (like ListVal)", () => {
    expect(typeString(listVal([stringVal("a")], CtyDynamic).type)).toBe("list(string)");
  });
  it("de-duplicates sets and hoists element marks to the set", () => {
    const s = setVal([stringVal("b"), mark(stringVal("a"), Sensitive), stringVal("b")]);
    expect(elements(s).map(asString)).toEqual(["a", "b"]);
    expect(s.hasMark(Sensitive)).toBe(true);
    expect(elements(s).every((e) => !e.isMarked)).toBe(true);
    expect(typeString(setVal([], CtyBool).type)).toBe("set(bool)");
  });
  it("sorts map keys bytewise and normalises them", () => {
    const m = mapVal({ b: numberVal(2), a: numberVal(1), "e\u0301": numberVal(3) });
    expect([...mapEntries(m).keys()]).toEqual(["a", "b", "\u00e9"]);
    expect(asNum(index(m, "\u00e9")).text()).toBe("3");
    expect(typeString(mapVal([["x", stringVal("y")]]).type)).toBe("map(string)");
    expect(typeString(mapVal(new Map([["x", True]])).type)).toBe("map(bool)");
    expect(() => mapVal({})).toThrow(/empty map needs an element type/);
    expect(typeString(mapVal({}, CtyString).type)).toBe("map(string)");
  });
});

describe("structural values", () => {
  it("builds objects with sorted attribute names", () => {
    const o = objectVal({ z: True, a: stringVal("x") });
    expect(typeString(o.type)).toBe("object({a=string,z=bool})");
    expect([...attributes(o).keys()]).toEqual(["a", "z"]);
    expect(getAttr(o, "z")).toBe(True);
    expect(() => getAttr(o, "q")).toThrow(/no attribute "q"/);
    expect(typeEquals(emptyObjectVal.type, CtyObject({}))).toBe(true);
  });
  it("builds tuples", () => {
    const t = tupleVal([stringVal("a"), numberVal(1)]);
    expect(typeString(t.type)).toBe("tuple([string,number])");
    expect(asString(index(t, 0))).toBe("a");
    expect(() => index(t, 2)).toThrow(RangeError);
    expect(typeEquals(emptyTupleVal.type, CtyTuple([]))).toBe(true);
  });
  it("wraps capsules", () => {
    const T = CtyCapsule<{ id: number }>("thing");
    const payload = { id: 1 };
    expect(capsuleValue(capsuleVal(T, payload))).toBe(payload);
    expect(() => capsuleVal(CtyString as never, 1)).toThrow(/capsule type/);
  });
});

describe("unknown and null values", () => {
  it("reads through unknown containers as unknown elements", () => {
    const u = unknownVal(CtyObject({ a: CtyList(CtyString) }));
    const a = getAttr(u, "a");
    expect(a.isKnown).toBe(false);
    expect(typeString(a.type)).toBe("list(string)");
    expect(index(unknownVal(CtyMap(CtyNumber)), "k").type).toBe(CtyNumber);
    expect(DynamicVal.isKnown).toBe(false);
    expect(getAttr(DynamicVal, "anything")).toBe(DynamicVal);
    expect(index(DynamicVal, 3)).toBe(DynamicVal);
    expect(DynamicVal.type).toBe(CtyDynamic);
  });
  it("refuses to read null or unknown primitives", () => {
    expect(() => asString(nullVal(CtyString))).toThrow(/null/);
    expect(() => asString(unknownVal(CtyString))).toThrow(/unknown/);
    expect(() => asString(numberVal(1))).toThrow(/expected a string value, got number/);
  });
  it("measures lengths and known-ness", () => {
    expect(lengthOf(listVal([True, False]))).toBe(2);
    expect(lengthOf(unknownVal(CtyTuple([CtyString, CtyString])))).toBe(2);
    expect(() => lengthOf(unknownVal(CtySet(CtyString)))).toThrow(/unknown/);
    expect(isWhollyKnown(objectVal({ a: listVal([unknownVal(CtyString)]) }))).toBe(false);
    expect(isWhollyKnown(objectVal({ a: listVal([nullVal(CtyString)]) }))).toBe(true);
  });
});

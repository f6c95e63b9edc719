import { describe, expect, it } from "vitest";
import { elements } from "./accessors.js";
import { DynamicVal, listVal, nullVal, numberVal, stringVal, unknownVal } from "./constructors.js";
import { mark } from "./marks.js";
import { CtyNum } from "./number.js";
import { refine, safeKnownPrefix } from "./refinement.js";
import {
  CtyBool,
  CtyDynamic,
  CtyList,
  CtyMap,
  CtyNumber,
  CtyObject,
  CtySet,
  CtyString,
  typeString,
} from "./types.js";
import { Sensitive } from "./value.js";

describe("refinements", () => {
  it("records not-null, prefixes, number and length bounds", () => {
    const s = refine(unknownVal(CtyString))
      .notNull()
      .stringPrefixFull("ab")
      .stringPrefixFull("abc")
      .stringPrefixFull("a")
      .newValue();
    expect(s.refinements).toEqual({ notNull: true, stringPrefix: "abc" });
    const n = refine(unknownVal(CtyNumber))
      .numberRangeLowerBound(1, true)
      .numberRangeUpperBound("10", false)
      .newValue();
    expect(n.refinements?.numberLower?.value.text()).toBe("1");
    expect(n.refinements?.numberUpper).toMatchObject({ inclusive: false });
    const l = refine(unknownVal(CtyList(CtyString)))
      .collectionLengthLowerBound(1)
      .collectionLengthUpperBound(5)
      .newValue();
    expect(l.refinements).toEqual({ lengthLower: 1, lengthUpper: 5 });
  });

  it("keeps the tighter of two bounds", () => {
    const n = refine(unknownVal(CtyNumber))
      .numberRangeLowerBound(5, true)
      .numberRangeLowerBound(3, true)
      .numberRangeLowerBound(5, false)
      .newValue();
    expect(n.refinements?.numberLower).toMatchObject({ inclusive: false });
    expect(n.refinements?.numberLower?.value.text()).toBe("5");
    const l = refine(unknownVal(CtySet(CtyString)))
      .collectionLengthUpperBound(3)
      .collectionLengthUpperBound(7)
      .newValue();
    expect(l.refinements?.lengthUpper).toBe(3);
  });

  it("drops infinite bounds", () => {
    const n = refine(unknownVal(CtyNumber))
      .numberRangeLowerBound(CtyNum.parse("-Inf"), true)
      .numberRangeUpperBound(CtyNum.parse("+Inf"), true)
      .newValue();
    expect(n.refinements).toBeUndefined();
  });

  it("collapses to known values where go-cty does", () => {
    expect(refine(unknownVal(CtyNumber)).notNull().numberRangeInclusive(4, 4).newValue().raw).toEqual(
      CtyNum.fromInt64(4n),
    );
    const empty = refine(unknownVal(CtyMap(CtyString)))
      .notNull()
      .collectionLength(0)
      .newValue();
    expect(empty.isKnown && typeString(empty.type)).toBe("map(string)");
    const two = refine(unknownVal(CtyList(CtyBool)))
      .notNull()
      .collectionLength(2)
      .newValue();
    expect(elements(two).map((e) => e.isKnown)).toEqual([false, false]);
    expect(
      elements(
        refine(unknownVal(CtySet(CtyBool)))
          .notNull()
          .collectionLength(1)
          .newValue(),
      ).length,
    ).toBe(1);
    expect(
      refine(unknownVal(CtySet(CtyBool)))
        .notNull()
        .collectionLength(2)
        .newValue().isKnown,
    ).toBe(false);
    expect(refine(unknownVal(CtyString)).null().newValue().isNull).toBe(true);
    // without not-null nothing collapses: the value might still be null
    expect(refine(unknownVal(CtyNumber)).numberRangeInclusive(4, 4).newValue().isKnown).toBe(false);
  });

  it("leaves DynamicVal and known values as they are", () => {
    expect(refine(DynamicVal).notNull().newValue()).toBe(DynamicVal);
    const k = stringVal("abc");
    expect(refine(k).notNull().stringPrefixFull("ab").newValue()).toBe(k);
    expect(refine(nullVal(CtyDynamic)).newValue().isNull).toBe(true);
  });

  it("rejects invalid refinements with clear errors", () => {
    expect(() => refine(unknownVal(CtyNumber)).stringPrefix("x")).toThrow(
      /cannot refine a string prefix for a value of type number/,
    );
    expect(() => refine(unknownVal(CtyString)).numberRangeLowerBound(1, true)).toThrow(/number bounds/);
    expect(() => refine(unknownVal(CtyBool)).collectionLength(1)).toThrow(/collection length/);
    expect(() => refine(nullVal(CtyString)).notNull()).toThrow(/null value as non-null/);
    expect(() => refine(unknownVal(CtyString)).notNull().null()).toThrow(/non-null value as null/);
    expect(() =>
      refine(unknownVal(CtyNumber)).numberRangeLowerBound(5, true).numberRangeUpperBound(4, true),
    ).toThrow("numeric bounds >=5 && <=4 exclude all values");
    expect(() =>
      refine(unknownVal(CtyNumber)).numberRangeLowerBound(5, false).numberRangeUpperBound(5, true),
    ).toThrow("numeric bounds >5 && <=5 exclude all values");
    // go-cty v1.20 refuses equal exclusive bounds too (v1.18 accepted them).
    expect(() =>
      refine(unknownVal(CtyNumber)).numberRangeLowerBound(5, false).numberRangeUpperBound(5, false),
    ).toThrow("numeric bounds >5 && <5 exclude all values");
    expect(() =>
      refine(unknownVal(CtyList(CtyString)))
        .collectionLengthLowerBound(3)
        .collectionLengthUpperBound(2),
    ).toThrow(/less than lower bound/);
    expect(() => refine(unknownVal(CtyString)).stringPrefixFull("ab").stringPrefixFull("ac")).toThrow(
      /inconsistent/,
    );
    expect(() => refine(stringVal("abc")).stringPrefixFull("abd")).toThrow(
      /inconsistent with the known value/,
    );
    expect(() => refine(numberVal(3)).numberRangeLowerBound(4, true)).toThrow(/refining 3 to be >= 4/);
    expect(() => refine(listVal([stringVal("a")])).collectionLengthUpperBound(0)).toThrow(
      /length 1 with upper bound 0/,
    );
    expect(() => refine(unknownVal(CtyList(CtyString))).collectionLengthLowerBound(-1)).toThrow(
      /non-negative integer/,
    );
    expect(() => unknownVal(CtyObject({}), { stringPrefix: "x" })).toThrow(/string prefix/);
  });

  it("applies a Refinements record through unknownVal", () => {
    const v = unknownVal(CtyString, { notNull: true, stringPrefix: "ab" });
    expect(v.refinements).toEqual({ notNull: true, stringPrefix: "ab" });
    expect(unknownVal(CtyList(CtyString), { notNull: true, lengthLower: 0, lengthUpper: 0 }).isKnown).toBe(
      true,
    );
  });

  it("keeps marks", () => {
    const v = refine(mark(unknownVal(CtyString), Sensitive))
      .notNull()
      .newValue();
    expect(v.hasMark(Sensitive)).toBe(true);
    expect(v.refinements?.notNull).toBe(true);
  });

  it("trims unsafe prefix endings like go-cty's StringPrefix", () => {
    expect(safeKnownPrefix("foo-")).toBe("foo-");
    expect(safeKnownPrefix("foo")).toBe("fo");
    expect(safeKnownPrefix("e\u0301x")).toBe("\u00e9");
    expect(safeKnownPrefix("")).toBe("");
    expect(refine(unknownVal(CtyString)).stringPrefix("ami-12").newValue().refinements?.stringPrefix).toBe(
      "ami-1",
    );
  });
});

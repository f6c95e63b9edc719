import { describe, expect, it } from "vitest";
import {
  capsuleVal,
  DynamicVal,
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
import { equals, hasWhollyKnownType, rawEquals } from "./equality.js";
import { mark } from "./marks.js";
import { refine } from "./refinement.js";
import {
  CtyBool,
  CtyCapsule,
  CtyDynamic,
  CtyList,
  CtyNumber,
  CtyObject,
  CtySet,
  CtyString,
  CtyTuple,
} from "./types.js";
import { type CtyValue, Sensitive } from "./value.js";

const isTrue = (v: CtyValue) => v.isKnown && v.raw === true;
const isFalse = (v: CtyValue) => v.isKnown && v.raw === false;
const isUnknownNotNull = (v: CtyValue) => !v.isKnown && v.type === CtyBool && v.refinements?.notNull === true;

describe("equals", () => {
  it("compares known values structurally", () => {
    expect(isTrue(equals(stringVal("a"), stringVal("a")))).toBe(true);
    expect(isFalse(equals(stringVal("a"), stringVal("b")))).toBe(true);
    expect(isTrue(equals(numberVal(0.1), numberVal("0.1")))).toBe(true);
    expect(isTrue(equals(listVal([numberVal(1)]), listVal([numberVal("1")])))).toBe(true);
    expect(isFalse(equals(listVal([numberVal(1)]), listVal([numberVal(1), numberVal(2)])))).toBe(true);
    expect(isTrue(equals(mapVal({ a: True }), mapVal({ a: True })))).toBe(true);
    expect(isFalse(equals(mapVal({ a: True }), mapVal({ b: True })))).toBe(true);
    expect(
      isTrue(equals(setVal([stringVal("a"), stringVal("b")]), setVal([stringVal("b"), stringVal("a")]))),
    ).toBe(true);
    expect(isFalse(equals(stringVal("1"), numberVal(1)))).toBe(true);
  });

  it("treats nulls of any type as equal", () => {
    expect(isTrue(equals(nullVal(CtyString), nullVal(CtyNumber)))).toBe(true);
    expect(isFalse(equals(nullVal(CtyString), stringVal("")))).toBe(true);
  });

  it("is unknown when unknowns could decide it", () => {
    expect(isUnknownNotNull(equals(unknownVal(CtyString), stringVal("a")))).toBe(true);
    expect(isUnknownNotNull(equals(unknownVal(CtyString), unknownVal(CtyString)))).toBe(true);
    expect(isUnknownNotNull(equals(unknownVal(CtyString), nullVal(CtyString)))).toBe(true);
    expect(isUnknownNotNull(equals(listVal([unknownVal(CtyString)]), listVal([stringVal("a")])))).toBe(true);
    expect(isUnknownNotNull(equals(DynamicVal, stringVal("a")))).toBe(true);
    expect(isUnknownNotNull(equals(setVal([unknownVal(CtyString)]), setVal([stringVal("a")])))).toBe(true);
    expect(isUnknownNotNull(equals(tupleVal([DynamicVal]), tupleVal([stringVal("a")])))).toBe(true);
  });

  it("decides with refinements and types where possible", () => {
    expect(isFalse(equals(refine(unknownVal(CtyString)).notNull().newValue(), nullVal(CtyString)))).toBe(
      true,
    );
    expect(isFalse(equals(unknownVal(CtyString, { stringPrefix: "ab" }), stringVal("xy")))).toBe(true);
    expect(isUnknownNotNull(equals(unknownVal(CtyString, { stringPrefix: "ab" }), stringVal("abc")))).toBe(
      true,
    );
    expect(
      isFalse(
        equals(
          unknownVal(CtyNumber, { numberUpper: { value: numberVal(3).raw as never, inclusive: false } }),
          numberVal(3),
        ),
      ),
    ).toBe(true);
    expect(
      isFalse(equals(unknownVal(CtyList(CtyString), { lengthLower: 2 }), listVal([stringVal("a")]))),
    ).toBe(true);
    expect(isFalse(equals(unknownVal(CtyNumber), stringVal("a")))).toBe(true);
    expect(isFalse(equals(tupleVal([DynamicVal]), tupleVal([stringVal("a"), stringVal("b")])))).toBe(true);
  });

  it("carries marks to the result", () => {
    const r = equals(mark(stringVal("a"), Sensitive), stringVal("a"));
    expect(isTrue(r) && r.hasMark(Sensitive)).toBe(true);
    const nested = equals(listVal([mark(stringVal("a"), Sensitive)]), listVal([stringVal("a")]));
    expect(nested.hasMark(Sensitive)).toBe(true);
    // one null side: only top-level marks survive
    expect(
      equals(listVal([mark(stringVal("a"), Sensitive)]), nullVal(CtyList(CtyString))).hasMark(Sensitive),
    ).toBe(false);
  });

  it("knows when a value has a wholly known type", () => {
    expect(hasWhollyKnownType(tupleVal([DynamicVal]))).toBe(false);
    expect(hasWhollyKnownType(unknownVal(CtyObject({ a: CtyDynamic })))).toBe(false);
    expect(hasWhollyKnownType(unknownVal(CtySet(CtyString)))).toBe(true);
    expect(hasWhollyKnownType(nullVal(CtyDynamic))).toBe(true);
    const Box = CtyCapsule<unknown[]>("box");
    const payload = [DynamicVal];
    expect(hasWhollyKnownType(capsuleVal(Box, payload))).toBe(true);
    expect(isTrue(equals(capsuleVal(Box, payload), capsuleVal(Box, payload)))).toBe(true);
    expect(isFalse(equals(capsuleVal(Box, payload), capsuleVal(Box, [])))).toBe(true);
  });
});

describe("rawEquals", () => {
  it("is exact about unknowns, refinements and marks", () => {
    expect(rawEquals(unknownVal(CtyString), unknownVal(CtyString))).toBe(true);
    expect(rawEquals(unknownVal(CtyString), unknownVal(CtyNumber))).toBe(false);
    expect(rawEquals(unknownVal(CtyString, { notNull: true }), unknownVal(CtyString))).toBe(false);
    expect(
      rawEquals(unknownVal(CtyString, { notNull: true }), unknownVal(CtyString, { notNull: true })),
    ).toBe(true);
    expect(rawEquals(mark(True, Sensitive), True)).toBe(false);
    expect(rawEquals(listVal([mark(True, Sensitive)]), listVal([True]))).toBe(false);
    expect(rawEquals(nullVal(CtyString), nullVal(CtyNumber))).toBe(false);
    expect(rawEquals(objectVal({ a: False }), objectVal({ a: False }))).toBe(true);
    expect(rawEquals(tupleVal([]), tupleVal([]))).toBe(true);
    expect(rawEquals(DynamicVal, DynamicVal)).toBe(true);
    expect(rawEquals(numberVal(0.1), numberVal("0.1"))).toBe(true);
    expect(rawEquals(listVal([], CtyTuple([])), listVal([], CtyTuple([])))).toBe(true);
  });
});

describe("equals on maps and objects", () => {
  it("prefers a definite false over an unknown, whatever the attribute order", () => {
    const a = objectVal({ a: unknownVal(CtyString), b: stringVal("x") });
    const b = objectVal({ a: stringVal("y"), b: stringVal("z") });
    expect(isFalse(equals(a, b))).toBe(true);
    expect(
      isFalse(
        equals(
          mapVal({ a: unknownVal(CtyString), b: stringVal("x") }),
          mapVal({ a: stringVal("y"), b: stringVal("z") }),
        ),
      ),
    ).toBe(true);
    // lists stop at the first unknown element, as go-cty does
    expect(
      isUnknownNotNull(
        equals(listVal([unknownVal(CtyString), stringVal("x")]), listVal([stringVal("y"), stringVal("z")])),
      ),
    ).toBe(true);
  });
});

/** Conversion of nulls, unknowns (with refinements), marked values and dynamic-typed values. */
import { describe, expect, it } from "vitest";
import {
  DynamicVal,
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
import { convert, getConversion, getConversionUnsafe, tryConvert } from "./convert.js";
import { rawEquals } from "./equality.js";
import { mark } from "./marks.js";
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
  typeString,
} from "./types.js";
import type { CtyValue } from "./value.js";

const s = stringVal;
const n = (x: number) => numberVal(x);

function expectSame(got: CtyValue, want: CtyValue): void {
  expect(typeString(got.type)).toBe(typeString(want.type));
  expect(
    rawEquals(got, want),
    `refinements ${JSON.stringify(got.refinements)} vs ${JSON.stringify(want.refinements)}`,
  ).toBe(true);
}

describe("nulls", () => {
  it("pass through with the target type", () => {
    expectSame(convert(nullVal(CtyString), CtyNumber), nullVal(CtyNumber));
    expectSame(convert(nullVal(CtyList(CtyNumber)), CtySet(CtyString)), nullVal(CtySet(CtyString)));
    expectSame(
      convert(nullVal(CtyDynamic), CtyObject({ a: CtyString })),
      nullVal(CtyObject({ a: CtyString })),
    );
  });

  it("take the source's types where the target says dynamic", () => {
    expectSame(convert(nullVal(CtyList(CtyString)), CtyList(CtyDynamic)), nullVal(CtyList(CtyString)));
    expectSame(
      convert(nullVal(CtyTuple([CtyString, CtyNumber])), CtyList(CtyDynamic)),
      nullVal(CtyList(CtyString)),
    );
    expectSame(
      convert(nullVal(CtyObject({ a: CtyNumber, b: CtyNumber })), CtyMap(CtyDynamic)),
      nullVal(CtyMap(CtyNumber)),
    );
    expectSame(
      convert(nullVal(CtyObject({ a: CtyBool })), CtyObject({ a: CtyDynamic, b: CtyDynamic }, ["b"])),
      nullVal(CtyObject({ a: CtyBool, b: CtyDynamic })),
    );
  });

  it("never carry optional-attribute markers", () => {
    const t = CtyObject({ a: CtyString, b: CtyList(CtyObject({ c: CtyNumber }, ["c"])) }, ["b"]);
    expect(typeString(convert(nullVal(CtyDynamic), t).type)).toBe(
      "object({a=string,b=list(object({c=number}))})",
    );
  });
});

describe("unknowns", () => {
  it("pass through with the target type", () => {
    expectSame(convert(unknownVal(CtyString), CtyNumber), unknownVal(CtyNumber));
    expectSame(convert(unknownVal(CtyNumber), CtyString), unknownVal(CtyString));
    expectSame(convert(DynamicVal, CtyList(CtyString)), unknownVal(CtyList(CtyString)));
    expectSame(convert(DynamicVal, CtyDynamic), DynamicVal);
  });

  it("keep not-null but not string prefixes or number bounds across types", () => {
    expectSame(
      convert(unknownVal(CtyString, { notNull: true, stringPrefix: "1" }), CtyNumber),
      unknownVal(CtyNumber, { notNull: true }),
    );
    expectSame(
      convert(
        unknownVal(CtyNumber, {
          notNull: true,
          numberLower: { value: numberVal(1).raw as never, inclusive: true },
        }),
        CtyString,
      ),
      unknownVal(CtyString, { notNull: true }),
    );
    expectSame(
      convert(unknownVal(CtyBool, { notNull: true }), CtyString),
      unknownVal(CtyString, { notNull: true }),
    );
  });

  it("object → map knows the length; tuple → list knows it; tuple → set bounds it", () => {
    expectSame(
      convert(unknownVal(CtyObject({ a: CtyString, b: CtyString })), CtyMap(CtyString)),
      unknownVal(CtyMap(CtyString), { lengthLower: 2, lengthUpper: 2 }),
    );
    expectSame(
      convert(unknownVal(CtyTuple([CtyString, CtyNumber])), CtyList(CtyString)),
      unknownVal(CtyList(CtyString), { lengthLower: 2, lengthUpper: 2 }),
    );
    expectSame(
      convert(unknownVal(CtyTuple([CtyString, CtyNumber, CtyBool])), CtySet(CtyString)),
      unknownVal(CtySet(CtyString), { lengthLower: 1, lengthUpper: 3 }),
    );
    expectSame(
      convert(unknownVal(CtyTuple([CtyString])), CtySet(CtyString)),
      unknownVal(CtySet(CtyString), { lengthLower: 1, lengthUpper: 1 }),
    );
  });

  it("collapse to known values when not null and the length is fixed", () => {
    const tup = unknownVal(CtyTuple([CtyString, CtyNumber]), { notNull: true });
    expectSame(convert(tup, CtyList(CtyString)), listVal([unknownVal(CtyString), unknownVal(CtyString)]));
    expectSame(
      convert(unknownVal(CtyTuple([]), { notNull: true }), CtySet(CtyString)),
      setVal([], CtyString),
    );
    expectSame(
      convert(unknownVal(CtyTuple([CtyBool]), { notNull: true }), CtySet(CtyString)),
      setVal([unknownVal(CtyString)]),
    );
    expectSame(
      convert(unknownVal(CtyObject({}), { notNull: true }), CtyMap(CtyNumber)),
      mapVal([], CtyNumber),
    );
  });

  it("carry collection length bounds between collections (sets may shrink, never to zero)", () => {
    const list = unknownVal(CtyList(CtyNumber), { notNull: true, lengthLower: 2, lengthUpper: 5 });
    expectSame(
      convert(list, CtyList(CtyString)),
      unknownVal(CtyList(CtyString), { notNull: true, lengthLower: 2, lengthUpper: 5 }),
    );
    expectSame(
      convert(list, CtySet(CtyString)),
      unknownVal(CtySet(CtyString), { notNull: true, lengthLower: 1, lengthUpper: 5 }),
    );
    const set = unknownVal(CtySet(CtyNumber), { lengthUpper: 3 });
    expectSame(convert(set, CtyList(CtyString)), unknownVal(CtyList(CtyString), { lengthUpper: 3 }));
  });

  it("an unknown element of a set makes the converted list unknown", () => {
    const v = setVal([objectVal({ a: unknownVal(CtyString) }), objectVal({ a: s("x") })]);
    expectSame(
      convert(v, CtyList(CtyObject({ a: CtyString }))),
      unknownVal(CtyList(CtyObject({ a: CtyString }))),
    );
  });
});

describe("marks", () => {
  it("are kept on the converted value", () => {
    const got = convert(mark(s("12"), "sensitive"), CtyNumber);
    expectSame(got, mark(n(12), "sensitive"));
    expectSame(convert(mark(nullVal(CtyString), "sensitive"), CtyBool), mark(nullVal(CtyBool), "sensitive"));
    expectSame(
      convert(mark(unknownVal(CtyString), "a", "b"), CtyNumber),
      mark(unknownVal(CtyNumber), "a", "b"),
    );
  });

  it("stay on nested values", () => {
    const v = objectVal({ a: mark(n(1), "sensitive"), b: s("x") });
    expectSame(
      convert(v, CtyObject({ a: CtyString, b: CtyString })),
      objectVal({ a: mark(s("1"), "sensitive"), b: s("x") }),
    );
    expectSame(convert(v, CtyMap(CtyString)), mapVal({ a: mark(s("1"), "sensitive"), b: s("x") }));
    const l = listVal([mark(n(1), "sensitive"), n(2)]);
    expectSame(convert(l, CtyList(CtyString)), listVal([mark(s("1"), "sensitive"), s("2")]));
  });

  it("of set elements move to the set, as go-cty's SetVal does", () => {
    const got = convert(listVal([mark(s("1"), "sensitive"), s("2")]), CtySet(CtyNumber));
    expectSame(got, mark(setVal([n(1), n(2)]), "sensitive"));
  });

  it("survive on nulls normalised inside collections and objects", () => {
    // go-cty drops them here (it rebuilds the null); we keep them so nothing sensitive leaks.
    const got = convert(listVal([mark(nullVal(CtyNumber), "sensitive")]), CtyList(CtyString));
    expect(((got.raw as CtyValue[])[0] as CtyValue).hasMark("sensitive")).toBe(true);
  });

  it("don't stop errors", () => {
    const r = tryConvert(mark(s("x"), "sensitive"), CtyNumber);
    expect(r.ok ? "ok" : r.error.message).toBe("a number is required");
  });
});

describe("dynamic", () => {
  it("values typed dynamic at analysis time convert once known (unsafe only)", () => {
    const conv = getConversionUnsafe(CtyDynamic, CtyNumber)!;
    expectSame(conv(s("5")), n(5));
    expect(getConversion(CtyDynamic, CtyNumber)).toBeUndefined();
    expect(() => conv(s("x"))).toThrow("a number is required");
  });

  it("late failures inside structures carry the full path", () => {
    const conv = getConversionUnsafe(
      CtyObject({ a: CtyList(CtyDynamic) }),
      CtyObject({ a: CtyList(CtyNumber) }),
    )!;
    const v = objectVal({ a: listVal([s("1"), s("x")]) });
    try {
      conv(v);
      expect.unreachable();
    } catch (e) {
      expect((e as { detail: string }).detail).toBe("a[1]: a number is required");
    }
    const late = getConversionUnsafe(
      CtyObject({ a: CtyDynamic }),
      CtyObject({ a: CtyObject({ b: CtyNumber }) }),
    )!;
    expect(() => late(objectVal({ a: objectVal({ b: s("y") }) }))).toThrow("a number is required");
    try {
      late(objectVal({ a: objectVal({ b: s("y") }) }));
    } catch (e) {
      expect((e as { detail: string }).detail).toBe("a.b: a number is required");
    }
    try {
      late(objectVal({ a: s("y") }));
    } catch (e) {
      expect((e as { detail: string }).detail).toBe("a: object required, but have string");
    }
  });

  it("dynamic nulls in structures adopt element types in collections", () => {
    const got = convert(tupleVal([nullVal(CtyDynamic), s("a")]), CtyList(CtyString));
    expectSame(got, listVal([nullVal(CtyString), s("a")]));
    const all = convert(tupleVal([nullVal(CtyDynamic), DynamicVal]), CtyList(CtyDynamic));
    expect(typeString(all.type)).toBe("list(any)");
  });

  it("tuple → list of dynamic with dynamic elements: unsafe unifies them, safe only when all are dynamic", () => {
    expect(getConversion(CtyTuple([CtyDynamic, CtyString]), CtyList(CtyDynamic))).toBeUndefined();
    expect(getConversionUnsafe(CtyTuple([CtyDynamic, CtyString]), CtyList(CtyDynamic))).toBeDefined();
    expect(getConversion(CtyTuple([CtyDynamic, CtyDynamic]), CtyList(CtyDynamic))).toBeDefined();
  });
});

describe("getConversion", () => {
  const cases: [CtyType, CtyType, boolean, boolean][] = [
    // from, to, safe exists, unsafe exists
    [CtyNumber, CtyString, true, true],
    [CtyString, CtyNumber, false, true],
    [CtyList(CtyString), CtySet(CtyString), false, true],
    [CtySet(CtyString), CtyList(CtyString), true, true],
    [CtyTuple([CtyString]), CtyList(CtyString), true, true],
    [CtyTuple([CtyString]), CtyList(CtyNumber), false, true],
    [CtyObject({ a: CtyNumber }), CtyMap(CtyString), true, true],
    [CtyMap(CtyString), CtyObject({ a: CtyString }), false, true],
    [CtyMap(CtyString), CtyObject({ a: CtyBool }, ["a"]), false, true],
    [CtyMap(CtyString), CtyObject({ a: CtyList(CtyString) }, ["a"]), false, true],
    [CtyMap(CtyString), CtyObject({ a: CtyList(CtyString) }), false, false],
    [CtyObject({}), CtyObject({ a: CtyString }, ["a"]), true, true],
    [CtyObject({}), CtyObject({ a: CtyString }), false, false],
    [CtyList(CtyString), CtyMap(CtyString), false, false],
    [CtyDynamic, CtyString, false, true],
    [CtyBool, CtyDynamic, true, true],
  ];
  it.each(cases)("%# safe/unsafe availability", (from, to, safe, unsafe) => {
    expect(getConversion(from, to) !== undefined, `safe ${typeString(from)} → ${typeString(to)}`).toBe(safe);
    expect(
      getConversionUnsafe(from, to) !== undefined,
      `unsafe ${typeString(from)} → ${typeString(to)}`,
    ).toBe(unsafe);
  });
});

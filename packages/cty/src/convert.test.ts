import { describe, expect, it } from "vitest";
import {
  boolVal,
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
import { convert, getConversion, getConversionUnsafe, tryConvert } from "./convert.js";
import { CtyConversionError } from "./convert-error.js";
import { rawEquals } from "./equality.js";
import { CtyNum } from "./number.js";
import { ObjectAttrs } from "./object-attrs.js";
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
const n = (x: number | string) => numberVal(x);
const int = (x: number) => numberVal(CtyNum.fromInt64(BigInt(x)));

function show(v: CtyValue): string {
  if (!v.isKnown) return `unknown(${typeString(v.type)})`;
  if (v.isNull) return `null(${typeString(v.type)})`;
  if (Array.isArray(v.raw)) return `${typeString(v.type)}[${(v.raw as CtyValue[]).map(show).join(", ")}]`;
  if (v.raw instanceof Map || v.raw instanceof ObjectAttrs)
    return `${typeString(v.type)}{${[...v.raw].map(([k, e]) => `${k}=${show(e as CtyValue)}`).join(", ")}}`;
  return `${String(v.raw)}`;
}

/** Converts (unsafe, as go-cty's Convert) and checks the exact result. */
function expectConverts(value: CtyValue, type: CtyType, want: CtyValue): void {
  const got = convert(value, type);
  expect(
    rawEquals(got, want),
    `${show(value)} → ${typeString(type)}: got ${show(got)}, want ${show(want)}`,
  ).toBe(true);
}

/** Converts (unsafe) and checks the error's exact message and path text. */
function expectFails(value: CtyValue, type: CtyType, message: string, path = "(root)"): void {
  const r = tryConvert(value, type);
  expect(r.ok, `${show(value)} → ${typeString(type)} should fail`).toBe(false);
  if (r.ok) return;
  expect(r.error).toBeInstanceOf(CtyConversionError);
  expect(r.error.message).toBe(message);
  expect(r.error.path.length === 0 ? "(root)" : r.error.detail.slice(0, -(message.length + 2))).toBe(path);
}

describe("primitive conversions", () => {
  it("string → number parses like go-cty's ParseNumberVal (unsafe)", () => {
    expectConverts(s("1"), CtyNumber, int(1));
    expectConverts(s("1.5"), CtyNumber, n(1.5));
    expectConverts(s("-12e3"), CtyNumber, int(-12000));
    expectFails(s("hello"), CtyNumber, "a number is required");
    expectFails(s(""), CtyNumber, "a number is required");
    expectFails(s(" 1"), CtyNumber, "a number is required");
  });

  it("string → bool accepts true/1/false/0 and hints at capitalisation", () => {
    expectConverts(s("true"), CtyBool, True);
    expectConverts(s("1"), CtyBool, True);
    expectConverts(s("false"), CtyBool, False);
    expectConverts(s("0"), CtyBool, False);
    expectFails(s("hello"), CtyBool, "a bool is required");
    expectFails(s("TRUE"), CtyBool, 'a bool is required; to convert from string, use lowercase "true"');
    expectFails(s("False"), CtyBool, 'a bool is required; to convert from string, use lowercase "false"');
    expectFails(s("yes"), CtyBool, "a bool is required");
  });

  it("number and bool → string (safe)", () => {
    expectConverts(int(4), CtyString, s("4"));
    expectConverts(numberVal(CtyNum.fromFloat64(1.23456789012)), CtyString, s("1.23456789012"));
    expectConverts(numberVal(CtyNum.parse("1e30")), CtyString, s("1000000000000000000000000000000"));
    expectConverts(numberVal(CtyNum.parse("0.1")), CtyString, s("0.1"));
    expectConverts(True, CtyString, s("true"));
    expectConverts(False, CtyString, s("false"));
  });

  it("string → number/bool are unsafe: refused by getConversion and by convert({unsafe:false})", () => {
    expect(getConversion(CtyString, CtyNumber)).toBeUndefined();
    expect(getConversion(CtyString, CtyBool)).toBeUndefined();
    expect(getConversionUnsafe(CtyString, CtyNumber)).toBeDefined();
    expect(getConversion(CtyNumber, CtyString)).toBeDefined();
    expect(getConversion(CtyBool, CtyString)).toBeDefined();
    const r = tryConvert(s("1"), CtyNumber, { unsafe: false });
    expect(r.ok ? "ok" : r.error.message).toBe("number required");
  });

  it("number ↔ bool never convert", () => {
    expect(getConversionUnsafe(CtyNumber, CtyBool)).toBeUndefined();
    expect(getConversionUnsafe(CtyBool, CtyNumber)).toBeUndefined();
    expectFails(True, CtyNumber, "number required, but have bool");
    expectFails(int(1), CtyBool, "bool required, but have number");
  });

  it("a type converts to itself: convert returns the same value, getConversion the identity", () => {
    const v = s("x");
    expect(convert(v, CtyString)).toBe(v);
    expect(getConversion(CtyString, CtyString)?.(v)).toBe(v);
  });

  it("DynamicVal converts (unsafely) to an unknown of the target type", () => {
    expectConverts(DynamicVal, CtyString, unknownVal(CtyString));
    expect(getConversion(CtyDynamic, CtyString)).toBeUndefined();
  });

  it("anything converts to dynamic unchanged", () => {
    const v = s("hello");
    expect(convert(v, CtyDynamic)).toBe(v);
    const l = listVal([int(1)]);
    expect(convert(l, CtyDynamic)).toBe(l);
  });
});

describe("lists and sets", () => {
  it("converts list elements", () => {
    expectConverts(listVal([int(5), int(10)]), CtyList(CtyString), listVal([s("5"), s("10")]));
    expectConverts(listVal([int(5), int(10)]), CtyList(CtyDynamic), listVal([int(5), int(10)]));
    expectFails(listVal([s("5"), s("x")]), CtyList(CtyNumber), "a number is required", "[1]");
  });

  it("set → list follows the set's canonical order", () => {
    expectConverts(setVal([s("5"), s("10")]), CtyList(CtyString), listVal([s("10"), s("5")]));
    expectConverts(setVal([int(5), int(10)]), CtyList(CtyString), listVal([s("5"), s("10")]));
    expectConverts(setVal([s("5"), s("10")]), CtyList(CtyDynamic), listVal([s("10"), s("5")]));
  });

  it("set with unknowns → list: unknown list unless the set has one element", () => {
    expectConverts(
      setVal([s("5"), unknownVal(CtyString)]),
      CtyList(CtyString),
      unknownVal(CtyList(CtyString)),
    );
    expectConverts(setVal([unknownVal(CtyString)]), CtyList(CtyString), listVal([unknownVal(CtyString)]));
    // go-cty answers with the source element type in this corner.
    expectConverts(
      setVal([s("5"), unknownVal(CtyString)]),
      CtyList(CtyNumber),
      unknownVal(CtyList(CtyString)),
    );
  });

  it("list → set merges duplicates and is unsafe", () => {
    expectConverts(listVal([int(5), int(10), int(10)]), CtySet(CtyString), setVal([s("5"), s("10")]));
    expect(getConversion(CtyList(CtyString), CtySet(CtyString))).toBeUndefined();
    expect(getConversion(CtySet(CtyString), CtyList(CtyString))).toBeDefined();
    expectConverts(
      setVal([s("5"), unknownVal(CtyString)]),
      CtySet(CtyNumber),
      setVal([int(5), unknownVal(CtyNumber)]),
    );
  });

  it("empty collections take the element type, or the source's when the target is dynamic", () => {
    expectConverts(listVal([], CtyString), CtySet(CtyDynamic), setVal([], CtyString));
    expectConverts(setVal([], CtyString), CtyList(CtyDynamic), listVal([], CtyString));
    expectConverts(listVal([], CtyNumber), CtyList(CtyString), listVal([], CtyString));
    expectConverts(
      listVal([], CtyObject({ a: CtyString })),
      CtyList(CtyObject({ a: CtyString }, ["a"])),
      listVal([], CtyObject({ a: CtyString })),
    );
  });

  it("null elements lose optional-attribute markers", () => {
    const want = CtyObject({ a: CtyString, b: CtyNumber }, ["b"]);
    const got = convert(listVal([nullVal(CtyObject({ a: CtyString }))]), CtyList(want));
    expect(typeString(got.type)).toBe("list(object({a=string,b=number}))");
  });
});

describe("tuples", () => {
  it("tuple → list/set converts each element to the element type", () => {
    expectConverts(tupleVal([int(5), s("hello")]), CtyList(CtyString), listVal([s("5"), s("hello")]));
    expectConverts(tupleVal([int(5), s("12")]), CtyList(CtyNumber), listVal([int(5), int(12)]));
    expectConverts(tupleVal([int(5), s("hello")]), CtySet(CtyString), setVal([s("5"), s("hello")]));
    expectConverts(emptyTupleVal, CtyList(CtyString), listVal([], CtyString));
    expectConverts(emptyTupleVal, CtySet(CtyNumber), setVal([], CtyNumber));
  });

  it("tuple → list/set of dynamic unifies the element types", () => {
    expectConverts(tupleVal([int(5), int(10)]), CtyList(CtyDynamic), listVal([int(5), int(10)]));
    expectConverts(tupleVal([int(5), s("hello")]), CtyList(CtyDynamic), listVal([s("5"), s("hello")]));
    expectConverts(tupleVal([int(5), s("hello")]), CtySet(CtyDynamic), setVal([s("5"), s("hello")]));
    expectFails(tupleVal([int(5), True]), CtyList(CtyDynamic), "all list elements must have the same type");
    expectFails(tupleVal([int(5), True]), CtySet(CtyDynamic), "all set elements must have the same type");
    expectFails(
      tupleVal([emptyObjectVal, emptyTupleVal]),
      CtyList(CtyDynamic),
      "all list elements must have the same type",
    );
  });

  it("tuple elements of different object shapes unify to maps", () => {
    const v = tupleVal([
      objectVal({ x: tupleVal([s("foo")]) }),
      objectVal({ x: tupleVal([s("foo"), s("bar")]) }),
    ]);
    expectConverts(
      v,
      CtyList(CtyMap(CtyDynamic)),
      listVal([mapVal({ x: listVal([s("foo")]) }), mapVal({ x: listVal([s("foo"), s("bar")]) })]),
    );
  });

  it("tuple → tuple needs the same length and element conversions", () => {
    expectConverts(tupleVal([int(1), True]), CtyTuple([CtyString, CtyString]), tupleVal([s("1"), s("true")]));
    expectFails(tupleVal([int(1)]), CtyTuple([CtyString, CtyString]), "tuple required");
    expectFails(tupleVal([s("x")]), CtyTuple([CtyNumber]), "a number is required", "[0]");
    expect(getConversion(CtyTuple([CtyString]), CtyTuple([CtyNumber]))).toBeUndefined();
  });

  it("a list never converts to a tuple", () => {
    expect(getConversionUnsafe(CtyList(CtyString), CtyTuple([CtyString]))).toBeUndefined();
    expectFails(listVal([s("a")]), CtyTuple([CtyString]), "tuple required");
  });
});

describe("maps and objects", () => {
  it("object → map converts attributes (safe)", () => {
    expectConverts(
      objectVal({ num: int(5), str: s("hello") }),
      CtyMap(CtyString),
      mapVal({ num: s("5"), str: s("hello") }),
    );
    expectConverts(
      objectVal({ num: int(5), str: s("12") }),
      CtyMap(CtyNumber),
      mapVal({ num: int(5), str: int(12) }),
    );
    expectConverts(emptyObjectVal, CtyMap(CtyString), mapVal([], CtyString));
    expect(getConversion(CtyObject({ a: CtyNumber }), CtyMap(CtyString))).toBeDefined();
  });

  it("object → map of dynamic unifies attribute types", () => {
    expectConverts(
      objectVal({ num1: int(5), num2: int(10) }),
      CtyMap(CtyDynamic),
      mapVal({ num1: int(5), num2: int(10) }),
    );
    expectConverts(
      objectVal({ num: int(5), str: s("hello") }),
      CtyMap(CtyDynamic),
      mapVal({ num: s("5"), str: s("hello") }),
    );
    expectConverts(
      objectVal({ list: listVal([], CtyBool), tuple: emptyTupleVal }),
      CtyMap(CtyDynamic),
      mapVal({ list: listVal([], CtyBool), tuple: listVal([], CtyBool) }),
    );
    expectConverts(
      objectVal({ map: mapVal([], CtyString), obj: emptyObjectVal }),
      CtyMap(CtyDynamic),
      mapVal({ map: mapVal([], CtyString), obj: mapVal([], CtyString) }),
    );
    expectFails(
      objectVal({ num: int(5), bool: True }),
      CtyMap(CtyDynamic),
      "all map elements must have the same type",
    );
  });

  it("map → map converts elements, with key paths", () => {
    expectConverts(mapVal({ a: int(1) }), CtyMap(CtyString), mapVal({ a: s("1") }));
    expectConverts(mapVal({ greeting: s("Hello") }), CtyMap(CtyDynamic), mapVal({ greeting: s("Hello") }));
    expectFails(mapVal({ a: s("1"), b: s("x") }), CtyMap(CtyNumber), "a number is required", '["b"]');
  });

  it("map → object (unsafe) picks the attributes and drops extra keys", () => {
    const t = CtyObject({ name: CtyString });
    expectConverts(mapVal({ greeting: s("Hello"), name: s("John") }), t, objectVal({ name: s("John") }));
    expect(getConversion(CtyMap(CtyString), t)).toBeUndefined();
    expectFails(
      mapVal({ name: s("John") }),
      CtyObject({ name: CtyString, greeting: CtyString }),
      'map has no element for required attribute "greeting"',
    );
    expectFails(
      mapVal({ greeting: s("Hello"), name: s("John") }),
      CtyObject({ greeting: CtyList(CtyString), name: CtyString }),
      "object required",
    );
  });

  it("map → object fills optional attributes with null and checks incompatible optional ones", () => {
    const t = CtyObject({ a: CtyString, b: CtyString, c: CtyDynamic }, ["b", "c"]);
    expectConverts(
      mapVal({ a: s("boop") }),
      t,
      objectVal({ a: s("boop"), b: nullVal(CtyString), c: nullVal(CtyDynamic) }),
    );
    const t2 = CtyObject({ a: CtyString, b: CtyString, c: CtyObject({ d: CtyString }) }, ["b", "c"]);
    expectConverts(
      mapVal({ a: s("boop") }),
      t2,
      objectVal({ a: s("boop"), b: nullVal(CtyString), c: nullVal(CtyObject({ d: CtyString })) }),
    );
    expectFails(
      mapVal({ a: s("boop"), c: s("foobar") }),
      t2,
      'map element type is incompatible with attribute "c": object required, but have string',
    );
  });

  it("object → object: subsets convert, missing attributes are reported", () => {
    expectConverts(
      objectVal({ foo: s("a"), bar: True }),
      CtyObject({ foo: CtyString }),
      objectVal({ foo: s("a") }),
    );
    expectConverts(objectVal({ foo: True }), CtyObject({}), emptyObjectVal);
    expectFails(emptyObjectVal, CtyObject({ foo: CtyString }), 'attribute "foo" is required');
    expectFails(
      emptyObjectVal,
      CtyObject({ foo: CtyString, baz: CtyString }),
      'attributes "baz" and "foo" are required',
    );
    expectFails(
      emptyObjectVal,
      CtyObject({ foo: CtyString, bar: CtyString, baz: CtyString }),
      'attributes "bar", "baz", and "foo" are required',
    );
    expectFails(
      objectVal({ foo: True }),
      CtyObject({ foo: CtyNumber }),
      'attribute "foo": number required, but have bool',
    );
    expectFails(objectVal({ foo: s("x") }), CtyObject({ foo: CtyNumber }), "a number is required", "foo");
  });

  it("object → object with optional attributes fills nulls without optional markers", () => {
    const t = CtyObject({ a: CtyString, b: CtyObject({ x: CtyString, y: CtyNumber }, ["y"]) }, ["b"]);
    expectConverts(
      objectVal({ a: s("x") }),
      t,
      objectVal({ a: s("x"), b: nullVal(CtyObject({ x: CtyString, y: CtyNumber })) }),
    );
    expectConverts(
      objectVal({ a: s("x"), b: objectVal({ x: s("1") }) }),
      t,
      objectVal({ a: s("x"), b: objectVal({ x: s("1"), y: nullVal(CtyNumber) }) }),
    );
    expectFails(objectVal({ b: nullVal(CtyDynamic) }), t, 'attribute "a" is required');
  });

  it("nested failures report where they happened", () => {
    const v = objectVal({
      a: objectVal({ x: nullVal(CtyDynamic) }),
      b: objectVal({ x: objectVal({ c: int(1), d: int(2) }) }),
    });
    expectFails(
      v,
      CtyMap(CtyMap(CtyObject({ x: CtyMap(CtyDynamic) }))),
      'element "b": element "x": attribute "x" is required',
    );
    expectFails(
      objectVal({ list: listVal([objectVal({ n: s("1") }), objectVal({ n: s("z") })]) }),
      CtyObject({ list: CtyList(CtyObject({ n: CtyNumber })) }),
      "a number is required",
      "list[1].n",
    );
  });
});

describe("tryConvert", () => {
  it("returns the value or the error instead of throwing", () => {
    const ok = tryConvert(s("7"), CtyNumber);
    expect(ok.ok && rawEquals(ok.value, int(7))).toBe(true);
    const bad = tryConvert(listVal([True]), CtyList(CtyNumber));
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.error.message).toBe("incorrect list element type: number required, but have bool");
  });

  it("reports missing conversions for wholly different kinds", () => {
    expectFails(s("a"), CtyList(CtyString), "list of string required, but have string");
    expectFails(listVal([s("a")]), CtyString, "string required, but have list of string");
    expectFails(boolVal(true), CtyObject({}), "object required, but have bool");
    const safe = tryConvert(DynamicVal, CtyString, { unsafe: false });
    expect(safe.ok ? "ok" : safe.error.message).toBe("string required, but have dynamic");
  });
});

describe("bad input", () => {
  it("gets a TypeError naming the problem, not a crash", () => {
    expect(() => convert("x" as never, CtyString)).toThrow(
      /the value to convert must be a CtyValue, got string/,
    );
    expect(() => convert(s("x"), { kind: "nope" } as never)).toThrow(/the target type must be a cty type/);
    expect(() => tryConvert(s("x"), undefined as never)).toThrow(TypeError);
    expect(() => getConversion(null as never, CtyString)).toThrow(
      /the source type must be a cty type .*, got null/,
    );
    expect(() => getConversion(CtyNumber, CtyString)!(5 as never)).toThrow(/must be a CtyValue, got number/);
  });
});

import { describe, expect, it } from "vitest";
import { mismatchMessage } from "./convert-mismatch.js";
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
} from "./types.js";

const Empty = CtyObject({});
const foo = CtyObject({ foo: CtyString });

describe("mismatchMessage", () => {
  const cases: [string, CtyType, CtyType, string][] = [
    ["primitive kinds", CtyBool, CtyNumber, "number required, but have bool"],
    ["number to bool", CtyNumber, CtyBool, "bool required, but have number"],
    ["to string", CtyList(CtyString), CtyString, "string required, but have list of string"],
    ["string to number stays vague", CtyString, CtyNumber, "number required"],
    ["string to bool stays vague", CtyString, CtyBool, "bool required"],
    ["primitive to collection", CtyString, CtyList(CtyString), "list of string required, but have string"],
    ["dynamic got", CtyDynamic, CtyNumber, "number required, but have dynamic"],
    ["one missing attribute", Empty, foo, 'attribute "foo" is required'],
    [
      "two missing attributes",
      Empty,
      CtyObject({ foo: CtyString, bar: CtyString }),
      'attributes "bar" and "foo" are required',
    ],
    [
      "three missing attributes",
      Empty,
      CtyObject({ foo: CtyString, bar: CtyString, baz: CtyString }),
      'attributes "bar", "baz", and "foo" are required',
    ],
    [
      "optional attributes may be missing",
      CtyObject({ a: CtyBool }),
      CtyObject({ a: CtyNumber, b: CtyString }, ["b"]),
      'attribute "a": number required, but have bool',
    ],
    [
      "attribute names are Go-quoted",
      Empty,
      CtyObject({ 'a"b\n': CtyString }),
      'attribute "a\\"b\\n" is required',
    ],
    [
      "object to list",
      Empty,
      CtyList(CtyObject({ foo: CtyString, bar: CtyString, baz: CtyString })),
      "list of object required",
    ],
    [
      "list element type",
      CtyList(CtyString),
      CtyList(foo),
      "incorrect list element type: object required, but have string",
    ],
    [
      "list element attribute",
      CtyList(Empty),
      CtyList(foo),
      'incorrect list element type: attribute "foo" is required',
    ],
    ["tuple element", CtyTuple([Empty]), CtyList(foo), 'element 0: attribute "foo" is required'],
    [
      "set element type",
      CtyList(Empty),
      CtySet(foo),
      'incorrect set element type: attribute "foo" is required',
    ],
    ["tuple to set element", CtyTuple([Empty]), CtySet(foo), 'element 0: attribute "foo" is required'],
    [
      "map element type",
      CtyMap(Empty),
      CtyMap(foo),
      'incorrect map element type: attribute "foo" is required',
    ],
    [
      "object to map element",
      CtyObject({ boop: Empty }),
      CtyMap(foo),
      'element "boop": attribute "foo" is required',
    ],
    [
      "tuple to list of dynamic",
      CtyTuple([Empty, CtyTuple([])]),
      CtyList(CtyDynamic),
      "all list elements must have the same type",
    ],
    [
      "tuple to set of dynamic",
      CtyTuple([CtyBool, CtyNumber]),
      CtySet(CtyDynamic),
      "all set elements must have the same type",
    ],
    [
      "object to map of dynamic",
      CtyObject({ a: CtyBool, b: CtyNumber }),
      CtyMap(CtyDynamic),
      "all map elements must have the same type",
    ],
    ["map to list", CtyMap(CtyString), CtyList(CtyString), "list of string required"],
    ["list to map", CtyList(CtyString), CtyMap(CtyString), "map of string required"],
    ["set of any single type", CtyMap(CtyString), CtySet(CtyDynamic), "set of any single type required"],
    [
      "collection to collection with dynamic element",
      CtyMap(CtyString),
      CtyList(CtyList(CtyDynamic)),
      "list of list of any single type required",
    ],
    ["tuple to map", CtyTuple([CtyString]), CtyMap(CtyString), "map of string required"],
    ["object to list", CtyObject({ a: CtyString }), CtyList(CtyString), "list of string required"],
    ["tuple to object", CtyTuple([]), foo, "object required, but have tuple"],
    ["tuple to tuple", CtyTuple([CtyString]), CtyTuple([]), "tuple required"],
    ["object to tuple", foo, CtyTuple([]), "tuple required"],
    [
      "nested attribute",
      CtyObject({ foo: CtyBool, bar: CtyString, baz: CtyObject({ boop: CtyNumber }) }),
      CtyObject({ foo: CtyBool, bar: CtyString, baz: CtyObject({ boop: CtyNumber, beep: CtyBool }) }),
      'attribute "baz": attribute "beep" is required',
    ],
    [
      "an attribute no conversion fixes wins over one only unsafe conversion fixes",
      CtyObject({ a: CtyString, b: CtyBool }),
      CtyObject({ a: CtyNumber, b: CtyNumber }),
      'attribute "b": number required, but have bool',
    ],
    [
      "element nested under structure",
      CtyTuple([CtyString, CtyList(CtyBool)]),
      CtyList(CtyList(CtyNumber)),
      "element 0: list of number required, but have string",
    ],
  ];
  it.each(cases)("%s", (_, got, want, message) => {
    expect(mismatchMessage(got, want)).toBe(message);
  });

  it("reports the first of several failing attributes in name order", () => {
    expect(
      mismatchMessage(CtyObject({ b: CtyBool, a: CtyBool }), CtyObject({ a: CtyNumber, b: CtyNumber })),
    ).toBe('attribute "a": number required, but have bool');
    expect(mismatchMessage(CtyObject({ b: CtyBool, a: CtyBool }), CtyMap(CtyNumber))).toBe(
      'element "a": number required, but have bool',
    );
  });
});

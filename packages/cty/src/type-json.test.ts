/** Type JSON vectors (as go-cty writes them) and malformed type descriptions. */
import { describe, expect, it } from "vitest";
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
  CtyTypeJSONError,
  typeEquals,
  typeFromJSON,
  typeToJSON,
} from "./index.js";

describe("typeToJSON", () => {
  it.each([
    [CtyString, '"string"'],
    [CtyNumber, '"number"'],
    [CtyBool, '"bool"'],
    [CtyDynamic, '"dynamic"'],
    [CtyList(CtyString), '["list","string"]'],
    [CtySet(CtyMap(CtyNumber)), '["set",["map","number"]]'],
    [CtyObject({ b: CtyString, a: CtyNumber }), '["object",{"a":"number","b":"string"}]'],
    [CtyObject({ a: CtyString, b: CtyBool }, ["b"]), '["object",{"a":"string","b":"bool"},["b"]]'],
    [
      CtyObject({ "<&>": CtyString, "😀": CtyBool, "\uffff": CtyNumber }),
      '["object",{"\\u003c\\u0026\\u003e":"string","\uffff":"number","😀":"bool"}]',
    ],
    [CtyTuple([CtyString, CtyDynamic]), '["tuple",["string","dynamic"]]'],
    [CtyTuple([]), '["tuple",[]]'],
    [CtyObject({}), '["object",{}]'],
  ])("%j", (type, json) => {
    expect(typeToJSON(type)).toBe(json);
    expect(typeEquals(typeFromJSON(json), type)).toBe(true);
  });

  it("refuses capsule types", () => {
    expect(() => typeToJSON(CtyCapsule("thing"))).toThrow(CtyTypeJSONError);
  });
});

describe("typeFromJSON", () => {
  it("accepts parsed JSON, bytes and bare primitive names", () => {
    expect(typeEquals(typeFromJSON(["map", ["list", "bool"]]), CtyMap(CtyList(CtyBool)))).toBe(true);
    expect(typeEquals(typeFromJSON(new TextEncoder().encode('["set","string"]')), CtySet(CtyString))).toBe(
      true,
    );
    expect(typeFromJSON("number")).toBe(CtyNumber);
  });

  it("normalises attribute names to NFC, treats null lists as empty, lets later duplicates win", () => {
    const t = typeFromJSON('["object",{"e\\u0301":"string","a":"bool","a":"number"},null]');
    expect(typeToJSON(t)).toBe('["object",{"a":"number","é":"string"}]');
    expect(typeToJSON(typeFromJSON('["object",null]'))).toBe('["object",{}]');
    expect(typeToJSON(typeFromJSON('["tuple",null]'))).toBe('["tuple",null]'); // as go-cty, which keeps the nil list
  });

  it("allows only a closing bracket or brace after the type, as go-cty's decoder", () => {
    expect(typeToJSON(typeFromJSON('["list","string"]]'))).toBe('["list","string"]');
    expect(typeToJSON(typeFromJSON('"bool" }'))).toBe('"bool"');
    expect(() => typeFromJSON('["list","string"] x')).toThrow(/extraneous data/);
    expect(() => typeFromJSON('"bool",')).toThrow(/extraneous data/);
  });

  it.each([
    ['"strin"', /invalid primitive type name/],
    ["[]", /kind name/],
    ['["list"]', /incomplete/],
    ['["list","string","string"]', /extra data/],
    ['["foo","string"]', /invalid complex type kind name/],
    ['["object",{"a":"string"},["b"]]', /undeclared attribute "b"/],
    ['["object",["a"]]', /must be a JSON object/],
    ['["list",null]', /invalid type description/],
    ["{", /invalid type JSON/],
    [`${'["list",'.repeat(10_001)}"string"${"]".repeat(10_001)}`, /nested too deeply/],
  ])("rejects %s", (json, message) => {
    expect(() => typeFromJSON(json)).toThrow(message);
    expect(() => typeFromJSON(json)).toThrow(CtyTypeJSONError);
  });
});

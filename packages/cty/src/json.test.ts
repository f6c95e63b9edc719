/**
 * Fixed JSON vectors (each checked against go-cty v1.20.0 through the oracle) and malformed input.
 */
import { describe, expect, it } from "vitest";
import {
  CtyBool,
  CtyCodecError,
  CtyDynamic,
  CtyList,
  CtyMap,
  CtyNum,
  CtyNumber,
  CtyObject,
  CtySet,
  CtyString,
  CtyTuple,
  type CtyType,
  decodeJSON,
  encodeJSON,
  listVal,
  mark,
  nullVal,
  numberVal,
  objectVal,
  Sensitive,
  setVal,
  stringVal,
  True,
  unknownVal,
} from "./index.js";

const roundtrip = (text: string, t: CtyType) => encodeJSON(decodeJSON(text, t), t);

function codecError(f: () => unknown): CtyCodecError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CtyCodecError);
    return e as CtyCodecError;
  }
  throw new Error("expected a CtyCodecError");
}

describe("JSON encoding (go-cty)", () => {
  it("writes numbers in full precision without exponents", () => {
    expect(encodeJSON(numberVal("1e-400"), CtyNumber)).toBe(`0.${"0".repeat(399)}1`);
    expect(encodeJSON(numberVal(1e21), CtyNumber)).toBe(`1${"0".repeat(21)}`);
    expect(encodeJSON(numberVal("0.1"), CtyNumber)).toBe("0.1");
    expect(encodeJSON(numberVal(0.1), CtyNumber)).toBe("0.1");
    expect(encodeJSON(numberVal(-0), CtyNumber)).toBe("-0");
    expect(encodeJSON(numberVal(9223372036854775808n), CtyNumber)).toBe("9223372036854775808");
  });

  it("escapes strings as Go's encoding/json", () => {
    expect(encodeJSON(stringVal('<a&>"\\\u2028\b\f\n\r\t\u0001\u007f😀'), CtyString)).toBe(
      '"\\u003ca\\u0026\\u003e\\"\\\\\\u2028\\b\\f\\n\\r\\t\\u0001\u007f😀"',
    );
  });

  it("sorts attributes, wraps dynamic values and keeps set order", () => {
    const t = CtyObject({ z: CtyDynamic, a: CtySet(CtyString), m: CtyMap(CtyBool) });
    const v = objectVal({
      z: listVal([numberVal(1)]),
      a: setVal([stringVal("b"), stringVal("a")]),
      m: nullVal(CtyMap(CtyBool)),
    });
    const json = encodeJSON(v, t);
    expect(json).toBe('{"a":["a","b"],"m":null,"z":{"value":[1],"type":["list","number"]}}');
    expect(roundtrip(json, t)).toBe(json);
  });

  it("refuses unknown, marked and infinite values with their path", () => {
    const t = CtyObject({ a: CtyList(CtyString) });
    const unknown = codecError(() => encodeJSON(objectVal({ a: listVal([unknownVal(CtyString)]) }), t));
    expect(unknown.message).toBe("a[0]: value is not known");
    const marked = codecError(() =>
      encodeJSON(objectVal({ a: mark(listVal([stringVal("x")]), Sensitive) }), t),
    );
    expect(marked.reason).toMatch(/marks/);
    expect(codecError(() => encodeJSON(numberVal(CtyNum.infinity(false)), CtyNumber)).message).toMatch(
      /infinity/,
    );
  });
});

describe("JSON decoding (go-cty leniency)", () => {
  it.each([
    ["number from a string", '"1e3"', CtyNumber, "1000"],
    [
      "number keeps its precision",
      "123456789012345678901234567890.25",
      CtyNumber,
      "123456789012345678901234567890.25",
    ],
    ['bool from "1"', '"1"', CtyBool, "true"],
    ['bool from "false"', '"false"', CtyBool, "false"],
    ["string from a number keeps its text", "1.50", CtyString, '"1.50"'],
    ["string from a bool", "true", CtyString, '"true"'],
    ["string is NFC-normalised", '"\\u0065\\u0301"', CtyString, '"é"'],
    ["lone surrogate escape becomes U+FFFD", '"\\ud800x"', CtyString, '"\ufffdx"'],
    [
      "duplicate attribute: the last wins; missing ones are null",
      '{"a":"x","a":"y"}',
      CtyObject({ a: CtyString, b: CtyNumber }),
      '{"a":"y","b":null}',
    ],
    [
      "duplicate map keys: the last wins",
      '{"b":"1","a":"2","a":"3"}',
      CtyMap(CtyString),
      '{"a":"3","b":"1"}',
    ],
    ["data after the value is ignored", "[1,2] ]", CtyList(CtyNumber), "[1,2]"],
    [
      "dynamic with keys in any order",
      '{"type":"number","value":"1"}',
      CtyDynamic,
      '{"value":1,"type":"number"}',
    ],
    ["dynamic null", "null", CtyDynamic, "null"],
    [
      "typed null in a dynamic slot",
      '{"value":null,"type":"string"}',
      CtyDynamic,
      '{"value":null,"type":"string"}',
    ],
    ["set de-duplicates", '["b","a","b"]', CtySet(CtyString), '["a","b"]'],
    ["an unpaired surrogate in the text is U+FFFD", '"a\ud800b"', CtyString, '"a\ufffdb"'],
    ["a number followed by other data", "21x", CtyNumber, "21"],
    ["a fraction followed by a dot", "0.5.5", CtyNumber, "0.5"],
  ])("%s", (_name, input, type, expected) => {
    expect(roundtrip(input, type)).toBe(expected);
  });

  it("decodes numbers exactly, never through a JS number", () => {
    const v = decodeJSON("9007199254740993", CtyNumber);
    expect((v.raw as CtyNum).text()).toBe("9007199254740993");
  });
});

describe("malformed JSON", () => {
  it.each([
    ["empty", "", CtyString, /invalid JSON/],
    ["unterminated string", '"abc', CtyString, /unterminated/],
    ["bad literal", "nul", CtyString, /invalid/],
    ["wrong kind", "[1]", CtyString, /string is required/],
    ["not a number", '"abc"', CtyNumber, /a number is required/],
    ["uppercase bool", '"True"', CtyBool, /use lowercase "true"/],
    ["unsupported attribute", '{"nope":1}', CtyObject({ a: CtyString }), /unsupported attribute "nope"/],
    ["too many tuple elements", '["a","b"]', CtyTuple([CtyString]), /too many tuple elements/],
    ["not enough tuple elements", "[]", CtyTuple([CtyString]), /not enough tuple elements/],
    ["dynamic without type", '{"value":1}', CtyDynamic, /missing type/],
    ["dynamic without value", '{"type":"string"}', CtyDynamic, /missing value/],
    ["dynamic with an extra key", '{"type":"string","value":"x","x":1}', CtyDynamic, /invalid key "x"/],
    [
      "dynamic with an invalid type",
      '{"type":"strin","value":"x"}',
      CtyDynamic,
      /invalid primitive type name/,
    ],
    ["control character in a string", '"a\u0001"', CtyString, /control character/],
    ["a number cut in its exponent", "21e", CtyNumber, /malformed number/],
    ["an integer followed by a dot", "21.x", CtyNumber, /malformed number/],
  ])("%s", (_name, input, type, message) => {
    expect(codecError(() => decodeJSON(input as string, type as CtyType)).message).toMatch(message as RegExp);
  });

  it("reports the path of a nested failure", () => {
    const t = CtyObject({ a: CtyMap(CtyNumber) });
    const e = codecError(() => decodeJSON('{"a":{"k":true}}', t));
    expect(e.path).toEqual([
      { kind: "attr", name: "a" },
      { kind: "key", key: "k" },
    ]);
  });

  it("stops deeply nested input without exhausting the stack", () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    expect(codecError(() => decodeJSON(deep, CtyList(CtyString))).message).toMatch(/nested too deeply/);
    const dyn = `${'{"type":"dynamic","value":'.repeat(5000)}null${"}".repeat(5000)}`;
    expect(codecError(() => decodeJSON(dyn, CtyDynamic)).message).toMatch(/nested more than 1000 levels/);
  });

  it("round-trips a value through JSON", () => {
    const t = CtyObject({ n: CtyNumber, d: CtyDynamic, s: CtyString });
    const v = objectVal({
      n: numberVal("3.14159265358979323846264338327950288"),
      d: True,
      s: stringVal("x"),
    });
    const json = encodeJSON(v, t);
    expect(json).toBe('{"d":{"value":true,"type":"bool"},"n":3.14159265358979323846264338327950288,"s":"x"}');
    expect(encodeJSON(decodeJSON(json, t), t)).toBe(json);
  });
});

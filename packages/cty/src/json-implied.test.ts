/**
 * impliedType vectors, each answer taken from go-cty v1.20.0's json.ImpliedType. The generated
 * comparison against go-cty itself is in test/oracle.test.ts.
 */
import { describe, expect, it } from "vitest";
import { CtyCodecError, impliedType, typeToJSON } from "./index.js";

const implied = (s: string) => typeToJSON(impliedType(s));

describe("impliedType", () => {
  it.each([
    [
      '{"a":1,"b":[1,"x",null,true,{}]}',
      '["object",{"a":"number","b":["tuple",["number","string","dynamic","bool",["object",{}]]]}]',
    ],
    ['{"a":1,"a":2}', '["object",{"a":"number"}]'],
    ["{} ]", '["object",{}]'],
    ["[]", '["tuple",[]]'],
    ["null", '"dynamic"'],
    ['  "s"\n', '"string"'],
    ["1e99999999", '"number"'],
  ])("%s is %s", (doc, type) => {
    expect(implied(doc)).toBe(type);
    expect(typeToJSON(impliedType(new TextEncoder().encode(doc)))).toBe(type);
  });

  it.each([
    ['{"a":1,"a":"x"}', 'duplicate "a" property in JSON object'],
    ['[{"b":[],"b":{}}]', 'duplicate "b" property in JSON object'],
    ['{"a":{"a":1,"a":true}}', 'duplicate "a" property in JSON object'],
    ["1 x", "extraneous data after JSON object"],
    ['{"é":1,"e\\u0301":"x"}', 'multiple attributes that normalize to "é"'],
  ])("%s is refused: %s", (doc, message) => {
    expect(() => impliedType(doc)).toThrow(CtyCodecError);
    expect(() => impliedType(doc)).toThrow(message);
  });

  it("refuses malformed JSON with a CtyCodecError", () => {
    for (const doc of ["", "{", '{"a":}', "[1,]", "tru"])
      expect(() => impliedType(doc)).toThrow(CtyCodecError);
  });

  it("reports the duplicate go-cty meets first while reading the document", () => {
    // The inner duplicate is complete before the outer one's value is.
    expect(() => impliedType('{"x":1,"x":{"y":1,"y":"s"}}')).toThrow('duplicate "y" property');
    expect(() => impliedType('{"x":1,"x":"s","y":{"z":1,"z":"s"}}')).toThrow('duplicate "x" property');
  });

  it("handles documents nested thousands deep without exhausting the stack", () => {
    const n = 9000;
    expect(implied(`${"[".repeat(n)}${"]".repeat(n)}`).startsWith('["tuple",[["tuple",')).toBe(true);
  });
});

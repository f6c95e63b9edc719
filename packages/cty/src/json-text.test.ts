import { describe, expect, it } from "vitest";
import { JsonSyntaxError, jsonNodeText, parseJSONText } from "./index.js";

describe("exact JSON text", () => {
  it("keeps numbers as written through a parse and a write", () => {
    const text =
      '{"a":[1,2.5e3,-0.1,[]],"b":{"c":123456789012345678901234567890,"d":{}},"s":"x\\"y","n":null,"t":true,"f":false}';
    expect(jsonNodeText(parseJSONText(text))).toBe(text);
  });

  it("keeps 2^53+1 and a decimal finer than float64", () => {
    const node = parseJSONText("[9007199254740993, 0.1000000000000000055511151231257827]");
    expect(node).toEqual({
      k: "arr",
      items: [
        { k: "num", v: "9007199254740993" },
        { k: "num", v: "0.1000000000000000055511151231257827" },
      ],
    });
    expect(jsonNodeText(node)).toBe("[9007199254740993,0.1000000000000000055511151231257827]");
  });

  it("writes strings as Go's json.Marshal does", () => {
    expect(jsonNodeText(parseJSONText('{"<k>":"a&b\\u2028"}'))).toBe(
      '{"\\u003ck\\u003e":"a\\u0026b\\u2028"}',
    );
  });

  it("writes deeply nested arrays without recursion", () => {
    const depth = 10_000;
    const text = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    expect(jsonNodeText(parseJSONText(text))).toBe(text);
  });

  it("refuses malformed JSON with the offset", () => {
    expect(() => parseJSONText("{")).toThrow(JsonSyntaxError);
    expect(() => parseJSONText('{"a":1,}')).toThrow(/at offset 7/);
  });
});

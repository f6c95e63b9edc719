import { CtyNum } from "@pyvider/cty";
import { describe, expect, it } from "vitest";
import { PyviderError } from "../errors.js";
import { parseRawJson } from "./raw-state.js";

describe("raw stored JSON", () => {
  it("keeps numbers a JS number cannot hold as exact CtyNum, the rest as numbers", () => {
    const raw = parseRawJson(
      '{"big":9007199254740993,"fine":0.1000000000000000055511151231257827,"n":42,"f":0.1,"e":1e2,"l":[{"x":-0}]}',
      "state",
    );
    expect(raw.big).toBeInstanceOf(CtyNum);
    expect(String(raw.big)).toBe("9007199254740993");
    expect(raw.fine).toBeInstanceOf(CtyNum);
    expect(String(raw.fine)).toBe("0.1000000000000000055511151231257827");
    expect(raw).toMatchObject({ n: 42, f: 0.1, e: 100, l: [{ x: -0 }] });
  });

  it("refuses text that is not a JSON object", () => {
    expect(() => parseRawJson("{not json", "state")).toThrow(PyviderError);
    expect(() => parseRawJson("[1]", "identity")).toThrow(/Invalid stored identity/);
  });
});

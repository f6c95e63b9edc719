import { describe, expect, it } from "vitest";
import { nfc } from "./nfc.js";

describe("nfc", () => {
  it("leaves every text of code points below U+0300 as it is, as String.normalize does", () => {
    // every pair of such code points (surrogate-free): NFC composes at most neighbours
    let changed = 0;
    for (let a = 0; a < 0x300; a++) {
      const pa = String.fromCharCode(a);
      for (let b = 0; b < 0x300; b++) {
        const t = pa + String.fromCharCode(b);
        if (t.normalize("NFC") !== t) changed++;
      }
    }
    expect(changed).toBe(0);
  });

  it("normalises text with higher code points, short and long", () => {
    const decomposed = "e\u0301"; // e + combining acute
    expect(nfc(decomposed)).toBe("\u00e9");
    expect(nfc("\u212b")).toBe("\u00c5"); // ANGSTROM SIGN
    const long = `${"x".repeat(100)}${decomposed}`;
    expect(nfc(long)).toBe(`${"x".repeat(100)}\u00e9`);
    const ascii = "y".repeat(1000);
    expect(nfc(ascii)).toBe(ascii);
  });
});

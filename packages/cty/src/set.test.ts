import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { elements } from "./accessors.js";
import { boolVal, nullVal, numberVal, objectVal, setVal, stringVal, unknownVal } from "./constructors.js";
import { rawEquals } from "./equality.js";
import { decodeMsgpack } from "./msgpack-decode.js";
import { encodeMsgpack } from "./msgpack-encode.js";
import { crc32, crc32String, goQuote, setHash, setHashString } from "./set.js";
import { CtyBool, CtyNumber, CtySet, CtyString } from "./types.js";
import type { CtyValue } from "./value.js";

const show = (v: CtyValue): unknown => (v.isKnown ? (v.isNull ? null : v.raw) : "?");

describe("set semantics", () => {
  it("computes CRC-32 IEEE", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it("computes CRC-32 of a string's UTF-8 without building the bytes", () => {
    const samples = fc.sample(fc.string({ unit: "binary", maxLength: 20 }), { numRuns: 500, seed: 7 });
    samples.push("", "a\ud800b", "\udc00", "\ud83d\ude00", "é—😀");
    for (const s of samples)
      expect(crc32String(s), JSON.stringify(s)).toBe(crc32(new TextEncoder().encode(s)));
  });

  it("quotes like Go's %q", () => {
    expect(goQuote('a"b\\')).toBe('"a\\"b\\\\"');
    expect(goQuote("\x00\x07\n\x7f")).toBe('"\\x00\\a\\n\\x7f"');
    expect(goQuote("é\u00ad\u200b😀")).toBe('"é\\u00ad\\u200b😀"');
    expect(goQuote("\u{e0001}")).toBe('"\\U000e0001"');
  });

  it("builds go-cty hash strings", () => {
    expect(setHashString(numberVal("12345678901"))).toBe("1.23456789e+10");
    expect(setHashString(boolVal(true))).toBe("T");
    expect(setHashString(unknownVal(CtyString))).toBe("?");
    expect(setHashString(nullVal(CtyString))).toBe("~");
    expect(setHashString(objectVal({ b: stringVal("x"), a: nullVal(CtyNumber) }))).toBe('<~;"x";>');
    expect(setHash(stringVal("a"))).toBe(crc32(new TextEncoder().encode('"a"')));
  });

  it("keeps every unknown element, after the known ones and before nulls", () => {
    const s = setVal([
      nullVal(CtyString),
      unknownVal(CtyString),
      stringVal("b"),
      unknownVal(CtyString),
      stringVal("a"),
      stringVal("b"),
    ]);
    expect(elements(s).map(show)).toEqual(["a", "b", "?", "?", null]);
  });

  it("orders numbers numerically, strings bytewise and false before true", () => {
    const n = setVal(["10", "9", "-1", "0.5", "1e2"].map((d) => numberVal(d)));
    expect(elements(n).map((v) => (v.raw as { text(): string }).text())).toEqual([
      "-1",
      "0.5",
      "9",
      "10",
      "100",
    ]);
    const s = setVal(["b", "B", "a", "\u{1F600}", "\uFF5E"].map(stringVal));
    expect(elements(s).map(show)).toEqual(["B", "a", "b", "\uFF5E", "\u{1F600}"]);
    expect(elements(setVal([boolVal(true), boolVal(false)])).map(show)).toEqual([false, true]);
  });

  it("orders unsorted strings with duplicates, unknowns and nulls mixed in, without hashing", () => {
    const s = setVal([
      stringVal("\uE000"),
      unknownVal(CtyString, { notNull: true }),
      stringVal("z"),
      nullVal(CtyString),
      stringVal("\u{10000}"),
      stringVal("z"),
      unknownVal(CtyString),
      stringVal("a"),
      nullVal(CtyString),
      stringVal("\uE000"),
    ]);
    // U+E000 sorts before U+10000 in UTF-8, although its UTF-16 code unit is larger.
    expect(elements(s).map(show)).toEqual(["a", "z", "\uE000", "\u{10000}", "?", "?", null]);
    expect(elements(s)[4]!.refinements?.notNull).toBe(true);
    const sorted = ["a", "b", "c"].map(stringVal);
    expect(elements(setVal(sorted))).toEqual(sorted);
  });

  it("decodes a set of strings sent out of order, with duplicates, into the canonical order", () => {
    // ["b", "a", unknown, "b", null, "a"] as a msgpack array.
    const bytes = Uint8Array.from([0x96, 0xa1, 0x62, 0xa1, 0x61, 0xd4, 0, 0, 0xa1, 0x62, 0xc0, 0xa1, 0x61]);
    const v = decodeMsgpack(bytes, CtySet(CtyString));
    expect(elements(v).map(show)).toEqual(["a", "b", "?", null]);
    expect([...encodeMsgpack(v, CtySet(CtyString))]).toEqual([
      0x94, 0xa1, 0x61, 0xa1, 0x62, 0xd4, 0, 0, 0xc0,
    ]);
    expect(
      rawEquals(v, setVal([stringVal("a"), stringVal("b"), unknownVal(CtyString), nullVal(CtyString)])),
    ).toBe(true);
  });

  it("merges numbers that are equal under cty rules", () => {
    expect(elements(setVal([numberVal(0.1), numberVal("0.1")])).length).toBe(1);
    // -0 and 0 are equal, but hash to different buckets ("-0" vs "0"), so go-cty keeps both.
    expect(elements(setVal([numberVal("-0"), numberVal(0)])).length).toBe(2);
    expect(elements(setVal([boolVal(true), boolVal(true)], CtyBool)).length).toBe(1);
  });
});

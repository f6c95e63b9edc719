import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { isWhollyKnown } from "./accessors.js";
import { False, nullVal, numberVal, objectVal, stringVal, True, unknownVal } from "./constructors.js";
import { equals } from "./equality.js";
import { containsMarked, mark, markWithPaths, unmarkDeep } from "./marks.js";
import { decodeMsgpack } from "./msgpack-decode.js";
import { encodeMsgpack } from "./msgpack-encode.js";
import { ObjectAttrs } from "./object-attrs.js";
import { CtyBool, CtyDynamic, CtyList, CtyNumber, CtyObject, CtyString } from "./types.js";
import type { CtyValue } from "./value.js";

const rowType = CtyObject({ id: CtyString, n: CtyNumber, on: CtyBool, tags: CtyList(CtyString) });

function row(id: string, n: number, on: boolean): CtyValue {
  return objectVal({
    id: stringVal(id),
    n: numberVal(n),
    on: on ? True : False,
    tags: nullVal(CtyList(CtyString)),
  });
}

/** Everything the ReadonlyMap interface gives, as plain data. */
function asPlain(m: ReadonlyMap<string, CtyValue>) {
  const viaForEach: [string, CtyValue][] = [];
  m.forEach((v, k, self) => {
    expect(self).toBe(m);
    viaForEach.push([k, v]);
  });
  return {
    size: m.size,
    keys: [...m.keys()],
    values: [...m.values()],
    entries: [...m.entries()],
    iterated: [...m],
    viaForEach,
  };
}

describe("ObjectAttrs", () => {
  it("reads like the Map of the same attributes, for built and for decoded objects", () => {
    const built = row("a-1", 1234, true);
    const decoded = decodeMsgpack(encodeMsgpack(built, rowType), rowType);
    for (const v of [built, decoded]) {
      const attrs = v.raw as ReadonlyMap<string, CtyValue>;
      expect(attrs).toBeInstanceOf(ObjectAttrs);
      const map = new Map([...attrs]);
      expect(asPlain(attrs)).toEqual(asPlain(map));
      expect([...attrs.keys()]).toEqual(["id", "n", "on", "tags"]);
      expect(attrs.get("id")?.raw).toBe("a-1");
      expect(attrs.get("n")?.type).toBe(CtyNumber);
      expect(attrs.get("on")).toBe(True);
      expect(attrs.get("tags")?.isNull).toBe(true);
      expect(attrs.get("missing")).toBeUndefined();
      expect(attrs.has("n")).toBe(true);
      expect(attrs.has("missing")).toBe(false);
      expect(Object.prototype.toString.call(attrs)).toBe("[object ObjectAttrs]");
    }
    expect(equals(built, decoded).raw).toBe(true);
    expect(decoded).toEqual(built);
  });

  it("gives the same value each time an attribute is read", () => {
    const v = decodeMsgpack(encodeMsgpack(row("x", 300, false), rowType), rowType);
    const attrs = v.raw as ObjectAttrs;
    const first = attrs.get("id");
    expect(attrs.get("id")).toBe(first);
    expect(attrs.at(0)).toBe(first);
    expect([...attrs.values()][0]).toBe(first);
    expect(() => attrs.at(4)).toThrow(RangeError);
  });

  it("compares by content under isDeepStrictEqual and toEqual, whichever attributes were read", () => {
    const a = decodeMsgpack(encodeMsgpack(row("x", 300, false), rowType), rowType);
    const b = row("x", 300, false);
    const c = row("x", 301, false);
    expect(isDeepStrictEqual(a, b)).toBe(true);
    expect(isDeepStrictEqual(a, c)).toBe(false);
    expect(isDeepStrictEqual(a.raw, c.raw)).toBe(false);
    // reading makes values of bare payloads; it must not change what the object compares as
    (a.raw as ObjectAttrs).get("id");
    [...(a.raw as ObjectAttrs).values()];
    expect(isDeepStrictEqual(a, b)).toBe(true);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const other = objectVal({
      id: stringVal("x"),
      m: numberVal(300),
      on: False,
      tags: nullVal(CtyList(CtyString)),
    });
    expect(isDeepStrictEqual(b.raw, other.raw)).toBe(false);
  });

  it("finds attributes by name in objects with many attributes", () => {
    const names = Array.from({ length: 40 }, (_, i) => `attr_${String(i).padStart(2, "0")}`);
    const v = objectVal(Object.fromEntries(names.map((n, i) => [n, numberVal(i)])));
    const attrs = v.raw as ObjectAttrs;
    for (const [i, n] of names.entries()) expect(attrs.get(n)?.raw).toEqual(numberVal(i).raw);
    expect(attrs.get("attr_40")).toBeUndefined();
    expect(attrs.has("attr_39")).toBe(true);
  });

  it("keeps marks, nulls and unknowns of attributes", () => {
    const secret = mark(stringVal("s3cret"), "sensitive");
    const v = objectVal({
      a: secret,
      b: unknownVal(CtyString),
      c: nullVal(CtyNumber),
      d: stringVal("plain"),
    });
    expect(v.raw).toBeInstanceOf(ObjectAttrs);
    expect(containsMarked(v)).toBe(true);
    expect(isWhollyKnown(v)).toBe(false);
    const attrs = v.raw as ReadonlyMap<string, CtyValue>;
    expect(attrs.get("a")).toBe(secret);
    expect(attrs.get("b")?.isKnown).toBe(false);
    expect(attrs.get("c")?.isNull).toBe(true);
    const [plain, pvms] = unmarkDeep(v);
    expect(containsMarked(plain)).toBe(false);
    expect(plain.raw).toBeInstanceOf(ObjectAttrs);
    expect(markWithPaths(plain, pvms)).toEqual(v);
    expect(isWhollyKnown(row("k", 1, true))).toBe(true);
    expect(containsMarked(row("k", 1, true))).toBe(false);
  });

  it("encodes attributes whose declared type is dynamic with their own type", () => {
    const dynType = CtyObject({ id: CtyString, any: CtyDynamic });
    const v = objectVal({ id: stringVal("i"), any: stringVal("text") });
    const bytes = encodeMsgpack(v, dynType);
    // fixmap(2) "any" [ "\"string\"" as bin, "text" ] "id" "i"
    expect(Buffer.from(bytes).toString("hex")).toBe(
      `82a3616e7992c408${Buffer.from('"string"').toString("hex")}a474657874a26964a169`,
    );
    const back = decodeMsgpack(bytes, dynType);
    expect((back.raw as ObjectAttrs).get("any")?.raw).toBe("text");
    expect(back.type).toEqual(CtyObject({ any: CtyString, id: CtyString }));
  });

  it("decodes keys in any order, and refuses a duplicated or unknown key with its path", () => {
    const t = CtyObject({ a: CtyString, b: CtyNumber });
    // { "b": 1, "a": "x" }
    const swapped = Uint8Array.from([0x82, 0xa1, 0x62, 0x01, 0xa1, 0x61, 0xa1, 0x78]);
    expect(decodeMsgpack(swapped, t)).toEqual(objectVal({ a: stringVal("x"), b: numberVal(1) }));
    // { "b": 1, "b": 2 }
    const twice = Uint8Array.from([0x82, 0xa1, 0x62, 0x01, 0xa1, 0x62, 0x02]);
    expect(() => decodeMsgpack(twice, t)).toThrow(/duplicate attribute/);
    // { "a": "x", "c": 2 }
    const unknownKey = Uint8Array.from([0x82, 0xa1, 0x61, 0xa1, 0x78, 0xa1, 0x63, 0x02]);
    expect(() => decodeMsgpack(unknownKey, t)).toThrow(/unsupported attribute/);
  });
});

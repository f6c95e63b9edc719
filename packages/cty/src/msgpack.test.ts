/**
 * Fixed msgpack vectors (each checked against go-cty v1.20.0 through the oracle) and
 * malformed-input behaviour. The random, oracle-driven comparison lives in test/oracle.test.ts.
 */
import fc from "fast-check";
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
  type CtyValue,
  DynamicVal,
  decodeJSON,
  decodeMsgpack,
  encodeMsgpack,
  listVal,
  mapVal,
  mark,
  nullVal,
  numberVal,
  objectVal,
  Sensitive,
  setVal,
  stringVal,
  True,
  typeFromJSON,
  unknownVal,
} from "./index.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const bytes = (h: string) => new Uint8Array(Buffer.from(h, "hex"));
const roundtrip = (h: string, t: CtyType) => hex(encodeMsgpack(decodeMsgpack(bytes(h), t), t));

function codecError(f: () => unknown): CtyCodecError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CtyCodecError);
    return e as CtyCodecError;
  }
  throw new Error("expected a CtyCodecError");
}

describe("msgpack encoding vectors (go-cty)", () => {
  it.each([
    ["unknown string", unknownVal(CtyString), CtyString, "d40000"],
    ["unknown string, not null", unknownVal(CtyString, { notNull: true }), CtyString, "c7030c8101c2"],
    ["2^63 as text", numberVal(9223372036854775808n), CtyNumber, "b339323233333732303336383534373735383038"],
    ["1.5 as float64", numberVal(1.5), CtyNumber, "cb3ff8000000000000"],
    ["0.1 parsed (512 bits) as text", numberVal("0.1"), CtyNumber, "a3302e31"],
    ["0.1 as float64", numberVal(0.1), CtyNumber, "cb3fb999999999999a"],
    ["dynamic true", True, CtyDynamic, "92c40622626f6f6c22c3"],
    ["DynamicVal", DynamicVal, CtyDynamic, "d40000"],
    ["null", nullVal(CtyString), CtyString, "c0"],
    ["31 ASCII bytes as fixstr", stringVal("a".repeat(31)), CtyString, `bf${"61".repeat(31)}`],
    ["32 ASCII bytes as str8", stringVal("a".repeat(32)), CtyString, `d920${"61".repeat(32)}`],
    ["16 units, 32 UTF-8 bytes as str8", stringVal("é".repeat(16)), CtyString, `d920${"c3a9".repeat(16)}`],
    ["15 units, 30 UTF-8 bytes as fixstr", stringVal("é".repeat(15)), CtyString, `be${"c3a9".repeat(15)}`],
    [
      "100 units, 300 UTF-8 bytes as str16",
      stringVal("€".repeat(100)),
      CtyString,
      `da012c${"e282ac".repeat(100)}`,
    ],
    ["dynamic null", nullVal(CtyDynamic), CtyDynamic, "c0"],
    ["typed null in a dynamic slot", nullVal(CtyString), CtyDynamic, "92c40822737472696e6722c0"],
    [
      "refined unknown string in a dynamic slot",
      unknownVal(CtyString, { notNull: true, stringPrefix: "abc-" }),
      CtyDynamic,
      "92c40822737472696e6722c7090c8201c202a46162632d",
    ],
    [
      "list length bounds",
      unknownVal(CtyList(CtyString), { lengthLower: 2, lengthUpper: 5 }),
      CtyList(CtyString),
      "c7050c8205020605",
    ],
    [
      "number bounds",
      unknownVal(CtyNumber, {
        notNull: true,
        numberLower: { value: CtyNum.from(1.5), inclusive: true },
        numberUpper: { value: CtyNum.from(2), inclusive: false },
      }),
      CtyNumber,
      "c7130c8301c20392cb3ff8000000000000c3049202c2",
    ],
    [
      "set in canonical order with two unknowns",
      setVal([stringVal("b"), stringVal("a"), unknownVal(CtyString), unknownVal(CtyString)]),
      CtySet(CtyString),
      "94a161a162d40000d40000",
    ],
    [
      "map keys bytewise",
      mapVal({ b: numberVal(1), a: numberVal(2), "😀": numberVal(3), "\uffff": numberVal(4) }),
      CtyMap(CtyNumber),
      "84a16102a16201a3efbfbf04a4f09f988003",
    ],
  ])("%s", (_name, value, type, expected) => {
    expect(hex(encodeMsgpack(value as CtyValue, type as CtyType))).toBe(expected);
    expect(roundtrip(expected as string, type as CtyType)).toBe(expected);
  });

  it.each([
    [0n, "00"],
    [127n, "7f"],
    [128n, "cc80"],
    [255n, "ccff"],
    [256n, "cd0100"],
    [65535n, "cdffff"],
    [65536n, "ce00010000"],
    [4294967295n, "ceffffffff"],
    [4294967296n, "cf0000000100000000"],
    [9223372036854775807n, "cf7fffffffffffffff"],
    [-1n, "ff"],
    [-32n, "e0"],
    [-33n, "d0df"],
    [-128n, "d080"],
    [-129n, "d1ff7f"],
    [-32768n, "d18000"],
    [-32769n, "d2ffff7fff"],
    [-2147483648n, "d280000000"],
    [-2147483649n, "d3ffffffff7fffffff"],
    [-9223372036854775808n, "d38000000000000000"],
  ])("integer %s is %s", (n, expected) => {
    expect(hex(encodeMsgpack(numberVal(n), CtyNumber))).toBe(expected);
    expect(roundtrip(expected, CtyNumber)).toBe(expected);
  });

  it("reads strings of every short length, ASCII or not, back as written", () => {
    for (let n = 0; n <= 20; n++) {
      for (const s of [
        "abcdefghijklmnopqrstu".slice(0, n),
        "é".repeat(n),
        `${"x".repeat(n)}ü`,
        "\x00\x7f".repeat(n),
      ]) {
        expect(decodeMsgpack(encodeMsgpack(stringVal(s), CtyString), CtyString).raw).toBe(s);
      }
    }
  });

  it("writes long strings as UTF-8 with lone surrogates as U+FFFD, with the shortest header", () => {
    for (const s of [
      `${"a".repeat(70)}\ud800`,
      `\udc00${"é".repeat(80)}`,
      "€".repeat(100),
      "z".repeat(300),
    ]) {
      const utf8 = new TextEncoder().encode(s);
      const n = utf8.length;
      const head = n < 32 ? [0xa0 | n] : n <= 0xff ? [0xd9, n] : [0xda, n >> 8, n & 0xff];
      expect(hex(encodeMsgpack(stringVal(s), CtyString))).toBe(hex(new Uint8Array([...head, ...utf8])));
    }
  });

  it("writes an integral float64 beyond int64 as its full decimal text", () => {
    const out = hex(encodeMsgpack(numberVal(1e300), CtyNumber));
    expect(out).toBe(`da012d31${"30".repeat(300)}`);
  });

  it("writes object attributes sorted bytewise and nested dynamic values wrapped", () => {
    const t = CtyObject({ b: CtyString, a: CtyNumber, é: CtyBool, z: CtyDynamic });
    const v = objectVal({ b: stringVal("x"), a: numberVal(3), é: True, z: listVal([numberVal(1)]) });
    const expected = "84a16103a162a178a17a92c4115b226c697374222c226e756d626572225d9101a2c3a9c3";
    expect(hex(encodeMsgpack(v, t))).toBe(expected);
    expect(roundtrip(expected, t)).toBe(expected);
  });

  it("converts a value to the requested type first, as go-cty's Marshal does", () => {
    expect(hex(encodeMsgpack(stringVal("12"), CtyNumber))).toBe("0c");
    const e = codecError(() => encodeMsgpack(objectVal({ a: stringVal("x") }), CtyObject({ a: CtyNumber })));
    expect(e.reason).toMatch(/number is required/);
    expect(e.path).toEqual([{ kind: "attr", name: "a" }]);
  });

  it("refuses marked values and names the path", () => {
    const t = CtyObject({ a: CtyList(CtyString) });
    const v = objectVal({ a: listVal([stringVal("ok"), mark(stringVal("secret"), Sensitive)]) });
    const e = codecError(() => encodeMsgpack(v, t));
    expect(e.message).toMatch(/marks/);
    expect(e.path).toEqual([
      { kind: "attr", name: "a" },
      { kind: "index", index: 1 },
    ]);
  });
});

describe("msgpack decoding leniency (as go-cty)", () => {
  it.each([
    ["number from str", "a2313000", CtyNumber, "0a"],
    ["number from bin", "c4023130", CtyNumber, "0a"],
    ["float32", "ca3fc00000", CtyNumber, "cb3ff8000000000000"],
    ["uint64 above int64", "cf8000000000000000", CtyNumber, "b339323233333732303336383534373735383038"],
    ["non-minimal int8", "d000", CtyNumber, "00"],
    ["uint64 2^53 - 1", "cf001fffffffffffff", CtyNumber, "cf001fffffffffffff"],
    ["uint64 2^53", "cf0020000000000000", CtyNumber, "cf0020000000000000"],
    ["uint64 2^32 + 1", "cf0000000100000001", CtyNumber, "cf0000000100000001"],
    ["non-minimal uint64 1", "cf0000000000000001", CtyNumber, "01"],
    ["int64 -2^53", "d3ffe0000000000000", CtyNumber, "d3ffe0000000000000"],
    ["int64 -2^53 - 1", "d3ffdfffffffffffff", CtyNumber, "d3ffdfffffffffffff"],
    ["int64 -2^63", "d38000000000000000", CtyNumber, "d38000000000000000"],
    ["non-minimal int64 -1", "d3ffffffffffffffff", CtyNumber, "ff"],
    ["non-minimal int64 -2^32", "d3ffffffff00000000", CtyNumber, "d3ffffffff00000000"],
    ["+Inf float", "cb7ff0000000000000", CtyNumber, "cb7ff0000000000000"],
    ["string from bin", "c40161", CtyString, "a161"],
    ["string is NFC-normalised", "a365cc81", CtyString, "a2c3a9"],
    ["array32 header", "dd00000001a161", CtyList(CtyString), "91a161"],
    ["fixext1 of any type is unknown", "d40c00", CtyString, "d40000"],
    ["ext8 of length 0 is unknown", "c70000", CtyString, "d40000"],
    ["refinements of dynamic are ignored", "c7030c8101c2", CtyDynamic, "d40000"],
    ["refined as null collapses to null", "c7030c8101c3", CtyString, "c0"],
    ["length 0..0 not null collapses to the empty list", "c7050c8201c20600", CtyList(CtyNumber), "90"],
    ["trailing bytes in a refinement body are ignored", "c7040c8101c2ff", CtyString, "c7030c8101c2"],
    ["dynamic type JSON as str", "92a622626f6f6c22c3", CtyDynamic, "92c40622626f6f6c22c3"],
    ["nil map key reads as the empty string", "81c0a161", CtyMap(CtyString), "81a0a161"],
    ["duplicate map keys: the last wins", "82a161a162a161a163", CtyMap(CtyString), "81a161a163"],
    ["bytes after the value are ignored", "c3c3", CtyBool, "c3"],
  ])("%s", (_name, input, type, expected) => {
    expect(roundtrip(input, type)).toBe(expected);
  });
});

describe("malformed msgpack", () => {
  it.each([
    ["empty input", "", CtyString, /unexpected end/],
    ["wrong kind", "c3", CtyString, /string is required/],
    ["bool from int", "01", CtyBool, /bool is required/],
    ["declared length beyond the data", "dd0000000ca161", CtyList(CtyString), /unexpected end/],
    ["huge declared string", "dbffffffff61", CtyString, /unexpected end/],
    ["huge declared map", "dfffffffff", CtyMap(CtyString), /unexpected end/],
    ["NaN", "cb7ff8000000000000", CtyNumber, /NaN/],
    ["unparseable number text", "a3616263", CtyNumber, /number is required/],
    ["ext of another type with a body", "d5010000", CtyString, /unsupported extension type 0x01/],
    [
      "prefix refinement on a number",
      "c7050c8102a26162",
      CtyNumber,
      /string prefix refinement for non-string/,
    ],
    [
      "length refinement on a string",
      "c7030c810501",
      CtyString,
      /length bound refinement for non-collection/,
    ],
    ["refinement body not a map", "c7020c9100", CtyString, /not a map/],
    ["truncated refinement body", "c7080c8102a6616263", CtyString, /unexpected end/],
    ["lower bound above upper bound", "c7090c82039205c2049201c2", CtyNumber, /exclude all values/],
    ["equal exclusive bounds (go-cty v1.20)", "c7090c82039201c2049201c2", CtyNumber, /exclude all values/],
    ["tuple of the wrong length", "92a0a0", CtyTuple([CtyString]), /tuple of length 1/],
    [
      "object with too few attributes",
      "81a162a0",
      CtyObject({ a: CtyString, b: CtyString }),
      /2 attributes is required/,
    ],
    ["dynamic array of three", "93c40622626f6f6c22c3c3", CtyDynamic, /exactly two elements/],
    ["invalid type JSON in a dynamic value", "92c4056e6f70657dc3", CtyDynamic, /invalid type/],
    ["invalid UTF-8", "a2ffff", CtyString, /UTF-8/],
    ["invalid UTF-8 after ASCII in a short string", `ac${"61".repeat(11)}ff`, CtyString, /UTF-8/],
    ["a truncated sequence ending a 16-byte string", `b0${"61".repeat(15)}c3`, CtyString, /UTF-8/],
  ])("%s", (_name, input, type, message) => {
    expect(codecError(() => decodeMsgpack(bytes(input as string), type as CtyType)).message).toMatch(
      message as RegExp,
    );
  });

  it("refuses numbers too large to print as codec errors, not crashes", () => {
    const text = new TextEncoder().encode("1e99999999");
    const item = new Uint8Array([0xa0 | text.length, ...text]);
    // go-cty accepts it, but printing it would take a hundred million digits.
    expect(codecError(() => decodeMsgpack(item, CtyNumber)).message).toMatch(/^number too large/);
    expect(codecError(() => encodeMsgpack(numberVal("1e99999999"), CtyNumber)).message).toMatch(
      /^number too large/,
    );
    expect(
      codecError(() => decodeMsgpack(new Uint8Array([0x92, 0x01, ...item]), CtySet(CtyNumber))).message,
    ).toBe("[1]: number too large (beyond 2^4096)");
  });

  it("refuses two map keys, attribute names or type attribute names with one NFC form, as go-cty v1.20", () => {
    // "é" precomposed and "e" + U+0301: go-cty v1.20's MapVal and cty.Object panic on them.
    const t = CtyMap(CtyString);
    expect(codecError(() => decodeMsgpack(bytes("82a2c3a9a178a365cc81a179"), t)).message).toBe(
      'multiple map keys that normalize to "é"',
    );
    expect(codecError(() => decodeJSON('{"é":"x","e\\u0301":"y"}', t)).message).toBe(
      'multiple map keys that normalize to "é"',
    );
    // The same key twice is not a conflict: the last one wins.
    expect(hex(encodeMsgpack(decodeMsgpack(bytes("82a2c3a9a178a2c3a9a179"), t), t))).toBe("81a2c3a9a179");
    expect(() => typeFromJSON('["object",{"é":"string","e\\u0301":"number"}]')).toThrow(
      'multiple attributes that normalize to "é"',
    );
  });

  it("reads an empty map as the empty object and an empty array as the empty tuple, as go-cty", () => {
    // go-cty's Unmarshal returns EmptyObjectVal / EmptyTupleVal there, whatever type was asked for.
    const obj = decodeMsgpack(bytes("80"), CtyObject({ a: CtyString }));
    expect(obj.type).toEqual(CtyObject({}));
    const tup = decodeMsgpack(bytes("90"), CtyTuple([CtyString, CtyNumber]));
    expect(tup.type).toEqual(CtyTuple([]));
  });

  it("rejects refinement bodies over 1024 bytes", () => {
    const body = new Uint8Array(1025);
    body[0] = 0x80;
    const input = new Uint8Array([0xc9, 0, 0, 0x04, 0x01, 0x0c, ...body]);
    expect(codecError(() => decodeMsgpack(input, CtyString)).message).toMatch(/oversize/);
  });

  it("reports the path of a nested failure", () => {
    const t = CtyObject({ a: CtyList(CtyNumber) });
    const e = codecError(() => decodeMsgpack(bytes("81a1619201c3"), t));
    expect(e.reason).toMatch(/number is required/);
    expect(e.path).toEqual([
      { kind: "attr", name: "a" },
      { kind: "index", index: 1 },
    ]);
    expect(e.message.startsWith("a[1]: ")).toBe(true);
    const u = codecError(() => decodeMsgpack(bytes("81a162c0"), t));
    expect(u.message).toMatch(/unsupported attribute/);
  });

  it("stops deeply nested dynamic values without exhausting the stack", () => {
    const level = bytes(`92c409${Buffer.from('"dynamic"').toString("hex")}`);
    const n = 100_000;
    const input = new Uint8Array(level.length * n + 1);
    for (let i = 0; i < n; i++) input.set(level, i * level.length);
    input[input.length - 1] = 0xc0;
    expect(codecError(() => decodeMsgpack(input, CtyDynamic)).message).toMatch(
      /nested more than 1000 levels/,
    );
  });

  it("every strict prefix of a valid encoding is rejected cleanly", () => {
    const t = CtyObject({ a: CtyList(CtyString), b: CtyDynamic, c: CtyNumber });
    const v = objectVal({
      a: listVal([stringVal("héllo"), unknownVal(CtyString, { stringPrefix: "x" })]),
      b: True,
      c: numberVal("1e40"),
    });
    const full = encodeMsgpack(v, t);
    for (let i = 0; i < full.length; i++) codecError(() => decodeMsgpack(full.subarray(0, i), t));
  });

  it("random bytes either decode or fail with a CtyCodecError", () => {
    const types: CtyType[] = [
      CtyString,
      CtyNumber,
      CtyDynamic,
      CtyList(CtyDynamic),
      CtyObject({ a: CtyMap(CtySet(CtyNumber)) }),
      CtyTuple([CtyBool, CtyString]),
    ];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(...types), (input, t) => {
        try {
          decodeMsgpack(input, t);
        } catch (e) {
          if (!(e instanceof CtyCodecError)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });
});

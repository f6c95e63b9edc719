/**
 * The codecs' bounds: hostile input (deep nesting, absurd exponents, truncation, random bytes)
 * gets a CtyCodecError with a path, never a RangeError, a SyntaxError or a hang. Times are not
 * asserted here (see bench/src/cty-hostile.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CtyCodecError,
  CtyDynamic,
  CtyList,
  CtyNum,
  CtyNumber,
  CtyObject,
  CtySet,
  CtyString,
  type CtyType,
  CtyTypeJSONError,
  decodeJSON,
  decodeMsgpack,
  encodeJSON,
  encodeMsgpack,
  listVal,
  MAX_NUMBER_EXPONENT,
  MAX_TYPE_DEPTH,
  MAX_VALUE_DEPTH,
  nullVal,
  numberVal,
  stringVal,
  typeFromJSON,
  typeToJSON,
} from "./index.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

function nestedList(depth: number): CtyType {
  let t: CtyType = CtyString;
  for (let i = 0; i < depth; i++) t = CtyList(t);
  return t;
}

/** Runs `f` and returns what it threw (fails the test if it returned). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

/** The head of `[type JSON as bin, value]` (the msgpack of a value in a dynamic slot), before the value. */
function dynamicHead(typeJSON: string): Uint8Array {
  const tj = utf8(typeJSON);
  const n = tj.length;
  const head =
    n < 256 ? [0x92, 0xc4, n] : [0x92, 0xc6, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  return new Uint8Array([...head, ...tj]);
}

/** `prefix` repeated `n` times, then `tail`. */
function nest(prefix: Uint8Array, n: number, tail: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length * n + tail.length);
  for (let i = 0; i < n; i++) out.set(prefix, i * prefix.length);
  out.set(tail, prefix.length * n);
  return out;
}

const NIL = new Uint8Array([0xc0]);

describe("type JSON nesting", () => {
  it(`accepts ${MAX_TYPE_DEPTH} nested list and object types and writes them back identically`, () => {
    const lists = `${'["list",'.repeat(MAX_TYPE_DEPTH)}"string"${"]".repeat(MAX_TYPE_DEPTH)}`;
    expect(typeToJSON(typeFromJSON(lists))).toBe(lists);
    const objects = `${'["object",{"a":'.repeat(MAX_TYPE_DEPTH)}"number"${"}]".repeat(MAX_TYPE_DEPTH)}`;
    expect(typeToJSON(typeFromJSON(objects))).toBe(objects);
    expect(typeToJSON(typeFromJSON(JSON.parse(lists)))).toBe(lists);
  });

  it("refuses one level more with a CtyCodecError", () => {
    const n = MAX_TYPE_DEPTH + 1;
    const e = thrown(() => typeFromJSON(`${'["set",'.repeat(n)}"bool"${"]".repeat(n)}`));
    expect(e).toBeInstanceOf(CtyTypeJSONError);
    expect(e).toBeInstanceOf(CtyCodecError);
    expect((e as Error).message).toMatch(/nested too deeply/);
  });

  it("decodes a dynamic null whose type is nested 10,000 deep, and encodes it back", () => {
    const tj = `${'["map",'.repeat(10_000)}"string"${"]".repeat(10_000)}`;
    const bytes = nest(dynamicHead(tj), 1, NIL);
    const v = decodeMsgpack(bytes, CtyDynamic);
    expect(v.isNull).toBe(true);
    expect(encodeMsgpack(v, CtyDynamic)).toEqual(bytes);
    const json = `{"value":null,"type":${tj}}`;
    expect(encodeJSON(decodeJSON(json, CtyDynamic), CtyDynamic)).toBe(json);
  });
});

describe("value nesting", () => {
  const arrays = (n: number) => new Uint8Array([...new Array(n).fill(0x91), 0xa1, 0x78]);

  it(`decodes and encodes values ${MAX_VALUE_DEPTH} containers deep`, () => {
    const t = nestedList(MAX_VALUE_DEPTH);
    const bytes = arrays(MAX_VALUE_DEPTH);
    const v = decodeMsgpack(bytes, t);
    expect(encodeMsgpack(v, t)).toEqual(bytes);
    const json = encodeJSON(v, t);
    expect(json).toBe(`${"[".repeat(MAX_VALUE_DEPTH)}"x"${"]".repeat(MAX_VALUE_DEPTH)}`);
    expect(encodeMsgpack(decodeJSON(json, t), t)).toEqual(bytes);
  });

  it("refuses one more level in every codec, naming the path", () => {
    const n = MAX_VALUE_DEPTH + 1;
    const t = nestedList(n);
    const path = "[0]".repeat(MAX_VALUE_DEPTH);
    for (const e of [
      thrown(() => decodeMsgpack(arrays(n), t)),
      thrown(() => decodeJSON(`${"[".repeat(n)}"x"${"]".repeat(n)}`, t)),
    ]) {
      expect(e).toBeInstanceOf(CtyCodecError);
      expect((e as CtyCodecError).reason).toMatch(/nested more than 1000 levels/);
      expect((e as Error).message.startsWith(`${path}:`)).toBe(true);
    }
    let v = stringVal("x");
    for (let i = 0; i < n; i++) v = listVal([v]);
    for (const e of [thrown(() => encodeMsgpack(v, t)), thrown(() => encodeJSON(v, t))]) {
      expect(e).toBeInstanceOf(CtyCodecError);
      expect((e as CtyCodecError).path.length).toBe(MAX_VALUE_DEPTH);
    }
  });

  it("refuses ~50 KB of nested dynamic wrappers with a CtyCodecError (no stack overflow)", () => {
    // Each level: a dynamic value whose type is a list nested 20 deep, ending in dynamic again.
    const inner = `${'["list",'.repeat(20)}"dynamic"${"]".repeat(20)}`;
    const level = new Uint8Array([...dynamicHead(inner), ...new Array(20).fill(0x91)]);
    const bytes = nest(level, 250, NIL);
    expect(bytes.length).toBeGreaterThan(50_000);
    const e = thrown(() => decodeMsgpack(bytes, CtyDynamic));
    expect(e).toBeInstanceOf(CtyCodecError);
    expect((e as CtyCodecError).path.length).toBeGreaterThan(900);
    // The same depth of plain dynamic-in-dynamic wrappers.
    const plain = nest(dynamicHead('"dynamic"'), 5000, NIL);
    expect(thrown(() => decodeMsgpack(plain, CtyDynamic))).toBeInstanceOf(CtyCodecError);
  });
});

describe("number range", () => {
  it("refuses a msgpack number too large to print, which go-cty accepts, in decode and encode", () => {
    const e = thrown(() => decodeMsgpack(new Uint8Array([0xb3, ...utf8("0.000001p2147483647")]), CtyNumber));
    expect(e).toBeInstanceOf(CtyCodecError);
    expect((e as Error).message).toMatch(/^number too large/);
    const big = numberVal(CtyNum.parse("0.000001p2147483647"));
    for (const f of [() => encodeMsgpack(big, CtyNumber), () => encodeJSON(big, CtyNumber)]) {
      expect((thrown(f) as Error).message).toMatch(/^number too large/);
    }
  });

  it("refuses absurd exponents in a set of numbers, naming the element", () => {
    const e = thrown(() => decodeJSON("[1e-3000000,2e-3000000,3]", CtySet(CtyNumber)));
    expect(e).toBeInstanceOf(CtyCodecError);
    expect((e as Error).message).toBe("[0]: number too small (closer to zero than 2^-4096)");
  });

  it("accepts numbers just inside the range and refuses those just outside", () => {
    const inside = [`1p${MAX_NUMBER_EXPONENT - 1}`, `1p-${MAX_NUMBER_EXPONENT}`, "1e1232", "-1e-1232"];
    for (const s of inside) {
      const v = decodeJSON(JSON.stringify(s), CtyNumber);
      expect(decodeJSON(encodeJSON(v, CtyNumber), CtyNumber).raw).toEqual(v.raw);
    }
    for (const s of [`1p${MAX_NUMBER_EXPONENT}`, `1p-${MAX_NUMBER_EXPONENT + 1}`, "1e1234", "-1e-1234"]) {
      expect(thrown(() => decodeJSON(JSON.stringify(s), CtyNumber))).toBeInstanceOf(CtyCodecError);
    }
  });
});

/** Adversarial documents: deep nesting, wide exponents, truncation, junk. */
const hostileJSON: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 30_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
  fc.integer({ min: 1, max: 30_000 }).map((n) => '{"value":'.repeat(n)),
  fc
    .integer({ min: 1, max: 12_000 })
    .map((n) => `{"value":null,"type":${'["list",'.repeat(n)}"string"${"]".repeat(n)}}`),
  fc
    .tuple(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.constantFrom("e", "E", "p"))
    .map(([e, m]) => `["1${m}${e}",2${m === "p" ? "e" : m}${e}]`),
  fc.string({ maxLength: 200 }),
  fc.json().chain((j) => fc.nat(j.length).map((cut) => j.slice(0, cut))),
);

const hostileTypes: CtyType[] = [
  CtyDynamic,
  CtySet(CtyNumber),
  CtyList(CtyDynamic),
  nestedList(3),
  CtyObject({ a: CtyNumber, b: CtyDynamic }, ["b"]),
  CtyString,
];

/** Only a value or a CtyCodecError may come out. */
function valueOrCodecError(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof CtyCodecError)) throw e;
  }
}

describe("hostile input gets a value or a CtyCodecError, nothing else", () => {
  it("JSON and type JSON", () => {
    fc.assert(
      fc.property(hostileJSON, fc.constantFrom(...hostileTypes), (text, t) => {
        valueOrCodecError(() => {
          const v = decodeJSON(text, t);
          encodeJSON(v, t);
          encodeMsgpack(v, t);
        });
        valueOrCodecError(() => typeToJSON(typeFromJSON(text)));
      }),
      { numRuns: 300 },
    );
  });

  it("msgpack: random bytes, truncations and deep wrappers", () => {
    const deepBytes = fc
      .integer({ min: 1, max: 20_000 })
      .chain((n) => fc.constantFrom(0x91, 0x81, 0x92).map((b) => new Uint8Array(n).fill(b)));
    const numberText = fc
      .tuple(fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }), fc.constantFrom("e", "p"))
      .map(([e, m]) => new Uint8Array([0xa0 + 12, ...utf8(`0.5${m}${e}`.padEnd(12, "0").slice(0, 12))]));
    const level = new Uint8Array([...dynamicHead('["list","dynamic"]'), 0x91]);
    const dynamicDeep = fc.integer({ min: 1, max: 3000 }).map((n) => nest(level, n, NIL));
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 300 }), deepBytes, numberText, dynamicDeep),
        fc.constantFrom(...hostileTypes, CtyList(CtyNumber)),
        (bytes, t) => {
          valueOrCodecError(() => {
            const v = decodeMsgpack(bytes, t);
            encodeMsgpack(v, t);
          });
          for (let cut = 0; cut < Math.min(bytes.length, 40); cut++) {
            valueOrCodecError(() => decodeMsgpack(bytes.subarray(0, cut), t));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a value nested far beyond the limit, built in code, fails to encode with a CtyCodecError", () => {
    let v = nullVal(CtyString);
    let t: CtyType = CtyString;
    for (let i = 0; i < 20_000; i++) {
      t = CtyList(t);
      v = listVal([v]);
    }
    expect(thrown(() => encodeMsgpack(v, t))).toBeInstanceOf(CtyCodecError);
    expect(thrown(() => encodeJSON(v, CtyDynamic))).toBeInstanceOf(CtyCodecError);
  });
});

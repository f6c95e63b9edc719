/**
 * Property suite: random cty types and values, encoded by us and by go-cty (the oracle in
 * ../oracle), must give identical bytes both ways, for msgpack and (wholly known values) JSON.
 *
 * Case count: 2,000 by default; PYVIDER_ORACLE_RUNS overrides (e.g. 100000 for a long run).
 * Without a `go` toolchain the suite is skipped locally and fails under CI=true.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../oracle/client.js";
import {
  CtyCodecError,
  CtyDynamic,
  type CtyType,
  CtyTypeJSONError,
  type CtyValue,
  decodeJSON,
  decodeMsgpack,
  encodeJSON,
  encodeMsgpack,
  impliedType,
  isWhollyKnown,
  ObjectAttrs,
  typeFromJSON,
  typeToJSON,
} from "../src/index.js";
import { genValue, randArb, typeArb } from "./arbitraries.js";
import { goAvailable, RUNS, useOracle } from "./oracle-suite.js";

const oracle = useOracle();

function hasInfinity(v: CtyValue): boolean {
  const raw = v.raw as unknown;
  if (raw === null || !v.isKnown) return false;
  if (typeof raw === "object" && raw !== null && "infinite" in raw)
    return (raw as { infinite: boolean }).infinite;
  if (Array.isArray(raw)) return raw.some(hasInfinity);
  if (raw instanceof Map || raw instanceof ObjectAttrs) return [...raw.values()].some(hasInfinity);
  return false;
}

/** Checks one value both ways; returns a description of the first mismatch, or undefined. */
async function checkCase(t: CtyType, v: CtyValue): Promise<string | undefined> {
  const tj = typeToJSON(t);
  const ours = toHex(encodeMsgpack(v, t));
  const back = await oracle().call({ op: "msgpack-roundtrip", type: tj, hex: ours });
  if (!back.ok) return `go-cty rejected our msgpack ${ours} for ${tj}: ${back.error}`;
  if (back.hex !== ours) return `msgpack differs for ${tj}\n ours: ${ours}\n  go: ${back.hex}`;
  const again = toHex(encodeMsgpack(decodeMsgpack(fromHex(back.hex), t), t));
  if (again !== back.hex)
    return `our msgpack decode+encode of go's bytes differs for ${tj}\n  go: ${back.hex}\n ours: ${again}`;
  if (!isWhollyKnown(v) || hasInfinity(v)) return undefined;
  const json = encodeJSON(v, t);
  const [jr, jm] = await Promise.all([
    oracle().call({ op: "json-roundtrip", type: tj, text: json }),
    oracle().call({ op: "json-to-msgpack", type: tj, text: json }),
  ]);
  if (!jr.ok) return `go-cty rejected our JSON ${json} for ${tj}: ${jr.error}`;
  if (jr.text !== json) return `JSON differs for ${tj}\n ours: ${json}\n  go: ${jr.text}`;
  const fromJson = encodeJSON(decodeJSON(json, t), t);
  if (fromJson !== json) return `our JSON decode+encode differs for ${tj}\n  in: ${json}\n out: ${fromJson}`;
  // JSON -> msgpack: numbers are re-parsed at 512 bits on both sides, so this is not our original
  // msgpack, but go-cty and we must agree on it.
  if (!jm.ok) return `go-cty rejected our JSON for msgpack ${json}: ${jm.error}`;
  const viaJson = toHex(encodeMsgpack(decodeJSON(json, t), t));
  if (viaJson !== jm.hex)
    return `msgpack of decoded JSON differs for ${tj}\n json: ${json}\n ours: ${viaJson}\n   go: ${jm.hex}`;
  return undefined;
}

describe.skipIf(!goAvailable)("go-cty oracle", () => {
  it(`random types and values encode identically to go-cty (${RUNS} cases)`, { timeout: 0 }, async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(typeArb(), randArb(), fc.integer({ min: 0, max: 3 }), async (t, r, mode) => {
        const opts = [
          { nulls: 0.1, unknowns: 0 },
          { nulls: 0.1, unknowns: 0.2 },
          { nulls: 0, unknowns: 0 },
          { nulls: 0.3, unknowns: 0.4 },
        ][mode]!;
        const v = genValue(t, r, opts);
        cases++;
        const problem = await checkCase(t, v);
        if (problem !== undefined) throw new Error(problem);
      }),
      { numRuns: RUNS },
    );
    expect(cases).toBeGreaterThanOrEqual(RUNS);
  });

  it("mutated encodings are accepted and re-encoded as go-cty does", { timeout: 0 }, async () => {
    // Deliberate differences (documented in the README): invalid UTF-8 is rejected (go-cty keeps
    // the bytes), and a non-string map key is rejected (go-cty builds its error but ignores it).
    // Numbers needing millions of digits are refused too (go-cty grinds through them).
    // Numbers beyond 2^±32768 are refused (go-cty accepts them; see MAX_NUMBER_EXPONENT).
    const deliberate = /not valid UTF-8|non-string key in map|too large to format|number too (large|small)/;
    const mutation = fc.tuple(fc.nat(), fc.nat(255), fc.integer({ min: 0, max: 3 }));
    await fc.assert(
      fc.asyncProperty(
        typeArb(),
        randArb(),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (t, r, muts) => {
          let b = Array.from(encodeMsgpack(genValue(t, r, { nulls: 0.1, unknowns: 0.2 }), t));
          for (const [pos, byte, kind] of muts) {
            if (b.length === 0) break;
            const p = pos % b.length;
            if (kind === 0) b[p] = byte;
            else if (kind === 1) b.splice(p, 0, byte);
            else if (kind === 2) b.splice(p, 1);
            else b = b.slice(0, p);
          }
          const input = new Uint8Array(b);
          let ours: string | undefined;
          let error: string | undefined;
          try {
            ours = toHex(encodeMsgpack(decodeMsgpack(input, t), t));
          } catch (e) {
            if (!(e instanceof CtyCodecError)) throw e;
            error = e.message;
          }
          // A declared length beyond the data: go-cty may try to allocate it and die of it.
          if (error !== undefined && /unexpected end of msgpack data/.test(error)) return;
          // A number we refuse as too large to format: go-cty grinds through its millions of digits
          // for minutes (a documented difference), so there is nothing to compare.
          if (error !== undefined && /too large to format|number too (large|small)/.test(error)) return;
          const go = await oracle().call({ op: "msgpack-roundtrip", type: typeToJSON(t), hex: toHex(input) });
          if (go.ok && ours !== undefined) expect(ours).toBe(go.hex);
          else if (go.ok) expect(error).toMatch(deliberate);
          else
            expect(ours, `go-cty rejects ${toHex(input)} for ${typeToJSON(t)}: ${go.error}`).toBeUndefined();
        },
      ),
      { numRuns: Math.max(500, Math.floor(RUNS / 2)) },
    );
  });

  it("mutated JSON is accepted and re-encoded as go-cty does", { timeout: 0 }, async () => {
    const pieces = [
      '"',
      "\\",
      "{",
      "}",
      "[",
      "]",
      ",",
      ":",
      "0",
      "1",
      "-",
      "e",
      ".",
      " ",
      "n",
      "t",
      "x",
      "\u0000",
      "é",
    ];
    const mutation = fc.tuple(fc.nat(), fc.constantFrom(...pieces), fc.integer({ min: 0, max: 3 }));
    await fc.assert(
      fc.asyncProperty(
        typeArb(),
        randArb(),
        fc.array(mutation, { minLength: 1, maxLength: 2 }),
        async (t, r, muts) => {
          let s = encodeJSON(genValue(t, r, { nulls: 0.1, unknowns: 0 }), t);
          for (const [pos, piece, kind] of muts) {
            const p = pos % (s.length || 1);
            if (kind === 0) s = s.slice(0, p) + piece + s.slice(p + 1);
            else if (kind === 1) s = s.slice(0, p) + piece + s.slice(p);
            else if (kind === 2) s = s.slice(0, p) + s.slice(p + 1);
            else s = s.slice(0, p);
          }
          // Exponents of thousands of digits make both sides print megabytes of digits: skip.
          if (/[eE][-+]?\d{4}/.test(s)) return;
          let ours: string | undefined;
          try {
            ours = encodeJSON(decodeJSON(s, t), t);
          } catch (e) {
            if (!(e instanceof CtyCodecError)) throw e;
          }
          const go = await oracle().call({ op: "json-roundtrip", type: typeToJSON(t), text: s });
          expect(
            ours,
            `go-cty ${go.ok ? "accepts" : "rejects"} ${JSON.stringify(s)} for ${typeToJSON(t)}: ${go.error ?? go.text}`,
          ).toBe(go.ok ? go.text : undefined);
        },
      ),
      { numRuns: Math.max(500, Math.floor(RUNS / 2)) },
    );
  });

  it("mutated type JSON is accepted and re-encoded as go-cty does", { timeout: 0 }, async () => {
    const pieces = [
      '"',
      "{",
      "}",
      "[",
      "]",
      ",",
      ":",
      " ",
      "null",
      '"list"',
      '"string"',
      '"a"',
      "[]",
      "{}",
      "1",
      "é",
    ];
    const mutation = fc.tuple(fc.nat(), fc.constantFrom(...pieces), fc.integer({ min: 0, max: 3 }));
    await fc.assert(
      fc.asyncProperty(typeArb(), fc.array(mutation, { minLength: 1, maxLength: 2 }), async (t, muts) => {
        let s = typeToJSON(t);
        for (const [pos, piece, kind] of muts) {
          const p = pos % (s.length || 1);
          if (kind === 0) s = s.slice(0, p) + piece + s.slice(p + 1);
          else if (kind === 1) s = s.slice(0, p) + piece + s.slice(p);
          else if (kind === 2) s = s.slice(0, p) + s.slice(p + 1);
          else s = s.slice(0, p);
        }
        // A bare primitive name ("string" without JSON quotes) is our documented extension.
        if (/^(string|number|bool|dynamic)$/.test(s)) return;
        let ours: string | undefined;
        try {
          ours = typeToJSON(typeFromJSON(s));
        } catch (e) {
          if (!(e instanceof CtyTypeJSONError)) throw e;
        }
        const go = await oracle().call({ op: "type-json", text: s });
        expect(
          ours,
          `go-cty ${go.ok ? "accepts" : "rejects"} ${JSON.stringify(s)}: ${go.error ?? go.text}`,
        ).toBe(go.ok ? go.text : undefined);
      }),
      { numRuns: Math.max(500, Math.floor(RUNS / 2)) },
    );
  });

  it("empty msgpack maps and arrays decode as go-cty's lenient decoder does", { timeout: 0 }, async () => {
    // go-cty reads a zero-length map as the empty object and a zero-length array as the empty
    // tuple whatever object or tuple type was asked for, also inside collections and dynamic values.
    await fc.assert(
      fc.asyncProperty(
        typeArb(),
        fc.constantFrom("80", "90", "9180", "9190", "81a17880", "81a17890"),
        async (t, hex) => {
          let ours: string | undefined;
          let error: string | undefined;
          try {
            ours = toHex(encodeMsgpack(decodeMsgpack(fromHex(hex), t), t));
          } catch (e) {
            if (!(e instanceof CtyCodecError)) throw e;
            error = e.message;
          }
          const go = await oracle().call({ op: "msgpack-roundtrip", type: typeToJSON(t), hex });
          expect(ours, `${hex} as ${typeToJSON(t)}: go ${go.ok ? go.hex : go.error}, ours ${error}`).toBe(
            go.ok ? go.hex : undefined,
          );
        },
      ),
      { numRuns: Math.max(300, Math.floor(RUNS / 10)) },
    );
  });

  it("dynamic JSON envelopes with repeated keys decode as in go-cty", { timeout: 0 }, async () => {
    // go-cty v1.20 reads the members in order: a repeated "type" or "value" replaces the earlier one.
    const member = fc.oneof(
      typeArb().chain((t) =>
        randArb().map((r) => [
          `"type":${typeToJSON(t)}`,
          `"value":${encodeJSON(genValue(t, r, { nulls: 0.1, unknowns: 0 }), t)}`,
        ]),
      ),
      fc.constant(['"type":"string"', '"value":"x"']),
      fc.constant(['"type":"number"', '"value":"12"']),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(member, { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(5), { minLength: 2, maxLength: 5 }),
        async (members, picks) => {
          const all = members.flat();
          const doc = `{${picks.map((i) => all[i % all.length]!).join(",")}}`;
          let ours: string | undefined;
          try {
            ours = encodeJSON(decodeJSON(doc, CtyDynamic), CtyDynamic);
          } catch (e) {
            if (!(e instanceof CtyCodecError)) throw e;
          }
          const go = await oracle().call({ op: "json-roundtrip", type: '"dynamic"', text: doc });
          expect(ours, `${doc}: go ${go.ok ? go.text : go.error}`).toBe(go.ok ? go.text : undefined);
        },
      ),
      { numRuns: Math.max(300, Math.floor(RUNS / 10)) },
    );
  });

  it("impliedType gives go-cty's json.ImpliedType for random JSON documents", { timeout: 0 }, async () => {
    // Objects with repeated keys (same and different value types), nesting, trailing data, and
    // mutations. go-cty's own errors must match word for word; for malformed JSON the syntax
    // error wording is Go's encoding/json's (not reproduced), so only rejection must agree.
    const repeated = fc
      .tuple(
        fc.array(fc.tuple(fc.constantFrom("a", "b", "é", "e\u0301"), fc.jsonValue({ maxDepth: 2 })), {
          minLength: 1,
          maxLength: 5,
        }),
      )
      .map(([kvs]) => `{${kvs.map(([k, v]) => `"${k}":${JSON.stringify(v)}`).join(",")}}`);
    const doc = fc.oneof(
      fc.json({ maxDepth: 3 }),
      repeated,
      fc.tuple(repeated, repeated).map(([a, b]) => `[${a},{"x":${b},"x":${a}}]`),
      fc
        .tuple(fc.json({ maxDepth: 2 }), fc.constantFrom("", " ", "]", "}", " x", ",", "1", "{}", "\n"))
        .map(([j, t]) => j + t),
      fc
        .tuple(fc.json({ maxDepth: 2 }), fc.nat(), fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "1"))
        .map(([j, p, c]) => {
          const at = p % (j.length + 1);
          return j.slice(0, at) + c + j.slice(at);
        }),
    );
    const ownErrors =
      /^(duplicate ".*" property in JSON object|extraneous data after JSON object|multiple attributes that normalize to .*)$/;
    await fc.assert(
      fc.asyncProperty(doc, async (text) => {
        let ours: string | undefined;
        let error: string | undefined;
        try {
          ours = typeToJSON(impliedType(text));
        } catch (e) {
          if (!(e instanceof CtyCodecError)) throw e;
          error = e.message;
        }
        const go = await oracle().call({ op: "implied-type", text });
        const goError = go.error?.replace(/^panic: /, "");
        expect(ours, `${JSON.stringify(text)}: go ${go.ok ? go.text : goError}, ours ${error}`).toBe(
          go.ok ? go.text : undefined,
        );
        if (!go.ok && (ownErrors.test(goError ?? "") || (error !== undefined && ownErrors.test(error))))
          expect(error, JSON.stringify(text)).toBe(goError);
      }),
      { numRuns: Math.max(500, Math.floor(RUNS / 4)) },
    );
  });

  it("type JSON matches go-cty for random types", { timeout: 0 }, async () => {
    await fc.assert(
      fc.asyncProperty(typeArb(), async (t) => {
        const ours = typeToJSON(t);
        const go = await oracle().call({ op: "type-json", text: ours });
        expect(go.ok, go.error).toBe(true);
        expect(ours).toBe(go.text);
        expect(typeToJSON(typeFromJSON(ours))).toBe(ours);
      }),
      { numRuns: Math.max(200, Math.floor(RUNS / 10)) },
    );
  });
});

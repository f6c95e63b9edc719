/**
 * Property tests of conversion, unification and mismatch messages against go-cty itself:
 * oracle-convert (a tiny Go program using go-cty's convert package) answers the same questions
 * for thousands of generated values and types; results must match exactly (values, types,
 * refinements, marks, error messages and paths).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { haveGo, onCI } from "../oracle/client.js";
import {
  boolVal,
  listVal,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  setVal,
  stringVal,
  tupleVal,
  unknownVal,
} from "./constructors.js";
import { tryConvert } from "./convert.js";
import { mismatchMessage } from "./convert-mismatch.js";
import { mark, unmark } from "./marks.js";
import { CtyNum } from "./number.js";
import { ObjectAttrs } from "./object-attrs.js";
import type { CtyPath } from "./path.js";
import type { Refinements } from "./refinement.js";
import { typeToJSON } from "./type-json.js";
import type { CtyType } from "./types.js";
import {
  CtyBool,
  CtyDynamic,
  CtyList,
  CtyMap,
  CtyNumber,
  CtyObject,
  CtySet,
  CtyString,
  CtyTuple,
} from "./types.js";
import { unifyInternal } from "./unify.js";
import type { CtyValue } from "./value.js";

const oracleDir = join(dirname(fileURLToPath(import.meta.url)), "..", "oracle-convert");

const hasGo = haveGo();
const inCI = onCI;

it("the Go conversion oracle can run (go is required in CI)", () => {
  if (inCI) expect(hasGo, "go must be on PATH in CI to run the conversion oracle").toBe(true);
  else if (!hasGo) console.warn("conversion oracle tests skipped locally: `go` is not on PATH");
});

let binary = "";
function ask(requests: unknown[]): Record<string, unknown>[] {
  const input = `${requests.map((r) => JSON.stringify(r)).join("\n")}\n`;
  const r = spawnSync(binary, [], { input, maxBuffer: 1 << 28, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`oracle failed: ${r.stderr}`);
  return r.stdout
    .trim()
    .split("\n")
    .map((l) => normalise(JSON.parse(l)) as Record<string, unknown>);
}

// ---- tagged value JSON (see oracle-convert/main.go) ----

const typeJSON = (t: CtyType): unknown => JSON.parse(typeToJSON(t));

function tag(v: CtyValue): Record<string, unknown> {
  const out: Record<string, unknown> = { t: typeJSON(v.type) };
  if (v.marks.size > 0) out.m = [...v.marks].map(String).sort();
  if (!v.isKnown) {
    const r = v.refinements ?? {};
    const u: Record<string, unknown> = {};
    if (r.notNull) u.notNull = true;
    if (r.lengthLower !== undefined && r.lengthLower > 0) u.lenMin = r.lengthLower;
    if (r.lengthUpper !== undefined) u.lenMax = r.lengthUpper;
    if (r.stringPrefix) u.prefix = r.stringPrefix;
    out.unknown = u;
    return out;
  }
  if (v.isNull) {
    out.null = true;
    return out;
  }
  switch (v.type.kind) {
    case "string":
    case "bool":
      out.v = v.raw;
      break;
    case "number": {
      const n = v.raw as CtyNum;
      out.v = n.text();
      break;
    }
    case "list":
    case "set":
    case "tuple":
      out.v = (v.raw as readonly CtyValue[]).map(tag);
      break;
    default:
      out.v = Object.fromEntries([...(v.raw as ReadonlyMap<string, CtyValue>)].map(([k, e]) => [k, tag(e)]));
  }
  return out;
}

/** The request form: numbers also say how Go should build them (precision matters). */
function tagForRequest(v: CtyValue): Record<string, unknown> {
  const out = tag(v);
  if (v.isKnown && !v.isNull) {
    if (v.type.kind === "number") {
      const n = v.raw as CtyNum;
      if (n.precision === 64) Object.assign(out, { prec: "int", v: n.toBigInt()!.toString() });
      else if (n.precision === 53)
        Object.assign(out, { prec: "float", v: Object.is(n.toNumber(), -0) ? "-0" : String(n.toNumber()) });
      else out.prec = "parse";
    } else if (Array.isArray(v.raw)) out.v = (v.raw as CtyValue[]).map(tagForRequest);
    else if (v.raw instanceof Map || v.raw instanceof ObjectAttrs)
      out.v = Object.fromEntries([...v.raw].map(([k, e]) => [k, tagForRequest(e as CtyValue)]));
  }
  return out;
}

/**
 * go-cty writes the type JSON of a tuple or object built from a nil Go slice or map as
 * `["tuple",null]` / `["object",null]`; the oracle's answers are normalised to `[]` / `{}`.
 */
function normalise(x: unknown): unknown {
  if (Array.isArray(x)) {
    if (x[0] === "tuple" && x[1] === null) return ["tuple", []];
    if (x[0] === "object" && x[1] === null) return ["object", {}, ...x.slice(2)];
    return x.map(normalise);
  }
  if (x !== null && typeof x === "object")
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, normalise(v)]));
  return x;
}

function pathJSON(p: CtyPath): unknown[] {
  return p.map((s) =>
    s.kind === "attr"
      ? { attr: s.name }
      : s.kind === "key"
        ? { key: s.key }
        : s.kind === "index"
          ? { index: s.index }
          : { other: 1 },
  );
}

// ---- generators ----

// Names exercise bytewise ordering and Go `%q` quoting in messages.
const NAMES = ["a", "B", 'é"\t'];

function arbType(depth: number, dyn: boolean, optional = dyn): fc.Arbitrary<CtyType> {
  const leaves: fc.Arbitrary<CtyType>[] = [
    fc.constant(CtyString),
    fc.constant(CtyNumber),
    fc.constant(CtyBool),
  ];
  if (dyn) leaves.push(fc.constant(CtyDynamic));
  const leaf = fc.oneof(...leaves);
  if (depth <= 0) return leaf;
  const inner = arbType(depth - 1, dyn, optional);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: inner.map((e) => CtyList(e)) },
    { weight: 1, arbitrary: inner.map((e) => CtySet(e)) },
    { weight: 1, arbitrary: inner.map((e) => CtyMap(e)) },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 3 }).map((es) => CtyTuple(es)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.subarray(NAMES), fc.array(inner, { minLength: 3, maxLength: 3 }), fc.subarray(NAMES))
        .map(([names, ts, opt]) =>
          CtyObject(
            Object.fromEntries(names.map((n, i) => [n, ts[i]!])),
            optional ? opt.filter((o) => names.includes(o)) : [],
          ),
        ),
    },
  );
}

const STRINGS = [
  "",
  "a",
  "true",
  "TRUE",
  "True",
  "false",
  "FALSE",
  "1",
  "0",
  "1.5",
  "-2",
  "1e3",
  "x",
  "12345678901234567890.5",
];

const arbNumber: fc.Arbitrary<CtyValue> = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }).map((n) => numberVal(CtyNum.fromInt64(n))),
  fc
    .double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })
    .map((n) => numberVal(CtyNum.fromFloat64(n))),
  fc
    .constantFrom("0.1", "1.5", "-3", "1e30", "12345678901234567890.5")
    .map((s) => numberVal(CtyNum.parse(s))),
);

/** Values of exactly type `t` (no dynamic inside known collections). */
function arbValueOf(t: CtyType, depth: number, inCollection = false): fc.Arbitrary<CtyValue> {
  const special = fc.oneof(
    fc.constant(nullVal(t)),
    arbRefinements(t).map((r) => unknownVal(t, r)),
  );
  let known: fc.Arbitrary<CtyValue>;
  switch (t.kind) {
    case "string":
      known = fc.constantFrom(...STRINGS).map(stringVal);
      break;
    case "number":
      known = arbNumber;
      break;
    case "bool":
      known = fc.boolean().map(boolVal);
      break;
    case "dynamic":
      // In a collection, a dynamic element type only admits dynamic nulls and unknowns.
      known = depth > 0 && !inCollection ? arbType(1, false).chain((c) => arbValueOf(c, depth - 1)) : special;
      break;
    case "list":
    case "set": {
      const mk = t.kind === "list" ? listVal : setVal;
      known = fc.array(elementOf(t.element, depth), { maxLength: 3 }).map((es) => mk(es, t.element));
      break;
    }
    case "map":
      known = fc
        .tuple(fc.subarray(NAMES), fc.array(elementOf(t.element, depth), { minLength: 3, maxLength: 3 }))
        .map(([ks, vs]) =>
          mapVal(
            ks.map((k, i) => [k, vs[i]!] as const),
            t.element,
          ),
        );
      break;
    case "object":
      known = fc
        .tuple(...t.names.map((n) => arbValueOf(t.attributes[n]!, depth - 1, inCollection)))
        .map((vs) => objectVal(t.names.map((n, i) => [n, vs[i]!] as const)));
      if (t.names.length === 0) known = fc.constant(objectVal({}));
      break;
    case "tuple":
      known =
        t.elements.length === 0
          ? fc.constant(tupleVal([]))
          : fc
              .tuple(...t.elements.map((e) => arbValueOf(e, depth - 1, inCollection)))
              .map((vs) => tupleVal(vs));
      break;
    default:
      known = special;
  }
  const base = fc.oneof({ weight: 1, arbitrary: special }, { weight: 5, arbitrary: known });
  return fc
    .tuple(base, fc.integer({ min: 0, max: 19 }))
    .map(([v, m]) => (m === 0 && !v.isNull ? mark(v, "sensitive") : v));
}

function elementOf(t: CtyType, depth: number): fc.Arbitrary<CtyValue> {
  // Collection elements: marks inside sets move to the set, and marked nulls lose their marks in
  // go-cty's null normalisation (we keep them), so elements stay unmarked here.
  return arbValueOf(t, depth - 1, true).map((v) => unmark(v)[0]);
}

function arbRefinements(t: CtyType): fc.Arbitrary<Refinements | undefined> {
  if (t.kind === "dynamic") return fc.constant(undefined);
  if (t.kind === "list" || t.kind === "set" || t.kind === "map") {
    return fc
      .record({
        notNull: fc.boolean(),
        lengthLower: fc.integer({ min: 0, max: 2 }),
        extra: fc.option(fc.integer({ min: 0, max: 3 })),
      })
      .map((r) => ({
        notNull: r.notNull,
        lengthLower: r.lengthLower,
        ...(r.extra === null ? {} : { lengthUpper: r.lengthLower + r.extra }),
      }));
  }
  return fc.option(fc.constant({ notNull: true }), { nil: undefined });
}

/** A target type related to `t`, so that many conversions succeed. */
function arbRelated(t: CtyType, depth: number): fc.Arbitrary<CtyType> {
  const anyT = arbType(2, true);
  if (depth <= 0) return fc.oneof(fc.constant(t), fc.constant(CtyDynamic), anyT);
  const rel = (x: CtyType) => arbRelated(x, depth - 1);
  let near: fc.Arbitrary<CtyType>;
  switch (t.kind) {
    case "string":
    case "number":
    case "bool":
      near = fc.constantFrom(CtyString, CtyNumber, CtyBool);
      break;
    case "list":
    case "set":
      near = rel(t.element).chain((e) => fc.constantFrom(CtyList(e), CtySet(e), CtyMap(e)));
      break;
    case "map":
      near = fc.oneof(
        rel(t.element).map((e) => CtyMap(e)),
        fc.tuple(fc.subarray(NAMES), rel(t.element), fc.subarray(NAMES)).map(([ns, e, opt]) =>
          CtyObject(
            Object.fromEntries(ns.map((n) => [n, e])),
            opt.filter((o) => ns.includes(o)),
          ),
        ),
      );
      break;
    case "tuple":
      near = fc.oneof(
        t.elements.length === 0
          ? fc.constant(CtyTuple([]))
          : fc.tuple(...t.elements.map(rel)).map((es) => CtyTuple(es)),
        fc
          .oneof(fc.constant(CtyDynamic), t.elements.length > 0 ? rel(t.elements[0]!) : anyT)
          .chain((e) => fc.constantFrom(CtyList(e), CtySet(e))),
      );
      break;
    case "object": {
      const names = t.names;
      near = fc.oneof(
        fc
          .tuple(
            fc.subarray([...names, "z"]),
            fc.subarray([...names, "z"]),
            ...names.map((n) => rel(t.attributes[n]!)),
          )
          .map(([keep, opt, ...ts]) => {
            const attrs: Record<string, CtyType> = {};
            for (const n of keep) attrs[n] = n === "z" ? CtyString : ts[names.indexOf(n)]!;
            return CtyObject(
              attrs,
              opt.filter((o) => keep.includes(o)),
            );
          }),
        fc
          .oneof(fc.constant(CtyDynamic), names.length > 0 ? rel(t.attributes[names[0]!]!) : anyT)
          .map((e) => CtyMap(e)),
      );
      break;
    }
    default:
      near = anyT;
  }
  return fc.oneof(
    { weight: 6, arbitrary: near },
    { weight: 1, arbitrary: fc.constant(CtyDynamic) },
    { weight: 1, arbitrary: anyT },
  );
}

const arbSource = arbType(3, true, false).chain((t) => arbValueOf(t, 3));
const arbCase = arbSource.chain((v) => fc.tuple(fc.constant(v), arbRelated(v.type, 3), fc.boolean()));

/** CTY_ORACLE_SCALE multiplies the sample counts and CTY_ORACLE_SEED changes the seeds, for deeper local runs. */
const SCALE = Number(process.env.CTY_ORACLE_SCALE ?? 1);
const SEED = Number(process.env.CTY_ORACLE_SEED ?? 0);
const SAMPLES = { convert: 3000 * SCALE, unify: 1500 * SCALE, mismatch: 1500 * SCALE };

/** Converts each case here and in go-cty and compares; returns how many succeeded. */
function compareConversions(cases: readonly (readonly [CtyValue, CtyType, boolean])[]): number {
  const answers = ask(
    cases.map(([v, t, unsafe]) => ({
      op: "convert",
      value: tagForRequest(v),
      type: typeJSON(t),
      unsafe,
    })),
  );
  let ok = 0;
  cases.forEach(([v, t, unsafe], i) => {
    const a = answers[i]!;
    const label = `${JSON.stringify(tagForRequest(v))} to ${typeToJSON(t)} (unsafe ${unsafe})`;
    const mine = tryConvert(v, t, { unsafe });
    if (a.panic !== undefined) {
      // go-cty's dynamicReplace panics on a null/unknown map converted to an object whose
      // optional attribute is a tuple the map's elements can't become; we keep the target type.
      expect(a.panic, label).toMatch(
        /^(TupleElementType on non-tuple Type|runtime error: index out of range)/,
      );
      expect(mine.ok && (mine.value.isNull || !mine.value.isKnown), label).toBe(true);
      return;
    }
    if (a.value !== undefined) {
      expect(mine.ok ? tag(mine.value) : mine.error.detail, label).toEqual(a.value);
      ok++;
    } else {
      expect(
        mine.ok ? tag(mine.value) : { message: mine.error.message, path: pathJSON(mine.error.path) },
        label,
      ).toBeOneOf(a.errors as unknown[]);
    }
  });
  return ok;
}

/**
 * Sources whose elements differ in type (tuples, objects, and collections of objects) against
 * collections of `dynamic` (go-cty unifies the element types: a tuple ["a", 1] becomes a
 * list(string)) and collections of objects with optional attributes.
 */
const arbCollectionCase = fc
  .oneof(
    fc
      .array(arbType(1, false), { minLength: 1, maxLength: 3 })
      .chain((ts) => fc.tuple(...ts.map((t) => arbValueOf(t, 1))).map((vs) => tupleVal(vs))),
    fc
      .tuple(
        fc.subarray(NAMES, { minLength: 1 }),
        fc.array(arbType(1, false), { minLength: 3, maxLength: 3 }),
      )
      .chain(([ns, ts]) =>
        fc
          .tuple(...ns.map((_, i) => arbValueOf(ts[i]!, 1)))
          .map((vs) => objectVal(ns.map((n, i) => [n, vs[i]!] as const))),
      ),
    arbType(1, false, false)
      .filter((t) => t.kind === "object")
      .chain((t) => arbValueOf(CtyList(t), 2)),
  )
  .chain((v) => {
    const objects = fc
      .tuple(
        fc.subarray(NAMES),
        fc.subarray(NAMES),
        fc.array(arbType(1, true), { minLength: 3, maxLength: 3 }),
      )
      .map(([ns, opt, ts]) =>
        CtyObject(
          Object.fromEntries(ns.map((n, i) => [n, ts[i]!])),
          opt.filter((o) => ns.includes(o)),
        ),
      );
    const element = fc.oneof(fc.constant<CtyType>(CtyDynamic), objects, arbType(1, true));
    const target = element.chain((e) => fc.constantFrom<CtyType>(CtyList(e), CtySet(e), CtyMap(e)));
    return fc.tuple(fc.constant(v), target, fc.boolean());
  });

describe.skipIf(!hasGo)("conversion agrees with go-cty (oracle-convert)", () => {
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), "oracle-convert-"));
    binary = join(dir, "oracle-convert");
    execFileSync("go", ["build", "-o", binary, "."], {
      cwd: oracleDir,
      stdio: "pipe",
      env: { ...process.env, GOFLAGS: "-mod=mod" },
    });
  }, 300_000);

  it(
    "convert gives the same values, refinements, marks, messages and paths",
    () => {
      const cases = fc.sample(arbCase, { numRuns: SAMPLES.convert, seed: 1234 + SEED });
      const ok = compareConversions(cases);
      // The generator must exercise both outcomes substantially.
      expect(ok).toBeGreaterThan(SAMPLES.convert / 4);
      expect(ok).toBeLessThan(SAMPLES.convert * 0.9);
    },
    60_000 * SCALE,
  );

  it(
    "collections of dynamic and of objects with optional attributes convert as in go-cty",
    () => {
      const cases = fc.sample(arbCollectionCase, { numRuns: SAMPLES.convert / 3, seed: 77 + SEED });
      const ok = compareConversions(cases);
      expect(ok).toBeGreaterThan(SAMPLES.convert / 3 / 10);
    },
    60_000 * SCALE,
  );

  it(
    "unify picks the same type and the same set of needed conversions",
    () => {
      const arbTypes = fc.array(arbType(2, true), { minLength: 1, maxLength: 4 });
      const arbRelatedTypes = arbType(2, true).chain((t) =>
        fc.array(arbRelated(t, 2), { minLength: 1, maxLength: 3 }).map((ts) => [t, ...ts]),
      );
      const cases = fc.sample(fc.tuple(fc.oneof(arbTypes, arbRelatedTypes), fc.boolean()), {
        numRuns: SAMPLES.unify,
        seed: 99 + SEED,
      });
      const answers = ask(
        cases.map(([types, unsafe]) => ({ op: "unify", types: types.map(typeJSON), unsafe })),
      );
      let unified = 0;
      cases.forEach(([types, unsafe], i) => {
        const a = answers[i]!;
        const label = `${types.map(typeToJSON).join(" ")} (unsafe ${unsafe})`;
        expect(a.panic, label).toBeUndefined();
        const r = unifyInternal(types, unsafe);
        expect(
          {
            type: r.type === undefined ? null : typeJSON(r.type),
            convs: r.conversions.map((c) => c !== undefined),
          },
          label,
        ).toEqual({
          type: a.type,
          convs: a.convs,
        });
        if (r.type !== undefined) unified++;
      });
      expect(unified).toBeGreaterThan(SAMPLES.unify / 5);
    },
    60_000 * SCALE,
  );

  it(
    "mismatchMessage words failures like MismatchMessage",
    () => {
      const cases = fc.sample(
        arbType(3, true).chain((t) => fc.tuple(fc.constant(t), arbRelated(t, 3))),
        { numRuns: SAMPLES.mismatch, seed: 5 + SEED },
      );
      const answers = ask(
        cases.map(([got, want]) => ({ op: "mismatch", got: typeJSON(got), want: typeJSON(want) })),
      );
      cases.forEach(([got, want], i) => {
        const a = answers[i]!;
        expect(mismatchMessage(got, want), `${typeToJSON(got)} vs ${typeToJSON(want)}`).toBeOneOf(
          a.messages as string[],
        );
      });
    },
    60_000 * SCALE,
  );
});

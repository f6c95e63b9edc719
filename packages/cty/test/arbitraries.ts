/**
 * fast-check generators of random cty types and values for the oracle property suite: nested
 * collections and structures, dynamic slots, nulls, unknowns with refinements, exact numbers at
 * the int64/float64 edges, and Unicode text (astral, combining, non-NFC, HTML-sensitive).
 */
import fc from "fast-check";
import {
  boolVal,
  CtyBool,
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
  hasDynamicTypes,
  hasOptionalAttributes,
  listVal,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  type Refinements,
  setVal,
  stringVal,
  tupleVal,
  unknownVal,
} from "../src/index.js";

const PIECES = [
  "a",
  "b",
  "z",
  "A",
  "0",
  "-",
  " ",
  "é",
  "e\u0301",
  "\u0301",
  "a\u0308",
  "\u212b",
  "\u1100\u1161",
  "\ufb01",
  "가",
  "😀",
  "🇫🇷",
  "👩‍👩‍👧",
  "\u{10ffff}",
  "\uffff",
  "\ue000",
  "\u0000",
  "\u001f",
  "\u007f",
  '"',
  "\\",
  "<",
  ">",
  "&",
  "\u2028",
  "\u2029",
  "\n",
  "\t",
];

/** Text built from tricky pieces or arbitrary code points (never lone surrogates). */
export const textArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((p) => p.join("")) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom("", "a", "b", "ab") },
  { weight: 1, arbitrary: fc.string({ maxLength: 300, minLength: 20 }) },
);

/** Attribute names and map keys (NFC, as go-cty normalises them). */
export const keyArb: fc.Arbitrary<string> = fc
  .oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        "a",
        "b",
        "c",
        "id",
        "name",
        "Z",
        "_",
        "",
        "é",
        "😀",
        "a\u0308",
        "ﬁ",
        "<&>",
        "\u00e0b",
      ),
    },
    { weight: 2, arbitrary: textArb },
  )
  .map((s) => s.normalize("NFC"));

const EDGE_INTS = [
  0n,
  1n,
  -1n,
  127n,
  128n,
  -32n,
  -33n,
  255n,
  256n,
  -128n,
  -129n,
  65535n,
  65536n,
  -32768n,
  -32769n,
  (1n << 31n) - 1n,
  1n << 31n,
  -(1n << 31n),
  -(1n << 31n) - 1n,
  (1n << 32n) - 1n,
  1n << 32n,
  (1n << 53n) - 1n,
  1n << 53n,
  (1n << 53n) + 1n,
  -(1n << 53n) - 1n,
  (1n << 63n) - 1n,
  1n << 63n,
  -(1n << 63n),
  -(1n << 63n) - 1n,
  (1n << 64n) - 1n,
  1n << 64n,
  10n ** 30n,
  -(10n ** 40n) - 7n,
];

/** Exact numbers: int64 edges, big integers, float64 values, 512-bit decimals (see {@link canonicalNum}). */
export const numArb: fc.Arbitrary<CtyNum> = fc
  .oneof<CtyNum[]>(
    { weight: 3, arbitrary: fc.integer({ min: -300, max: 300 }).map((n) => CtyNum.fromInt64(BigInt(n))) },
    { weight: 2, arbitrary: fc.constantFrom(...EDGE_INTS).map((n) => CtyNum.from(n)) },
    { weight: 2, arbitrary: fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }).map((n) => CtyNum.from(n)) },
    {
      weight: 3,
      arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => CtyNum.fromFloat64(d)),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(0.1, 1.5, -2.25, 1e300, 5e-324, 2 ** 70, 1 / 3)
        .map((d) => CtyNum.fromFloat64(d)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: -60, max: 60 }))
        .map(([neg, digits, exp]) => CtyNum.parse(`${neg ? "-" : ""}${digits}e${exp}`)),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("0.1", "0.333333333333333333333333333333", "1e-400", "123456789.987654321")
        .map((s) => CtyNum.parse(s)),
    },
  )
  .map(canonicalNum);

/**
 * Numbers as they come back from the wire. Negative zero is written as the integer 0, and an
 * integral float64 beyond int64 is written as its shortest 53-bit decimal text, which parses
 * back (at 512 bits) to a slightly different number: a set holding one is re-ordered after a
 * round trip, in go-cty as well (go-cty is not idempotent there). Generate the reparsed value.
 */
function canonicalNum(n: CtyNum): CtyNum {
  if (n.isZero && n.negative) return n.neg();
  if (n.isInt() && n.precision === 53 && n.toInt64() === undefined) return CtyNum.parse(n.text());
  return n;
}

/** Options for {@link typeArb}. */
export interface TypeOptions {
  /** Allow the dynamic pseudo-type. */
  dynamic: boolean;
  /** Allow object types with optional attributes (default true). */
  optional?: boolean;
}

/** Random types up to a small depth. */
export function typeArb(opts: TypeOptions = { dynamic: true }): fc.Arbitrary<CtyType> {
  const leaf = fc.oneof(
    { weight: 3, arbitrary: fc.constant<CtyType>(CtyString) },
    { weight: 3, arbitrary: fc.constant<CtyType>(CtyNumber) },
    { weight: 2, arbitrary: fc.constant<CtyType>(CtyBool) },
    { weight: opts.dynamic ? 2 : 0, arbitrary: fc.constant<CtyType>(CtyDynamic) },
  );
  const { t } = fc.letrec<{ t: CtyType }>((tie) => ({
    t: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      tie("t").map((e) => CtyList(e)),
      tie("t").map((e) => CtySet(e)),
      tie("t").map((e) => CtyMap(e)),
      fc
        .tuple(
          fc.uniqueArray(fc.tuple(keyArb, tie("t")), { maxLength: 4, selector: (x) => x[0] }),
          // A bit mask of optional attributes (object types as constraints, e.g. as list elements).
          opts.optional === false ? fc.constant(0) : fc.oneof(fc.constant(0), fc.nat(15)),
        )
        .map(([attrs, mask]) =>
          CtyObject(
            Object.fromEntries(attrs),
            attrs.filter((_, i) => (mask >> i) & 1).map(([name]) => name),
          ),
        ),
      fc.array(tie("t"), { maxLength: 3 }).map((es) => CtyTuple(es)),
    ),
  }));
  return t;
}

/** A seeded random source for value generation inside one case. */
export interface Rand {
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  num(): CtyNum;
  text(): string;
  key(): string;
}

/** Makes a {@link Rand} from fast-check's random generator. */
export function randArb(): fc.Arbitrary<Rand> {
  return fc
    .infiniteStream(fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), numArb, textArb, keyArb))
    .map((stream) => {
      const it = stream[Symbol.iterator]();
      const next = () => it.next().value as [number, CtyNum, string, string];
      return {
        int: (min, max) => min + (next()[0] % (max - min + 1)),
        pick: (items) => items[next()[0] % items.length]!,
        chance: (p) => next()[0] / 1_000_000 < p,
        num: () => next()[1],
        text: () => next()[2],
        key: () => next()[3],
      };
    });
}

/** Replaces dynamic parts of a type by concrete types (or keeps them, sometimes). */
function concretize(t: CtyType, r: Rand, depth: number): CtyType {
  switch (t.kind) {
    case "dynamic": {
      if (r.chance(0.15)) return CtyDynamic;
      const prims = [CtyString, CtyNumber, CtyBool];
      if (depth > 2) return r.pick(prims);
      const choice = r.int(0, 5);
      if (choice < 3) return prims[choice]!;
      if (choice === 3) return CtyList(r.pick(prims));
      if (choice === 4) return CtyObject({ [r.key()]: r.pick(prims), x: CtyDynamic });
      return CtyTuple([r.pick(prims), CtyDynamic]);
    }
    case "list":
      return CtyList(concretize(t.element, r, depth + 1));
    case "set":
      return CtySet(concretize(t.element, r, depth + 1));
    case "map":
      return CtyMap(concretize(t.element, r, depth + 1));
    case "object":
      return CtyObject(
        Object.fromEntries(t.names.map((n) => [n, concretize(t.attributes[n]!, r, depth + 1)])),
      );
    case "tuple":
      return CtyTuple(t.elements.map((e) => concretize(e, r, depth + 1)));
    default:
      return t;
  }
}

function refinementsFor(t: CtyType, r: Rand): Refinements {
  const out: { -readonly [K in keyof Refinements]: Refinements[K] } = {};
  if (r.chance(0.5)) out.notNull = true;
  if (t.kind === "string" && r.chance(0.6)) out.stringPrefix = r.text().normalize("NFC");
  if (t.kind === "number") {
    const a = r.num();
    const b = r.num();
    if (a.isInf || b.isInf) return out;
    const [lo, hi] = a.compare(b) <= 0 ? [a, b] : [b, a];
    const loInc = r.chance(0.5);
    const hiInc = lo.compare(hi) === 0 ? loInc : r.chance(0.5);
    if (r.chance(0.6)) out.numberLower = { value: lo, inclusive: loInc || lo.compare(hi) === 0 };
    if (r.chance(0.6)) out.numberUpper = { value: hi, inclusive: hiInc || lo.compare(hi) === 0 };
  }
  if (t.kind === "list" || t.kind === "set" || t.kind === "map") {
    const lo = r.int(0, 4);
    const hi = lo + r.int(0, 4);
    if (r.chance(0.5)) out.lengthLower = lo;
    if (r.chance(0.5)) out.lengthUpper = hi;
  }
  return out;
}

/** Options for {@link genValue}. */
export interface ValueOptions {
  /** Probability of a null at each position. */
  nulls: number;
  /** Probability of an unknown at each position (0 for wholly known values). */
  unknowns: number;
}

/** Replaces every dynamic part of a type by a concrete type without dynamic parts. */
function concretizeFully(t: CtyType, r: Rand): CtyType {
  const prims = [CtyString, CtyNumber, CtyBool];
  switch (t.kind) {
    case "dynamic": {
      const choice = r.int(0, 4);
      if (choice < 3) return prims[choice]!;
      if (choice === 3) return CtyList(r.pick(prims));
      return CtyObject({ [r.key()]: r.pick(prims) });
    }
    case "list":
      return CtyList(concretizeFully(t.element, r));
    case "set":
      return CtySet(concretizeFully(t.element, r));
    case "map":
      return CtyMap(concretizeFully(t.element, r));
    case "object":
      return CtyObject(Object.fromEntries(t.names.map((n) => [n, concretizeFully(t.attributes[n]!, r)])));
    case "tuple":
      return CtyTuple(t.elements.map((e) => concretizeFully(e, r)));
    default:
      return t;
  }
}

/**
 * Generates a value conforming to the declared type `d`, built with the public constructors.
 *
 * Inside a collection whose element type contains `dynamic`, every element must come out with
 * the same type after go-cty decodes it (go-cty panics otherwise), so the dynamic parts are bound
 * once to concrete types (`bound`), and positions whose declared type contains `dynamic` but is
 * not itself `dynamic` are never null, unknown or empty: on the wire those carry no type.
 */
export function genValue(d: CtyType, r: Rand, opts: ValueOptions, depth = 0, bound?: CtyType): CtyValue {
  const strict = bound !== undefined;
  if (d.kind === "dynamic") {
    if (strict) return genValue(bound, r, opts, depth + 1);
    const c = concretize(d, r, depth);
    if (c.kind === "dynamic") return opts.unknowns > 0 && r.chance(0.5) ? DynamicVal : nullVal(CtyDynamic);
    return genValue(c, r, opts, depth + 1);
  }
  // As with dynamic parts: go-cty gives a null, unknown or empty collection the declared type
  // (optional markers included) but a known object its concrete type, so in a collection of
  // such types these never mix with known values (go-cty panics on the inconsistent types).
  const typed = strict && (hasDynamicTypes(d) || hasOptionalAttributes(d));
  if (!typed && r.chance(opts.nulls)) return nullVal(d);
  if (!typed && r.chance(opts.unknowns))
    return unknownVal(d, r.chance(0.6) ? refinementsFor(d, r) : undefined);
  const n = typed ? r.int(1, 2) : depth > 3 ? r.int(0, 1) : r.int(0, 4);
  switch (d.kind) {
    case "string":
      return stringVal(r.text());
    case "number":
      return numberVal(r.num());
    case "bool":
      return boolVal(r.chance(0.5));
    case "list":
    case "set":
    case "map": {
      const e = d.element;
      const eb = strict
        ? (bound as typeof d).element
        : hasDynamicTypes(e)
          ? concretizeFully(e, r)
          : hasOptionalAttributes(e)
            ? e
            : undefined;
      if (d.kind === "map") {
        const entries = Array.from(
          { length: n },
          () => [r.key(), genValue(e, r, opts, depth + 1, eb)] as const,
        );
        return mapVal(entries, e);
      }
      const elems = Array.from({ length: n }, () => genValue(e, r, opts, depth + 1, eb));
      if (d.kind === "set" && n > 0 && r.chance(0.3)) elems.push(elems[0]!); // a duplicate
      return d.kind === "list" ? listVal(elems, e) : setVal(elems, e);
    }
    case "object": {
      const b = bound as typeof d | undefined;
      return objectVal(
        d.names.map(
          (name) => [name, genValue(d.attributes[name]!, r, opts, depth + 1, b?.attributes[name])] as const,
        ),
      );
    }
    case "tuple": {
      const b = bound as typeof d | undefined;
      return tupleVal(d.elements.map((e, i) => genValue(e, r, opts, depth + 1, b?.elements[i])));
    }
    default:
      throw new Error(`cannot generate values of ${d.kind}`);
  }
}

/**
 * Value equality: go-cty's three-valued `Value.Equals` and its exact `Value.RawEquals`.
 *
 * @module
 */
import { conformsTo, False, True, unknownVal } from "./constructors.js";
import { children, containsMarked, unmark, unmarkDeep } from "./marks.js";
import type { CtyNum } from "./number.js";
import { definitelyNotNull, type NumberBound, type Refinements } from "./refinement.js";
import { CtyBool, hasDynamicTypes, typeEquals } from "./types.js";
import { CtyValue, type Mark } from "./value.js";

function unknownBool(): CtyValue {
  return unknownVal(CtyBool, { notNull: true });
}

function withMarks(v: CtyValue, ...sets: ReadonlySet<Mark>[]): CtyValue {
  const all = new Set<Mark>(v.marks);
  for (const s of sets) for (const m of s) all.add(m);
  return all.size === 0 ? v : new CtyValue(v.type, v.raw, all);
}

/**
 * go-cty's `Value.Equals`: a `bool` value that is unknown (refined not-null) when the answer
 * depends on values not known yet. Nulls are equal to each other whatever their type; marks of
 * both sides carry over to the result.
 */
export function equals(a: CtyValue, b: CtyValue): CtyValue {
  return equalsAt(a, b, false);
}

/** `equals`; `inner` is true below a level already found unmarked with wholly known types. */
function equalsAt(a: CtyValue, b: CtyValue, inner: boolean): CtyValue {
  if (!inner && (containsMarked(a) || containsMarked(b))) {
    const [ua, pa] = unmarkDeep(a);
    const [ub, pb] = unmarkDeep(b);
    let ma: ReadonlySet<Mark>;
    let mb: ReadonlySet<Mark>;
    if (Number(a.isNull) + Number(b.isNull) === 1) {
      ma = a.marks;
      mb = b.marks;
    } else {
      ma = new Set(pa.flatMap((p) => [...p.marks]));
      mb = new Set(pb.flatMap((p) => [...p.marks]));
    }
    return withMarks(equalsAt(ua, ub, false), ma, mb);
  }
  if ((a.isNull && definitelyNotNull(b)) || (b.isNull && definitelyNotNull(a))) return False;
  if (a.isKnown && !b.isKnown && rangeIncludes(b, a) === false) return False;
  if (b.isKnown && !a.isKnown && rangeIncludes(a, b) === false) return False;
  if (!a.isKnown && !b.isKnown) return unknownBool();
  if (!a.isKnown || !b.isKnown) {
    const [known, unk] = a.isKnown ? [a, b] : [b, a];
    if (known.isNull || hasDynamicTypes(unk.type)) return unknownBool();
    if (!typeEquals(known.type, unk.type)) return False;
    return unknownBool();
  }
  if (a.isNull && b.isNull) return True;
  if (a.isNull || b.isNull) return False;
  if (!inner && (!hasWhollyKnownType(a) || !hasWhollyKnownType(b))) {
    if (!conformsTo(a.type, b.type) && !conformsTo(b.type, a.type)) return False;
    return unknownBool();
  }
  if (!typeEquals(a.type, b.type)) return False;
  const r = knownEquals(a, b);
  return r === undefined ? unknownBool() : r ? True : False;
}

/** Equality of two known, non-null, unmarked values of the same type; undefined = unknown. */
function knownEquals(a: CtyValue, b: CtyValue): boolean | undefined {
  switch (a.type.kind) {
    case "number":
      return (a.raw as CtyNum).equals(b.raw as CtyNum);
    case "string":
    case "bool":
    case "capsule":
      return a.raw === b.raw;
    case "list":
    case "tuple": {
      const x = a.raw as readonly CtyValue[];
      const y = b.raw as readonly CtyValue[];
      if (x.length !== y.length) return false;
      return sequenceEquals(x.map((e, i) => [e, y[i]!]));
    }
    case "object": {
      const x = a.raw as ReadonlyMap<string, CtyValue>;
      const y = b.raw as ReadonlyMap<string, CtyValue>;
      return unorderedEquals(a.type.names.map((n) => [x.get(n)!, y.get(n)!]));
    }
    case "map": {
      const x = a.raw as ReadonlyMap<string, CtyValue>;
      const y = b.raw as ReadonlyMap<string, CtyValue>;
      if (x.size !== y.size) return false;
      for (const k of x.keys()) if (!y.has(k)) return false;
      return unorderedEquals([...x].map(([k, e]) => [e, y.get(k)!]));
    }
    case "set": {
      const x = a.raw as readonly CtyValue[];
      const y = b.raw as readonly CtyValue[];
      let equal = true;
      for (const [p, q] of [
        [x, y],
        [y, x],
      ] as const) {
        for (const e of p) {
          if (!e.isKnown) return undefined;
          if (!q.some((o) => definitelyEqual(e, o))) equal = false;
        }
      }
      return equal;
    }
    case "dynamic":
      return undefined;
  }
}

/** Element-wise equality in order: the first unknown comparison makes the result unknown, the first false makes it false. */
function sequenceEquals(pairs: readonly (readonly [CtyValue, CtyValue])[]): boolean | undefined {
  for (const [x, y] of pairs) {
    const r = equalsAt(x, y, true);
    if (!r.isKnown) return undefined;
    if (r.raw === false) return false;
  }
  return true;
}

/**
 * Equality of map elements or object attributes: false if any pair is definitely unequal,
 * otherwise unknown if any pair is unknown. (go-cty walks these in Go's random map order and
 * stops at the first unknown or false pair, so with both present its answer varies from run to
 * run; false is always one of its possible answers, and the most useful one.)
 */
function unorderedEquals(pairs: readonly (readonly [CtyValue, CtyValue])[]): boolean | undefined {
  let unknown = false;
  for (const [x, y] of pairs) {
    const r = equalsAt(x, y, true);
    if (!r.isKnown) unknown = true;
    else if (r.raw === false) return false;
  }
  return unknown ? undefined : true;
}

function definitelyEqual(a: CtyValue, b: CtyValue): boolean {
  const r = equalsAt(a, b, true);
  return r.isKnown && r.raw === true;
}

/** go-cty's `HasWhollyKnownType`: no `DynamicVal` anywhere inside. */
export function hasWhollyKnownType(v: CtyValue): boolean {
  if (v.isNull) return true;
  if (!v.isKnown) return v.type.kind === "dynamic" ? false : !hasDynamicTypes(v.type);
  return children(v).every(([, e]) => hasWhollyKnownType(e));
}

/**
 * Whether the unknown value `u` could turn out to be the known value `v` given its refinements
 * (go-cty's `ValueRange.Includes`): false when ruled out, undefined when possible.
 */
export function rangeIncludes(u: CtyValue, v: CtyValue): false | undefined {
  const r: Refinements | undefined = u.refinements;
  if (r?.notNull && v.isNull) return false;
  if (v.isNull) return undefined;
  if (!conformsTo(v.type, u.type)) return false;
  if (v.type.kind === "dynamic" || r === undefined || !v.isKnown) return undefined;
  const [plain] = unmark(v);
  switch (plain.type.kind) {
    case "string":
      if (r.stringPrefix !== undefined && !(plain.raw as string).startsWith(r.stringPrefix)) return false;
      return undefined;
    case "number": {
      const n = plain.raw as CtyNum;
      if (outside(n, r.numberLower, 1) || outside(n, r.numberUpper, -1)) return false;
      return undefined;
    }
    case "list":
    case "set":
    case "map": {
      // A known set holding unknowns may shrink when they resolve: only its upper bound is firm.
      const raw = plain.raw as readonly CtyValue[] | ReadonlyMap<string, CtyValue>;
      const n = raw instanceof Map ? raw.size : (raw as readonly CtyValue[]).length;
      const exact =
        plain.type.kind !== "set" ||
        n <= 1 ||
        (raw as readonly CtyValue[]).every((e) => isWhollyKnownValue(e));
      if (r.lengthLower !== undefined && n < r.lengthLower) return false;
      if (r.lengthUpper !== undefined && (exact ? n : 1) > r.lengthUpper) return false;
      return undefined;
    }
    default:
      return undefined;
  }
}

function isWhollyKnownValue(v: CtyValue): boolean {
  return v.isKnown && children(v).every(([, e]) => isWhollyKnownValue(e));
}

/** True if `n` violates the bound; dir 1 = lower bound, -1 = upper bound. */
function outside(n: CtyNum, bound: NumberBound | undefined, dir: 1 | -1): boolean {
  if (bound === undefined) return false;
  const c = n.compare(bound.value) * dir;
  return c < 0 || (c === 0 && !bound.inclusive);
}

function sameMarks(a: ReadonlySet<Mark>, b: ReadonlySet<Mark>): boolean {
  if (a.size !== b.size) return false;
  for (const m of a) if (!b.has(m)) return false;
  return true;
}

function sameBound(a: NumberBound | undefined, b: NumberBound | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.inclusive === b.inclusive && a.value.equals(b.value);
}

function sameRefinements(a: Refinements | undefined, b: Refinements | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    !!a.notNull === !!b.notNull &&
    (a.stringPrefix ?? "") === (b.stringPrefix ?? "") &&
    sameBound(a.numberLower, b.numberLower) &&
    sameBound(a.numberUpper, b.numberUpper) &&
    (a.lengthLower ?? 0) === (b.lengthLower ?? 0) &&
    a.lengthUpper === b.lengthUpper
  );
}

/**
 * go-cty's `Value.RawEquals`: exact identity of type, marks (at every level), unknown-ness,
 * refinements and content. Numbers compare with cty's number equality. For tests and caches.
 */
export function rawEquals(a: CtyValue, b: CtyValue): boolean {
  if (!typeEquals(a.type, b.type)) return false;
  if (!sameMarks(a.marks, b.marks)) return false;
  if (!a.isKnown || !b.isKnown)
    return !a.isKnown && !b.isKnown && sameRefinements(a.refinements, b.refinements);
  if (a.isNull || b.isNull) return a.isNull && b.isNull;
  switch (a.type.kind) {
    case "number":
      return (a.raw as CtyNum).equals(b.raw as CtyNum);
    case "string":
    case "bool":
    case "capsule":
      return a.raw === b.raw;
    case "list":
    case "tuple":
    case "set": {
      const x = a.raw as readonly CtyValue[];
      const y = b.raw as readonly CtyValue[];
      return x.length === y.length && x.every((e, i) => rawEquals(e, y[i]!));
    }
    case "map":
    case "object": {
      const x = a.raw as ReadonlyMap<string, CtyValue>;
      const y = b.raw as ReadonlyMap<string, CtyValue>;
      if (x.size !== y.size) return false;
      for (const [k, e] of x) {
        const o = y.get(k);
        if (o === undefined || !rawEquals(e, o)) return false;
      }
      return true;
    }
    case "dynamic":
      return true;
  }
}

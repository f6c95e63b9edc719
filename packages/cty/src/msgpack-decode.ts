/**
 * msgpack decoding of cty values, accepting what go-cty's `msgpack.Unmarshal` accepts and
 * building the same values (strings NFC-normalised, sets de-duplicated and ordered, refined
 * unknowns collapsed as go-cty's refinement builder does).
 *
 * @module
 */

import { checkNumberRange, MAX_VALUE_DEPTH, tooDeep } from "./codec-limits.js";
import {
  emptyObjectVal,
  emptyTupleVal,
  False,
  listVal,
  mapVal,
  objectVal,
  setVal,
  True,
  tupleVal,
} from "./constructors.js";
import { CtyCodecError, codecBoundary, rethrowWithin } from "./msgpack-error.js";
import { describeCode, isExtCode, MsgpackReader } from "./msgpack-reader.js";
import { decodeUnknown } from "./msgpack-unknown.js";
import { CtyNum } from "./number.js";
import { type AttrSlot, attributePosition, ObjectAttrs, toSlot } from "./object-attrs.js";
import { attrStep, indexStep, keyStep } from "./path.js";
import { canonicalSetElements } from "./set.js";
import { typeFromJSON } from "./type-json.js";
import {
  CtyDynamic,
  type CtyObjectType,
  type CtyType,
  hasDynamicTypes,
  hasOptionalAttributes,
} from "./types.js";
import { CtyValue } from "./value.js";

/**
 * Decodes msgpack bytes as a value of the given type, as go-cty's `msgpack.Unmarshal` does:
 * strings may be str or bin, numbers any int or float width or a decimal string, any extension
 * of length 0 or 1 is a plain unknown, extension `0x0c` carries refinements. As go-cty, bytes
 * after the first complete value are ignored.
 *
 * The result's type conforms to `type`; it is more specific where `type` contains `dynamic`.
 * @throws {CtyCodecError} on malformed or non-conforming input (message and `path`).
 */
export function decodeMsgpack(bytes: Uint8Array, type: CtyType): CtyValue {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("decodeMsgpack expects a Uint8Array");
  const r = new MsgpackReader(bytes);
  return codecBoundary(() => decodeValue(r, type));
}

const SMALL_INTS: CtyNum[] = [];
for (let i = -32; i < 256; i++) SMALL_INTS.push(CtyNum.fromInt64(BigInt(i)));

const plainCache = new WeakMap<CtyType, boolean>();
/** True for a type with neither dynamic parts nor optional attributes at any depth. */
function plainType(t: CtyType): boolean {
  let p = plainCache.get(t);
  if (p === undefined) {
    p = !hasDynamicTypes(t) && !hasOptionalAttributes(t);
    plainCache.set(t, p);
  }
  return p;
}

interface ObjectLayout {
  names: readonly string[];
  nameBytes: Uint8Array[];
  types: CtyType[];
}
const layoutCache = new WeakMap<CtyObjectType, ObjectLayout>();
function layoutOf(t: CtyObjectType): ObjectLayout {
  let l = layoutCache.get(t);
  if (l === undefined) {
    const enc = new TextEncoder();
    l = {
      names: t.names,
      nameBytes: t.names.map((n) => enc.encode(n)),
      types: t.names.map((n) => t.attributes[n]!),
    };
    layoutCache.set(t, l);
  }
  return l;
}

/** Consumes a str item if its bytes are exactly `expected` (the usual case: keys arrive sorted). */
function matchKey(r: MsgpackReader, expected: Uint8Array): boolean {
  const buf = r.buf;
  let p = r.pos;
  const c = buf[p]!;
  let n: number | undefined;
  if (c >= 0xa0 && c <= 0xbf) {
    n = c & 0x1f;
    p += 1;
  } else if (c === 0xd9) {
    n = buf[p + 1];
    p += 2;
  } else return false;
  if (n !== expected.length || p + n > r.end) return false;
  for (let k = 0; k < n; k++) if (buf[p + k] !== expected[k]) return false;
  r.pos = p + n;
  return true;
}

const typeCache = new Map<string, CtyType>();

const nullCache = new WeakMap<CtyType, CtyValue>();
/** The null of a type (shared: values are immutable). */
function nullOf(t: CtyType): CtyValue {
  let v = nullCache.get(t);
  if (v === undefined) {
    v = new CtyValue(t, null);
    nullCache.set(t, v);
  }
  return v;
}

type RawNumCtor = new (
  negative: boolean,
  mantissa: bigint,
  exponent: number,
  precision: number,
  infinite: boolean,
) => CtyNum;

/**
 * Builds a CtyNum from parts whose mantissa is already odd (trailing zero bits folded into the
 * exponent), skipping `fromParts`' bigint normalisation, which dominates decoding of
 * number-heavy payloads. The shortcut is used only if it builds exactly what `fromParts` builds.
 */
const oddParts: (negative: boolean, mantissa: bigint, exponent: number, precision: number) => CtyNum =
  (() => {
    const Raw = CtyNum as unknown as RawNumCtor;
    const viaParts = CtyNum.fromParts(true, 3n, -2, 53);
    try {
      const direct = new Raw(true, 3n, -2, 53, false);
      const same =
        direct instanceof CtyNum &&
        direct.negative === viaParts.negative &&
        direct.mantissa === viaParts.mantissa &&
        direct.exponent === viaParts.exponent &&
        direct.precision === viaParts.precision &&
        direct.infinite === viaParts.infinite &&
        direct.equals(viaParts);
      if (same) return (n, m, e, p) => new Raw(n, m, e, p, false);
    } catch {
      // fall through to the public path
    }
    return (n, m, e, p) => CtyNum.fromParts(n, m, e, p);
  })();

/** An integer within ±2^53 as go-cty's `NumberIntVal` (precision 64), without DataView/BigInt detours. */
function smallOrInt(n: number): CtyNum {
  if (n >= -32 && n < 256) return SMALL_INTS[n + 32]!;
  const neg = n < 0;
  let m = neg ? -n : n;
  let e = 0;
  while (m % 2 === 0) {
    m /= 2;
    e++;
  }
  return oddParts(neg, BigInt(m), e, 64);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: high word at index 1

/** A finite float64 as go-cty's `NumberFloatVal` (precision 53). */
function fromFloat(f: number): CtyNum {
  if (f === 0 || !Number.isFinite(f)) return CtyNum.fromFloat64(f);
  f64[0] = f;
  const hi = u32[HI]!;
  const lo = u32[1 - HI]!;
  const neg = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  let m = (hi & 0xfffff) * 4294967296 + lo;
  let e: number;
  if (biased === 0) e = -1074;
  else {
    m += 4503599627370496; // 2^52
    e = biased - 1075;
  }
  while (m % 2 === 0) {
    m /= 2;
    e++;
  }
  return oddParts(neg, BigInt(m), e, 53);
}

/** Decodes one value of type `t` at the reader's position. */
export function decodeValue(r: MsgpackReader, t: CtyType): CtyValue {
  const c = r.peek();
  if (isExtCode(c)) return decodeUnknown(r, t, decodeValue);
  if (t.kind === "dynamic") return decodeDynamic(r);
  if (c === 0xc0) {
    r.pos++;
    return nullOf(t);
  }
  switch (t.kind) {
    case "string":
      return new CtyValue(t, decodeString(r, c));
    case "number":
      return new CtyValue(t, decodeNumber(r, c));
    case "bool":
      r.pos++;
      if (c === 0xc3) return True;
      if (c === 0xc2) return False;
      return r.fail(`bool is required, found ${describeCode(c)}`);
    case "list":
    case "set": {
      const n = r.arrayLen();
      if (n === undefined) return r.fail(`a ${t.kind} is required, found ${describeCode(c)}`);
      r.need(n);
      if (++r.depth > MAX_VALUE_DEPTH) tooDeep();
      const et = t.element;
      const elems: CtyValue[] = new Array(n);
      for (let i = 0; i < n; i++) {
        try {
          elems[i] = decodeValue(r, et);
        } catch (e) {
          rethrowWithin(e, indexStep(i));
        }
      }
      r.depth--;
      if (t.kind === "set") {
        // Decoded elements carry no marks and, without dynamic or optional parts in `et`, have
        // type `et` exactly: setVal's checks would find nothing, only its canonical order is needed.
        if (plainType(et)) return new CtyValue(t, Object.freeze(canonicalSetElements(et, elems)));
        // As go-cty's SetVal/ListVal/MapVal: the elements decide the type (the declared one only
        // types an empty collection), so a constraint type never rejects what was decoded for it.
        return build(r, () => setVal(elems, n > 0 ? undefined : et));
      }
      // As go-cty's ListVal, the list's type comes from its elements where `et` is a constraint.
      if (!plainType(et)) return build(r, () => listVal(elems, n > 0 ? undefined : et));
      return new CtyValue(t, Object.freeze(elems));
    }
    case "map": {
      const n = r.mapLen();
      if (n === undefined) return r.fail(`a map is required, found ${describeCode(c)}`);
      r.need(n * 2);
      if (++r.depth > MAX_VALUE_DEPTH) tooDeep();
      const entries: [string, CtyValue][] = [];
      for (let i = 0; i < n; i++) {
        const key = r.string();
        if (key === undefined) return r.fail("non-string key in map");
        try {
          entries.push([key, decodeValue(r, t.element)]);
        } catch (e) {
          rethrowWithin(e, keyStep(key));
        }
      }
      r.depth--;
      return build(r, () => mapVal(entries, n > 0 ? undefined : t.element));
    }
    case "object": {
      if (++r.depth > MAX_VALUE_DEPTH) tooDeep();
      const v = decodeObject(r, t, c);
      r.depth--;
      return v;
    }
    case "tuple": {
      const n = r.arrayLen();
      if (n === undefined) return r.fail(`a tuple is required, found ${describeCode(c)}`);
      const ets = t.elements;
      // As go-cty: an empty array is the empty tuple, whatever tuple type was asked for.
      if (n === 0) return emptyTupleVal;
      if (n !== ets.length) return r.fail(`a tuple of length ${ets.length} is required (${n} given)`);
      if (++r.depth > MAX_VALUE_DEPTH) tooDeep();
      const elems: CtyValue[] = new Array(n);
      for (let i = 0; i < n; i++) {
        try {
          elems[i] = decodeValue(r, ets[i]!);
        } catch (e) {
          rethrowWithin(e, indexStep(i));
        }
      }
      r.depth--;
      return plainType(t) ? new CtyValue(t, Object.freeze(elems)) : build(r, () => tupleVal(elems));
    }
    case "capsule":
      return r.fail(`capsule type ${t.name} cannot be decoded from msgpack`);
  }
}

/** Runs a value constructor, turning its TypeError (e.g. inconsistent element types) into a codec error. */
function build(r: MsgpackReader, f: () => CtyValue): CtyValue {
  try {
    return f();
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError) return r.fail(e.message);
    throw e;
  }
}

function decodeObject(r: MsgpackReader, t: CtyObjectType, c: number): CtyValue {
  const n = r.mapLen();
  if (n === undefined) return r.fail(`an object is required, found ${describeCode(c)}`);
  const names = t.names;
  // As go-cty: an empty map is the empty object, whatever object type was asked for.
  if (n === 0) return emptyObjectVal;
  if (n !== names.length) return r.fail(`an object with ${names.length} attributes is required (${n} given)`);
  const layout = layoutOf(t);
  const types = layout.types;
  // Fast path: keys arrive in the type's (sorted) order, as go-cty writes them.
  const slots: AttrSlot[] = new Array(n);
  let i = 0;
  for (; i < n && matchKey(r, layout.nameBytes[i]!); i++) {
    try {
      slots[i] = decodeSlot(r, types[i]!);
    } catch (e) {
      rethrowWithin(e, attrStep(names[i]!));
    }
  }
  if (i < n) decodeObjectSlow(r, layout, slots, i, n);
  if (!plainType(t)) return build(r, () => objectVal(ObjectAttrs.fromSlots(t, slots)));
  return new CtyValue(t, ObjectAttrs.fromSlots(t, slots));
}

/** A str or bin item as a string, NFC-normalised as go-cty's `StringVal`. */
function decodeString(r: MsgpackReader, c: number): string {
  const s = r.string();
  if (s === undefined) return r.fail(`string is required, found ${describeCode(c)}`);
  // As many UTF-16 units as UTF-8 bytes means ASCII, which NFC leaves alone.
  return s.length === r.lastTextBytes ? s : s.normalize("NFC");
}

/**
 * One attribute as ObjectAttrs keeps it. Known strings and numbers are read straight into bare
 * payloads (no value is made for them); anything else is decoded as a value and packed by `toSlot`.
 */
function decodeSlot(r: MsgpackReader, t: CtyType): AttrSlot {
  const c = r.peek();
  if (c !== 0xc0 && !isExtCode(c)) {
    if (t.kind === "string") return decodeString(r, c);
    if (t.kind === "number") return decodeNumber(r, c);
  }
  return toSlot(decodeValue(r, t));
}

/** The rest of an object whose keys are not in order: each slot by its name's position. */
function decodeObjectSlow(
  r: MsgpackReader,
  layout: ObjectLayout,
  slots: AttrSlot[],
  from: number,
  n: number,
): void {
  for (let i = from; i < n; i++) {
    const key = r.string();
    if (key === undefined) r.fail("all keys must be strings");
    const at = attributePosition(layout.names, key);
    if (at < 0) throw new CtyCodecError("unsupported attribute", [attrStep(key)]);
    if (slots[at] !== undefined) throw new CtyCodecError("duplicate attribute", [attrStep(key)]);
    try {
      slots[at] = decodeSlot(r, layout.types[at]!);
    } catch (e) {
      rethrowWithin(e, attrStep(key));
    }
  }
}

function decodeNumber(r: MsgpackReader, c: number): CtyNum {
  r.pos++;
  if (c <= 0x7f) return SMALL_INTS[c + 32]!;
  if (c >= 0xe0) return SMALL_INTS[c - 0x100 + 32]!;
  switch (c) {
    case 0xcc:
      return SMALL_INTS[r.u8() + 32]!;
    case 0xcd:
      return smallOrInt(r.u16());
    case 0xce:
      return smallOrInt(r.u32());
    case 0xcf: {
      // Below 2^53 (sizes, timestamps, byte counts) without a bigint read and range checks.
      const hi = r.u32();
      const lo = r.u32();
      if (hi < 0x200000) return smallOrInt(hi * 4294967296 + lo);
      r.pos -= 8;
      return CtyNum.fromUint64(r.u64());
    }
    case 0xd0:
      return smallOrInt((r.u8() << 24) >> 24);
    case 0xd1:
      return smallOrInt((r.u16() << 16) >> 16);
    case 0xd2:
      return smallOrInt(r.u32() | 0);
    case 0xd3: {
      const hi = r.u32() | 0;
      const lo = r.u32();
      if (hi >= -0x200000 && hi < 0x200000) return smallOrInt(hi * 4294967296 + lo);
      r.pos -= 8;
      return CtyNum.fromInt64(r.i64());
    }
    case 0xca:
    case 0xcb: {
      const f = c === 0xca ? r.f32() : r.f64();
      if (Number.isNaN(f)) return r.fail("number is required (NaN is not a number)");
      return fromFloat(f);
    }
    default: {
      r.pos--;
      const s = r.string();
      if (s === undefined) return r.fail(`number is required, found ${describeCode(c)}`);
      let num: CtyNum;
      try {
        num = CtyNum.parse(s);
      } catch {
        return r.fail(
          `number is required (cannot parse ${JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s)})`,
        );
      }
      return checkNumberRange(num);
    }
  }
}

function decodeDynamic(r: MsgpackReader): CtyValue {
  const c = r.peek();
  const n = r.arrayLen();
  if (n === undefined)
    return r.fail(`a dynamic value ([type, value] array) is required, found ${describeCode(c)}`);
  if (n === -1) return new CtyValue(CtyDynamic, null);
  if (n !== 2) return r.fail("dynamic value array must have exactly two elements");
  const tj = r.bytes();
  if (tj === undefined) return r.fail("the type of a dynamic value must be type JSON in a bin or str item");
  const key = new TextDecoder().decode(tj);
  let t = typeCache.get(key);
  if (t === undefined) {
    try {
      t = typeFromJSON(tj);
    } catch (e) {
      return r.fail(`invalid type in dynamic value: ${(e as Error).message}`);
    }
    if (typeCache.size > 1000) typeCache.clear();
    typeCache.set(key, t);
  }
  if (++r.depth > MAX_VALUE_DEPTH) tooDeep();
  const v = decodeValue(r, t);
  r.depth--;
  return v;
}

/**
 * A msgpackr-based msgpack path for cty values, written only to compare msgpackr with
 * @pyvider/cty's own msgpack byte layer (MsgpackWriter / MsgpackReader) on the same bytes.
 *
 * Encoding turns the value into plain data that msgpackr packs into go-cty's exact layout:
 * - ints that fit 32 bits are JS numbers (msgpackr then picks the smallest form, as go-cty does,
 *   with `useRecords: false` so 0x20..0x7f stay positive fixints); negative int64 below
 *   -2^31 is a bigint (`d3`); positive ones above 2^32-1 are a {@link U64} written as `cf`
 *   (msgpackr writes a positive int64 bigint as `d3`, go-cty as `cf`), through an extension
 *   whose `pack` writes raw bytes and returns nothing, so no extension header is written;
 * - non-integers exactly a float64 are JS numbers (`cb`), other numbers their decimal text;
 * - objects are plain objects (`variableMapSize` for the shortest header) unless a name looks like an
 *   array index (a plain object would put those first); then, as maps, `Map`s in bytewise key order;
 * - unknown is `undefined` (msgpackr writes `d4 00 00`); a refined unknown is extension `0x0c`
 *   with a map body keyed by small integers;
 * - a value in a `dynamic` slot is `[type JSON as a Uint8Array (bin), value]`.
 *
 * Decoding unpacks to plain data (`mapsAsObjects: true`, `int64AsType: "bigint"`) and walks it
 * with the type. It covers what the benchmark data needs and is checked against the package's own
 * decoder (same values) before anything is timed. Known gaps, each of which go-cty fidelity would
 * need: a `cb` float that is integral reads as an int (precision 64 instead of 53, the same
 * value and bytes), invalid UTF-8 in a str cannot be told from U+FFFD, 0/1-byte extensions of
 * other type codes and refinements are not read back, and a map whose keys are not strings
 * or repeat a key cannot be told apart (decoded to a plain object).
 */

import {
  CtyNum,
  type CtyType,
  CtyValue,
  canonicalSetElements,
  compareUtf8,
  ObjectAttrs,
  type Refinements,
  typeFromJSON,
  typeToJSON,
  UnknownRaw,
  unknownVal,
} from "@pyvider/cty";
import { addExtension, Packr, Unpackr } from "msgpackr";

/** A positive integer above 2^32-1 and below 2^64, written as msgpack `cf`. */
class U64 {
  constructor(readonly n: bigint) {}
}
/** A refined unknown's extension body (already msgpack). */
class Refined {
  constructor(readonly body: Uint8Array) {}
}
/** The marker msgpackr's decoder returns for extension 0x0c. */
class RefinedBody {
  constructor(readonly body: Uint8Array) {}
}

addExtension({
  Class: U64,
  type: 0x7e, // never written: pack writes raw bytes and returns nothing
  pack(v: U64, allocate: (n: number) => { target: Uint8Array; targetView: DataView; position: number }) {
    const { target, targetView, position } = allocate(9);
    target[position] = 0xcf;
    targetView.setBigUint64(position + 1, v.n);
  },
  unpack() {
    throw new Error("extension 0x7e is never written");
  },
} as never);
addExtension({
  Class: Refined,
  type: 0x0c,
  pack: (v: Refined) => v.body,
  unpack: (body: Uint8Array) => new RefinedBody(body),
} as never);

// variableMapSize: shortest map headers for plain objects (otherwise always map16).
const packr = new Packr({
  useRecords: false,
  variableMapSize: true,
  encodeUndefinedAsNil: false,
  useFloat32: 0,
});
// Maps decode to plain objects (msgpackr's fast path); object attributes are looked up by name.
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, int64AsType: "bigint" });
const utf8 = new TextEncoder();
const fatalUtf8 = new TextDecoder("utf-8", { fatal: true });
const MAX_SAFE = 0x1fffffffffffffn;
const typeJSONCache = new WeakMap<CtyType, Uint8Array>();

function typeJSONBytes(t: CtyType): Uint8Array {
  let b = typeJSONCache.get(t);
  if (b === undefined) {
    b = utf8.encode(typeToJSON(t));
    typeJSONCache.set(t, b);
  }
  return b;
}

/** A number as the plain datum msgpackr writes in go-cty's form. */
function numberDatum(n: CtyNum): unknown {
  if (n.infinite) return n.negative ? -Infinity : Infinity;
  const m = n.mantissa;
  if (m === 0n) return 0;
  const e = n.exponent;
  if (e >= 0) {
    if (m <= MAX_SAFE && e < 53) {
      const v = Number(m) * 2 ** e;
      if (v <= 0xffffffff) return n.negative ? (v <= 0x80000000 ? -v : BigInt(-v)) : v;
      if (v <= Number.MAX_SAFE_INTEGER) return n.negative ? BigInt(-v) : new U64(BigInt(v));
    }
    const i = n.toInt64();
    if (i !== undefined) return i < 0n ? i : new U64(i);
    return n.text();
  }
  const f = n.toFloat64Exact();
  return f !== undefined ? f : n.text();
}

function refinedDatum(t: CtyType, r: Refinements | undefined): unknown {
  if (t.kind === "dynamic" || r === undefined) return undefined;
  const body = new Map<number, unknown>();
  if (r.notNull) body.set(1, false);
  if (t.kind === "number") {
    if (r.numberLower) body.set(3, [numberDatum(r.numberLower.value), r.numberLower.inclusive]);
    if (r.numberUpper) body.set(4, [numberDatum(r.numberUpper.value), r.numberUpper.inclusive]);
  } else if (t.kind === "string" && r.stringPrefix) body.set(2, r.stringPrefix);
  else if (t.kind === "list" || t.kind === "set" || t.kind === "map") {
    if (r.lengthLower) body.set(5, r.lengthLower);
    if (r.lengthUpper !== undefined) body.set(6, r.lengthUpper);
  }
  return body.size === 0 ? undefined : new Refined(packr.pack(body));
}

const plainKeyCache = new WeakMap<readonly string[], boolean>();
/** True if a plain object keeps these keys in insertion order (no array-index-like keys, no `__proto__`). */
function plainKeys(names: readonly string[]): boolean {
  let p = plainKeyCache.get(names);
  if (p === undefined) {
    p = names.every((n) => n !== "__proto__" && !/^(0|[1-9][0-9]*)$/.test(n));
    plainKeyCache.set(names, p);
  }
  return p;
}

/** The plain data msgpackr packs into go-cty's bytes for `v` of type `t` (no conversion, no marks). */
export function toDatum(v: CtyValue, t: CtyType): unknown {
  const vt = v.type;
  if (t.kind === "dynamic" && vt.kind !== "dynamic") return [typeJSONBytes(vt), toDatum(v, vt)];
  const raw = v.raw;
  if (raw === null) return null;
  if (raw instanceof UnknownRaw) return refinedDatum(vt, raw.refinements);
  switch (t.kind) {
    case "string":
      return textDatum(raw as string);
    case "number":
      return numberDatum(raw as CtyNum);
    case "bool":
      return raw;
    case "list":
    case "set": {
      const elems = raw as readonly CtyValue[];
      const out = new Array(elems.length);
      for (let i = 0; i < elems.length; i++) out[i] = toDatum(elems[i]!, t.element);
      return out;
    }
    case "tuple": {
      const elems = raw as readonly CtyValue[];
      return elems.map((e, i) => toDatum(e, t.elements[i]!));
    }
    case "map": {
      const out = new Map<string, unknown>();
      for (const [k, e] of raw as ReadonlyMap<string, CtyValue>) out.set(k, toDatum(e, t.element));
      return out;
    }
    case "object": {
      const attrs = raw as ReadonlyMap<string, CtyValue>;
      // As our encoder: the bare payloads an ObjectAttrs keeps are read without making values.
      const attr =
        attrs instanceof ObjectAttrs
          ? (i: number, at: CtyType) => slotDatum(attrs, i, at)
          : (i: number, at: CtyType) => toDatum(attrs.get(t.names[i]!)!, at);
      if (plainKeys(t.names)) {
        // A plain object is msgpackr's fast path; its key order is insertion order here.
        const out: Record<string, unknown> = {};
        t.names.forEach((name, i) => {
          out[name] = attr(i, t.attributes[name]!);
        });
        return out;
      }
      const out = new Map<string, unknown>();
      t.names.forEach((name, i) => {
        out.set(name, attr(i, t.attributes[name]!));
      });
      return out;
    }
    default:
      throw new Error(`cannot encode ${t.kind}`);
  }
}

/** A string for msgpackr, lone surrogates made U+FFFD (the bytes our writer produces). */
function textDatum(s: string): string {
  return s.isWellFormed() ? s : s.toWellFormed();
}

/** The datum of the attribute at position `i` of an object, from its slot. */
function slotDatum(attrs: ObjectAttrs, i: number, t: CtyType): unknown {
  const s = attrs.slots[i];
  if (typeof s === "string" && t.kind === "string") return textDatum(s);
  if (typeof s === "boolean" && t.kind === "bool") return s;
  if (s instanceof CtyNum && t.kind === "number") return numberDatum(s);
  return toDatum(attrs.at(i), t);
}

/** msgpackr's encoding of a value (go-cty's byte layout). */
export function encodeWithMsgpackr(v: CtyValue, t: CtyType): Uint8Array {
  return packr.pack(toDatum(v, t));
}

function str(d: unknown): string {
  if (typeof d === "string") return d;
  if (d instanceof Uint8Array) return fatalUtf8.decode(d);
  throw new Error("string is required");
}

/** Code points from U+0300 on; text below that is always NFC. */
const NON_LATIN = /[\u0300-\uffff]/;
/** NFC, skipped for text that cannot change (as the package's decoder does for ASCII). */
function nfc(s: string): string {
  return NON_LATIN.test(s) ? s.normalize("NFC") : s;
}

function num(d: unknown): CtyNum {
  switch (typeof d) {
    case "number":
      return Number.isSafeInteger(d) ? CtyNum.fromInt64(BigInt(d)) : CtyNum.fromFloat64(d);
    case "bigint":
      return d >= 0n ? CtyNum.fromUint64(d) : CtyNum.fromInt64(d);
    case "string":
      return CtyNum.parse(d);
    default:
      throw new Error("number is required");
  }
}

type Slot = Parameters<typeof ObjectAttrs.fromSlots>[1][number];

/** Builds a value of type `t` from msgpackr's plain data. */
export function fromDatum(d: unknown, t: CtyType): CtyValue {
  if (d === undefined) return unknownVal(t);
  if (d instanceof RefinedBody) throw new Error("refined unknowns are not read by this path");
  if (t.kind === "dynamic") {
    if (d === null) return new CtyValue(t, null);
    const [tj, inner] = d as [Uint8Array, unknown];
    return fromDatum(inner, typeFromJSON(str(tj)));
  }
  if (d === null) return new CtyValue(t, null);
  switch (t.kind) {
    case "string":
      return new CtyValue(t, nfc(str(d)));
    case "number":
      return new CtyValue(t, num(d));
    case "bool":
      if (typeof d !== "boolean") throw new Error("bool is required");
      return new CtyValue(t, d);
    case "list":
    case "set": {
      const a = d as unknown[];
      const out = new Array<CtyValue>(a.length);
      for (let i = 0; i < a.length; i++) out[i] = fromDatum(a[i], t.element);
      return new CtyValue(t, Object.freeze(t.kind === "set" ? canonicalSetElements(t.element, out) : out));
    }
    case "tuple":
      return new CtyValue(t, Object.freeze((d as unknown[]).map((e, i) => fromDatum(e, t.elements[i]!))));
    case "map": {
      const entries = Object.entries(d as Record<string, unknown>).map(
        ([k, e]) => [nfc(k), fromDatum(e, t.element)] as const,
      );
      entries.sort((a, b) => compareUtf8(a[0], b[0]));
      return new CtyValue(t, new Map(entries));
    }
    case "object": {
      // As our decoder: known strings, numbers and bools are kept as bare payloads (ObjectAttrs).
      const m = d as Record<string, unknown>;
      const slots: Slot[] = new Array(t.names.length);
      t.names.forEach((name, i) => {
        if (!Object.hasOwn(m, name)) throw new Error(`attribute ${name} is missing`);
        const e = m[name];
        const at = t.attributes[name]!;
        if (e === null || e === undefined || e instanceof RefinedBody) slots[i] = fromDatum(e, at);
        else if (at.kind === "string") slots[i] = nfc(str(e));
        else if (at.kind === "number") slots[i] = num(e);
        else if (at.kind === "bool" && typeof e === "boolean") slots[i] = e;
        else slots[i] = fromDatum(e, at);
      });
      return new CtyValue(t, ObjectAttrs.fromSlots(t, slots));
    }
    default:
      throw new Error(`cannot decode ${t.kind}`);
  }
}

/** msgpackr's decoding of go-cty's bytes for type `t`. */
export function decodeWithMsgpackr(bytes: Uint8Array, t: CtyType): CtyValue {
  return fromDatum(unpackr.unpack(bytes), t);
}

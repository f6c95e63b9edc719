/**
 * msgpack encoding of cty values, byte for byte as go-cty's `msgpack.Marshal`.
 *
 * @module
 */
import { checkNumberRange, MAX_VALUE_DEPTH, tooDeep } from "./codec-limits.js";
import { conformValue } from "./msgpack-conform.js";
import { CtyCodecError, codecBoundary, numberText, rethrowWithin } from "./msgpack-error.js";
import { MsgpackWriter, utf8 } from "./msgpack-writer.js";
import { CtyNum } from "./number.js";
import { ObjectAttrs } from "./object-attrs.js";
import { attrStep, elementStep, indexStep, keyStep } from "./path.js";
import { type Refinements, safeKnownPrefix } from "./refinement.js";
import { typeToJSON } from "./type-json.js";
import { type CtyObjectType, type CtyType, typeString } from "./types.js";
import { type CtyValue, UnknownRaw } from "./value.js";

/** Extension type of an unknown value carrying refinements. */
export const REFINED_UNKNOWN_EXT = 0x0c;
/** Longest string prefix refinement written, in UTF-8 bytes (go-cty truncates longer ones). */
export const MAX_PREFIX_BYTES = 256;

const MAX_SAFE = 0x1fffffffffffffn;
const typeJSONCache = new WeakMap<CtyType, Uint8Array>();

function typeJSONBytes(t: CtyType): Uint8Array {
  let b = typeJSONCache.get(t);
  if (b === undefined) {
    b = utf8(typeToJSON(t));
    typeJSONCache.set(t, b);
  }
  return b;
}

/**
 * Encodes a value as msgpack for the given type (usually the schema's type), exactly as go-cty:
 * null `c0`, unknown `d4 00 00` (refined: ext `0x0c`), numbers as the smallest int, a float64 or
 * their decimal text, object attributes and map keys sorted bytewise, sets in canonical order,
 * values in `dynamic` slots as `[type JSON as bin, value]`.
 *
 * @throws {CtyCodecError} when the value does not conform to the type, is marked (unmark it
 *   first), or holds a capsule; the error's `path` says where.
 */
export function encodeMsgpack(value: CtyValue, type: CtyType): Uint8Array {
  // One writer is reused across calls (its buffer keeps its grown size); encoding never
  // re-enters, so it cannot be shared by two calls at once.
  const w = shared ?? new MsgpackWriter(64 * 1024);
  shared = undefined;
  w.pos = 0;
  depth = 0;
  try {
    return codecBoundary(() => {
      encodeValue(w, conformValue(value, type), type);
      return w.finish();
    });
  } finally {
    shared = w.capacity <= MAX_KEPT_BUFFER ? w : undefined;
  }
}

/** Largest writer buffer kept between calls. */
const MAX_KEPT_BUFFER = 16 * 1024 * 1024;
let shared: MsgpackWriter | undefined;
/** Nesting of the value being encoded (containers and dynamic wrappers), bounded by MAX_VALUE_DEPTH. */
let depth = 0;

/** Writes one number as go-cty does. */
export function writeNumber(w: MsgpackWriter, n: CtyNum): void {
  if (n.infinite) {
    w.float64(n.negative ? -Infinity : Infinity);
    return;
  }
  const m = n.mantissa;
  if (m === 0n) {
    w.byte(0);
    return;
  }
  const e = n.exponent;
  if (e >= 0) {
    if (m <= MAX_SAFE && e < 53) {
      const v = Number(m) * 2 ** e;
      if (v <= Number.MAX_SAFE_INTEGER) {
        w.int(n.negative ? -v : v);
        return;
      }
    }
    checkNumberRange(n);
    const i = n.toInt64();
    if (i !== undefined) {
      w.int64(i);
      return;
    }
    // An integer beyond int64 is written as text even when a float64 could hold it exactly.
    w.str(numberText(n));
    return;
  }
  const f = exactFloat64(n.negative, m, e);
  if (f !== undefined) w.float64(f);
  else w.str(numberText(checkNumberRange(n)));
}

/**
 * `±m × 2^e` (m odd, e < 0) as a float64 when that is exact, else undefined: at most 53
 * significant bits, not below the smallest subnormal, not above the largest finite value.
 */
function exactFloat64(negative: boolean, m: bigint, e: number): number | undefined {
  if (m > MAX_SAFE || e < -1074) return undefined;
  const v = Number(m);
  const hi = Math.floor(v / 4294967296);
  const bits = hi > 0 ? 64 - Math.clz32(hi) : 32 - Math.clz32(v);
  if (e + bits > 1024) return undefined;
  const f = v * 2 ** e;
  return negative ? -f : f;
}

/** An object type's attribute names as ready msgpack str items, and its attribute types, in wire order. */
interface ObjectLayout {
  keys: Uint8Array[];
  types: CtyType[];
}
const layouts = new WeakMap<CtyObjectType, ObjectLayout>();

function objectLayout(t: CtyObjectType): ObjectLayout {
  let l = layouts.get(t);
  if (l === undefined) {
    const w = new MsgpackWriter(64);
    l = {
      keys: t.names.map((n) => {
        w.pos = 0;
        w.str(n);
        return w.finish();
      }),
      types: t.names.map((n) => t.attributes[n]!),
    };
    layouts.set(t, l);
  }
  return l;
}

function fail(reason: string): never {
  throw new CtyCodecError(reason);
}

function encodeValue(w: MsgpackWriter, v: CtyValue, t: CtyType): void {
  if (v.marks.size > 0) fail("value has marks, so it cannot be serialized (unmark it first)");
  const vt = v.type;
  if (t.kind === "dynamic" && vt.kind !== "dynamic") {
    if (vt.kind === "capsule") fail("capsule types not supported for msgpack encoding");
    w.byte(0x92);
    w.bin(typeJSONBytes(vt));
    if (++depth > MAX_VALUE_DEPTH) tooDeep();
    encodeValue(w, v, vt);
    depth--;
    return;
  }
  const raw = v.raw;
  if (raw === null) {
    w.nil();
    return;
  }
  if (raw instanceof UnknownRaw) {
    writeUnknown(w, vt, raw.refinements);
    return;
  }
  if (vt.kind !== t.kind) fail(`a value of type ${typeString(vt)} cannot be encoded as ${typeString(t)}`);
  switch (t.kind) {
    case "string":
      if (typeof raw !== "string") fail("string value expected");
      w.str(raw);
      return;
    case "number":
      writeNumber(w, raw as CtyNum);
      return;
    case "bool":
      w.bool(raw === true);
      return;
    case "list":
    case "set": {
      const elems = raw as readonly CtyValue[];
      const et = t.element;
      if (++depth > MAX_VALUE_DEPTH) tooDeep();
      w.arrayHeader(elems.length);
      for (let i = 0; i < elems.length; i++) {
        try {
          encodeValue(w, elems[i]!, et);
        } catch (e) {
          rethrowWithin(e, t.kind === "set" ? elementStep(elems[i]!) : indexStep(i));
        }
      }
      depth--;
      return;
    }
    case "map": {
      const entries = raw as ReadonlyMap<string, CtyValue>;
      const et = t.element;
      if (++depth > MAX_VALUE_DEPTH) tooDeep();
      w.mapHeader(entries.size);
      for (const [k, ev] of entries) {
        w.str(k);
        try {
          encodeValue(w, ev, et);
        } catch (e) {
          rethrowWithin(e, keyStep(k));
        }
      }
      depth--;
      return;
    }
    case "object": {
      const attrs = raw as ReadonlyMap<string, CtyValue>;
      const names = t.names;
      const layout = objectLayout(t);
      if (++depth > MAX_VALUE_DEPTH) tooDeep();
      w.mapHeader(names.length);
      if (attrs instanceof ObjectAttrs && attrs.hasNames(names)) {
        // Slots in wire order: bare payloads are written as they are, values as any value.
        for (let i = 0; i < names.length; i++) {
          w.raw(layout.keys[i]!);
          const s = attrs.slots[i];
          const at = layout.types[i]!;
          if (typeof s === "string" && at.kind === "string") w.str(s);
          else if (typeof s === "boolean" && at.kind === "bool") w.bool(s);
          else {
            try {
              if (s instanceof CtyNum && at.kind === "number") writeNumber(w, s);
              else encodeValue(w, attrs.at(i), at);
            } catch (e) {
              rethrowWithin(e, attrStep(names[i]!));
            }
          }
        }
        depth--;
        return;
      }
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!;
        const av = attrs.get(name);
        if (av === undefined) fail(`attribute "${name}" is missing from the value`);
        w.raw(layout.keys[i]!);
        try {
          encodeValue(w, av, layout.types[i]!);
        } catch (e) {
          rethrowWithin(e, attrStep(name));
        }
      }
      if (attrs.size !== names.length)
        fail(`the value has attributes that type ${typeString(t)} does not declare`);
      depth--;
      return;
    }
    case "tuple": {
      const elems = raw as readonly CtyValue[];
      const ets = t.elements;
      if (elems.length !== ets.length) fail(`a tuple of length ${ets.length} is required`);
      if (++depth > MAX_VALUE_DEPTH) tooDeep();
      w.arrayHeader(ets.length);
      for (let i = 0; i < ets.length; i++) {
        try {
          encodeValue(w, elems[i]!, ets[i]!);
        } catch (e) {
          rethrowWithin(e, indexStep(i));
        }
      }
      depth--;
      return;
    }
    case "capsule":
      fail("capsule types not supported for msgpack encoding");
      break;
    case "dynamic":
      fail("a known value cannot have the dynamic type");
  }
}

/** go-cty's prefix truncation: cut to 255 UTF-8 bytes, then `SafeKnownPrefix`. */
function truncatePrefix(bytes: Uint8Array): string {
  // Cut at 255 bytes, dropping a partial trailing character, then drop the last character
  // unless it is one that always ends a grapheme cluster (see SafeKnownPrefix).
  let cut = MAX_PREFIX_BYTES - 1;
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  const head = new TextDecoder().decode(bytes.subarray(0, cut));
  return safeKnownPrefix(head);
}

/** Writes an unknown value of type `t` with its refinements, as go-cty's `marshalUnknownValue`. */
export function writeUnknown(w: MsgpackWriter, t: CtyType, r: Refinements | undefined): void {
  if (t.kind === "dynamic" || r === undefined) {
    w.byte(0xd4);
    w.byte(0);
    w.byte(0);
    return;
  }
  const body = new MsgpackWriter(64);
  let count = 0;
  if (r.notNull) {
    count++;
    body.byte(1);
    body.bool(false);
  }
  if (t.kind === "number") {
    for (const [key, bound] of [
      [3, r.numberLower],
      [4, r.numberUpper],
    ] as const) {
      if (bound === undefined) continue;
      count++;
      body.byte(key);
      body.byte(0x92);
      writeNumber(body, bound.value);
      body.bool(bound.inclusive);
    }
  } else if (t.kind === "string") {
    let prefix = r.stringPrefix ?? "";
    if (prefix !== "") {
      const bytes = utf8(prefix);
      if (bytes.length > MAX_PREFIX_BYTES) prefix = truncatePrefix(bytes);
      count++;
      body.byte(2);
      body.str(prefix);
    }
  } else if (t.kind === "list" || t.kind === "set" || t.kind === "map") {
    if (r.lengthLower !== undefined && r.lengthLower !== 0) {
      count++;
      body.byte(5);
      body.int(r.lengthLower);
    }
    if (r.lengthUpper !== undefined) {
      count++;
      body.byte(6);
      body.int(r.lengthUpper);
    }
  }
  if (count === 0) {
    w.byte(0xd4);
    w.byte(0);
    w.byte(0);
    return;
  }
  const payload = body.finish();
  // The map header (count < 16 always) plus the entries.
  w.extHeader(REFINED_UNKNOWN_EXT, payload.length + 1);
  w.byte(0x80 | count);
  w.bytes(payload);
}

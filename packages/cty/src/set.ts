/**
 * go-cty set semantics: element identity, de-duplication and canonical order.
 *
 * go-cty stores set elements in hash buckets (CRC-32 IEEE of a textual "hash string" of the
 * value), de-duplicates with `Equals(...) == true` (so unknown elements never merge), and
 * iterates buckets in ascending hash order followed by a stable sort with its `Less` rule:
 * known before unknown, non-null before null, strings bytewise, numbers numerically, false before
 * true, and for every other type bytewise order of the hash strings.
 *
 * @module
 */
import { equals, rawEquals } from "./equality.js";
import { isNotPrint16, isNotPrint32, isPrint16, isPrint32 } from "./go-isprint.js";
import type { CtyNum } from "./number.js";
import { type CtyType, compareUtf8 } from "./types.js";
import { type CtyValue, UnknownRaw } from "./value.js";

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 IEEE of the UTF-8 encoding of `s` (lone surrogates as U+FFFD), without building the bytes. */
export function crc32String(s: string): number {
  let c = 0xffffffff;
  const T = CRC_TABLE;
  for (let i = 0; i < s.length; i++) {
    let u = s.charCodeAt(i);
    if (u < 0x80) {
      c = T[(c ^ u) & 0xff]! ^ (c >>> 8);
      continue;
    }
    if (u < 0x800) {
      c = T[(c ^ (0xc0 | (u >> 6))) & 0xff]! ^ (c >>> 8);
      c = T[(c ^ (0x80 | (u & 63))) & 0xff]! ^ (c >>> 8);
      continue;
    }
    if (u >= 0xd800 && u <= 0xdfff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (u <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((u - 0xd800) << 10) + (d - 0xdc00);
        i++;
        c = T[(c ^ (0xf0 | (cp >> 18))) & 0xff]! ^ (c >>> 8);
        c = T[(c ^ (0x80 | ((cp >> 12) & 63))) & 0xff]! ^ (c >>> 8);
        c = T[(c ^ (0x80 | ((cp >> 6) & 63))) & 0xff]! ^ (c >>> 8);
        c = T[(c ^ (0x80 | (cp & 63))) & 0xff]! ^ (c >>> 8);
        continue;
      }
      u = 0xfffd;
    }
    c = T[(c ^ (0xe0 | (u >> 12))) & 0xff]! ^ (c >>> 8);
    c = T[(c ^ (0x80 | ((u >> 6) & 63))) & 0xff]! ^ (c >>> 8);
    c = T[(c ^ (0x80 | (u & 63))) & 0xff]! ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC-32 (IEEE 802.3), as Go's `crc32.ChecksumIEEE`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const HEX = "0123456789abcdef";

/** Index of the first element >= x (Go's strconv bsearch). */
function bsearch(a: Uint16Array | Uint32Array, x: number): number {
  let i = 0;
  let j = a.length;
  while (i < j) {
    const h = (i + j) >>> 1;
    if (a[h]! < x) i = h + 1;
    else j = h;
  }
  return i;
}

function inRanges(a: Uint16Array | Uint32Array, x: number): boolean {
  const i = bsearch(a, x);
  return i < a.length && x >= a[i & ~1]! && x <= a[i | 1]!;
}

function found(a: Uint16Array, x: number): boolean {
  const i = bsearch(a, x);
  return i < a.length && a[i] === x;
}

/** Go's `strconv.IsPrint` with Go's own Unicode tables. */
export function goIsPrint(r: number): boolean {
  if (r <= 0xff) {
    if (r >= 0x20 && r <= 0x7e) return true;
    if (r >= 0xa1 && r <= 0xff) return r !== 0xad;
    return false;
  }
  if (r < 0x10000) return inRanges(isPrint16, r) && !found(isNotPrint16, r);
  if (!inRanges(isPrint32, r)) return false;
  return r >= 0x20000 || !found(isNotPrint32, r - 0x10000);
}

/** Printable ASCII without `"` or `\\`: what `%q` leaves as it is. */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * Go's `strconv.Quote` (`%q`): double-quoted with Go escapes; runes Go considers printable are
 * kept, others are escaped as `\a \b \f \n \r \t \v`, `\xNN` (controls), `\uNNNN` or
 * `\UNNNNNNNN`. Lone surrogates count as U+FFFD, as they become once encoded to UTF-8.
 */
export function goQuote(s: string): string {
  if (PLAIN_ASCII.test(s)) return `"${s}"`;
  let out = '"';
  for (const ch of s) {
    let r = ch.codePointAt(0)!;
    if (r >= 0xd800 && r <= 0xdfff) r = 0xfffd;
    if (r === 0x22 || r === 0x5c) {
      out += `\\${String.fromCharCode(r)}`;
      continue;
    }
    if (goIsPrint(r)) {
      out += String.fromCodePoint(r);
      continue;
    }
    switch (r) {
      case 7:
        out += "\\a";
        continue;
      case 8:
        out += "\\b";
        continue;
      case 12:
        out += "\\f";
        continue;
      case 10:
        out += "\\n";
        continue;
      case 13:
        out += "\\r";
        continue;
      case 9:
        out += "\\t";
        continue;
      case 11:
        out += "\\v";
        continue;
    }
    if (r < 0x20 || r === 0x7f) out += `\\x${HEX[r >> 4]}${HEX[r & 15]}`;
    else if (r < 0x10000) out += `\\u${r.toString(16).padStart(4, "0")}`;
    else out += `\\U${r.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

/** go-cty's `appendSetHashBytes` as a string (marks are ignored). */
export function setHashString(v: CtyValue): string {
  if (v.raw instanceof UnknownRaw) return "?";
  if (v.raw === null) return "~";
  const t = v.type;
  switch (t.kind) {
    case "number":
      return (v.raw as CtyNum).gString();
    case "bool":
      return v.raw ? "T" : "F";
    case "string":
      return goQuote(v.raw as string);
    case "map": {
      let s = "{";
      for (const [k, e] of v.raw as ReadonlyMap<string, CtyValue>) s += `${goQuote(k)}:${setHashString(e)};`;
      return `${s}}`;
    }
    case "list":
    case "set":
      return `[${(v.raw as readonly CtyValue[]).map((e) => `${setHashString(e)};`).join("")}]`;
    case "object": {
      const m = v.raw as ReadonlyMap<string, CtyValue>;
      // Go's sort.Strings is bytewise, like type.names.
      return `<${t.names.map((n) => `${setHashString(m.get(n)!)};`).join("")}>`;
    }
    case "tuple":
      return `<${(v.raw as readonly CtyValue[]).map((e) => `${setHashString(e)};`).join("")}>`;
    case "capsule":
      return "«?»";
    case "dynamic":
      return "?";
  }
}

/** go-cty's `Value.Hash()` for a set element: CRC-32 IEEE of its hash string. */
export function setHash(v: CtyValue): number {
  return crc32String(setHashString(v));
}

/** go-cty's `setRules.Less` for elements of type `t`. */
export function setLess(t: CtyType, a: CtyValue, b: CtyValue): boolean {
  if (rawEquals(a, b)) return false;
  if (b.isNull && !a.isNull) return true;
  if (a.isNull) return false;
  if (a.isKnown && !b.isKnown) return true;
  if (!a.isKnown) return false;
  switch (t.kind) {
    case "string":
      return compareUtf8(a.raw as string, b.raw as string) < 0;
    case "bool":
      return b.raw === true || a.raw !== true;
    case "number":
      return (a.raw as CtyNum).compare(b.raw as CtyNum) < 0;
    default:
      return compareUtf8(setHashString(a), setHashString(b)) < 0;
  }
}

/**
 * Builds go-cty's canonical element sequence for a set of element type `t` from values that
 * already have type `t` and carry no marks: de-duplicated and ordered like `Set.Values()`.
 */
export function canonicalSetElements(t: CtyType, values: readonly CtyValue[]): CtyValue[] {
  if (t.kind === "string") return canonicalStrings(values);
  const buckets = new Map<number, Entry[]>();
  const kept: Entry[] = [];
  // Known numbers in a crowded bucket (numbers equal to ten digits share one) are matched by
  // their equality key instead of against every element: linear, not quadratic, in collisions.
  let numberKeys: Map<number, Set<string>> | undefined;
  for (const v of values) {
    const hs = setHashString(v);
    const h = crc32String(hs);
    const bucket = buckets.get(h);
    const entry: Entry = { v, hs, rank: v.isNull ? 2 : v.isKnown ? 0 : 1 };
    if (bucket === undefined) buckets.set(h, [entry]);
    else if (t.kind === "number" && entry.rank === 0 && bucket.length >= CROWDED) {
      numberKeys ??= new Map();
      let keys = numberKeys.get(h);
      if (keys === undefined) {
        keys = new Set();
        for (const e of bucket) if (e.rank === 0) keys.add(numberKey(e.v.raw as CtyNum));
        numberKeys.set(h, keys);
      }
      const key = numberKey(v.raw as CtyNum);
      if (keys.has(key)) continue;
      keys.add(key);
      bucket.push(entry);
    } else if (bucket.some((e) => isDefinitelyEqual(e.v, v))) continue;
    else {
      bucket.push(entry);
      if (t.kind === "number" && entry.rank === 0) numberKeys?.get(h)?.add(numberKey(v.raw as CtyNum));
    }
    kept.push(entry);
  }
  let out = kept;
  if (t.kind === "number" || t.kind === "bool") {
    // Equal numbers with different hash strings (0 and -0) tie under Less and keep their
    // buckets' (hash) order, so the buckets are laid out first.
    const ids = [...buckets.keys()].sort((x, y) => x - y);
    out = [];
    for (const id of ids) for (const e of buckets.get(id)!) out.push(e);
  }
  // Otherwise Less orders by hash string and only identical hash strings tie; those share a
  // bucket and keep input order there, so the stable sort of the input order gives the same
  // sequence as go-cty's bucket walk followed by its stable sort.
  // Array.prototype.sort is stable, like Go's sort.SliceStable; the comparator is setLess as a
  // three-way comparison (elements setLess considers neither less nor greater compare equal).
  // Input already in that order (what a go-cty encoder sends) is left as it is.
  let sorted = true;
  for (let i = 1; i < out.length && sorted; i++) sorted = compareEntries(t, out[i - 1]!, out[i]!) <= 0;
  if (!sorted) out.sort((x, y) => compareEntries(t, x, y));
  return out.map((e) => e.v);
}

/** Strings that may order differently by UTF-16 code unit than by UTF-8 byte (surrogates). */
const SURROGATE = /[\ud800-\udfff]/;

/** Bytewise UTF-8 order of two strings, through the engine's comparison where that agrees. */
function nativeOrder(a: string, b: string): number {
  return a < b ? -1 : a === b ? 0 : 1;
}

/**
 * {@link canonicalSetElements} for strings, without hashing. For strings go-cty's order is
 * total on known elements (bytewise), two known elements are equal only when identical (and
 * then share a hash bucket), unknowns never merge and all share the bucket of `?`, and nulls
 * all merge (bucket `~`). So the canonical sequence is: the distinct known strings in bytewise
 * order, then the unknowns in input order, then one null if there was any. Already sorted input
 * (what a go-cty encoder sends) is recognised in one pass and not re-sorted.
 */
function canonicalStrings(values: readonly CtyValue[]): CtyValue[] {
  const known: CtyValue[] = [];
  const unknowns: CtyValue[] = [];
  let nul: CtyValue | undefined;
  let surrogates = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const raw = v.raw;
    if (typeof raw === "string") {
      known.push(v);
      if (!surrogates && SURROGATE.test(raw)) surrogates = true;
    } else if (raw === null) nul ??= v;
    else unknowns.push(v);
  }
  const cmp = surrogates ? compareUtf8 : nativeOrder;
  let sorted = true;
  for (let i = 1; i < known.length; i++) {
    if (cmp(known[i - 1]!.raw as string, known[i]!.raw as string) >= 0) {
      sorted = false;
      break;
    }
  }
  let out = known;
  if (!sorted) {
    // Stable, so the first of identical strings is kept (as go-cty's bucket does).
    known.sort((x, y) => cmp(x.raw as string, y.raw as string));
    out = [];
    let last: string | undefined;
    for (let i = 0; i < known.length; i++) {
      const s = known[i]!.raw as string;
      if (i > 0 && s === last) continue;
      out.push(known[i]!);
      last = s;
    }
  }
  for (const u of unknowns) out.push(u);
  if (nul !== undefined) out.push(nul);
  return out;
}

/** A set element with its hash string and Less rank (0 known, 1 unknown, 2 null). */
interface Entry {
  v: CtyValue;
  hs: string;
  rank: number;
}

function compareEntries(t: CtyType, x: Entry, y: Entry): number {
  if (x.rank !== y.rank) return x.rank - y.rank;
  if (x.rank !== 0) return 0;
  switch (t.kind) {
    case "string":
      return compareUtf8(x.v.raw as string, y.v.raw as string);
    case "bool":
      return x.v.raw === y.v.raw ? 0 : x.v.raw ? 1 : -1;
    case "number": {
      const a = x.v.raw as CtyNum;
      const b = y.v.raw as CtyNum;
      return a.equals(b) ? 0 : a.compare(b);
    }
    default:
      return compareUtf8(x.hs, y.hs);
  }
}

/** Bucket size from which known numbers are matched by {@link numberKey}. */
const CROWDED = 8;

/**
 * A string equal for two known numbers exactly when go-cty's number equality holds: integers
 * by exact value (so -0 and 0 agree), other numbers by the digits and exponent of
 * `Text('f', -1)` (not its zero-padded layout), infinities by sign.
 */
function numberKey(n: CtyNum): string {
  if (n.infinite) return n.negative ? "-inf" : "+inf";
  if (n.isInt()) return n.isZero ? "i0" : `i${n.negative ? "-" : ""}${n.mantissa.toString(36)}p${n.exponent}`;
  return `f${n.shortestKey()}`;
}

function isDefinitelyEqual(a: CtyValue, b: CtyValue): boolean {
  const r = equals(a, b);
  return r.isKnown && r.raw === true;
}
